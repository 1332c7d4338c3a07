"""The episodes of a feed: each article of a batch folder that has a model and an MP3.

A batch writes `STEM.model.json` beside `STEM.mp3` (and its chapter files); the model gives the
title, description, date and the transcript's text, the MP3 its real size and duration.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..batch.work import MODEL_SUFFIX
from ..errors import InputError
from ..model import Article
from ..model_json import loads


@dataclass(frozen=True)
class Episode:
    stem: str  # path of the article's outputs in the folder, without suffix, "/"-separated
    article: Article
    size: int  # bytes of the MP3
    seconds: float  # the MP3's duration
    published: datetime  # the article's date, or the MP3's time when it has none

    def path(self, suffix: str) -> str:
        """The folder-relative path of one of the article's files ("a/b.mp3")."""
        return self.stem + suffix


def _models(outdir: Path) -> Iterator[Path]:
    """Every model JSON in the folder tree, in path order, skipping hidden names."""
    for folder, dirs, files in os.walk(outdir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(MODEL_SUFFIX) and not name.startswith("."):
                yield Path(folder) / name


def _published(value: str | None, audio: Path) -> datetime:
    """The model's ISO 8601 date (midnight UTC for a date alone), else the MP3's time."""
    if value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.fromtimestamp(audio.stat().st_mtime, UTC)


def _duration(audio: Path) -> float:
    from mutagen import MutagenError
    from mutagen.mp3 import MP3

    try:
        info = MP3(audio).info
    except MutagenError as error:
        raise InputError(f"{audio}: not a readable MP3 ({error})") from None
    if info is None:
        raise InputError(f"{audio}: not a readable MP3 (no audio frames)")
    return float(info.length)


def find_episodes(outdir: Path) -> list[Episode]:
    """The folder's articles with audio, newest first (the order podcast apps expect)."""
    found = []
    for model in _models(outdir):
        stem = model.relative_to(outdir).as_posix()[: -len(MODEL_SUFFIX)]
        audio = outdir / f"{stem}.mp3"
        if not audio.is_file():  # rendered with --no-audio
            continue
        try:
            article = loads(model.read_text(encoding="utf-8"))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{model}: not an accessnews model JSON ({error})") from None
        published = _published(article.published, audio)
        size = audio.stat().st_size
        found.append(Episode(stem, article, size, _duration(audio), published))
    return sorted(found, key=lambda e: (e.published, e.stem), reverse=True)
