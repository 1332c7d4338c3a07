"""The audio serialiser seam: every audio format is written from one Narration.

A serialiser is made before synthesis (`serialiser(job)` in its module, named in
accessnews/formats.py), is given the narration's PCM while it is synthesised (`feed`: an encoder
that streams, like LAME, overlaps synthesis on another core; one that does not simply ignores
it and reads `narration.pcm_path` later), and writes its files once the timeline is complete
(`finish`). Synthesis therefore runs once per article however many audio formats are asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from ..formats import FORMATS
from ..model import Article
from .narration import Narration
from .shared import SharedEncodes


@dataclass(frozen=True)
class AudioJob:
    """What every serialiser of one article's narration knows before synthesis starts."""

    article: Article
    outdir: Path
    stem: str
    sample_rate: int
    bitrate: int  # kbps, for the lossy encoders
    language: str  # ISO 639-2 (tags and MP4 tracks use it)
    voice: str  # "ENGINE voice ID", for the encoder tag
    # What two formats encode alike is encoded once (shared.py).
    encodes: SharedEncodes = field(default_factory=SharedEncodes, compare=False)

    @property
    def artist(self) -> str | None:
        return ", ".join(self.article.bylines) or None

    def description(self) -> str:
        """What podcast and audiobook apps show as the description: the standfirst and, for
        a page read from the web, its address; never a local path."""
        article = self.article
        parts = [article.standfirst or article.headline]
        if article.source and article.source.startswith(("http://", "https://")):
            parts.append(f"Source: {article.source}")
        return "\n".join(parts)


class AudioSerialiser(Protocol):
    def feed(self, pcm: bytes) -> None:
        """The next PCM of the narration, in order, while it is synthesised."""

    def finish(self, narration: Narration) -> list[Path]:
        """Write the format's files from the complete narration; the paths written."""

    def abort(self) -> None:
        """Synthesis failed: stop and remove whatever was started."""


class Encode(Protocol):
    """What a streaming serialiser feeds: an encoder, or its share of one (shared.py)."""

    def write(self, pcm: bytes) -> None: ...

    def abort(self) -> None: ...


E = TypeVar("E", bound=Encode)


class Streaming(Generic[E]):
    """The base of a serialiser that encodes the narration while it is synthesised."""

    def __init__(self, job: AudioJob, encoder: E) -> None:
        self._job = job
        self._encoder = encoder

    def feed(self, pcm: bytes) -> None:
        self._encoder.write(pcm)

    def abort(self) -> None:
        self._encoder.abort()


def serialiser(name: str, job: AudioJob) -> AudioSerialiser:
    """The serialiser of audio format `name` for one article."""
    module = importlib.import_module(FORMATS[name].module)
    made: AudioSerialiser = module.serialiser(job)
    return made
