"""The output formats `--formats` names, which writer makes each, and their report names.

Plain data, read at start-up: a serialiser's module is imported only when its format is asked
for. Adding an audio format is adding its module (a `serialiser(job)` function, see
speech/serialise.py) and one entry here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError


@dataclass(frozen=True)
class Format:
    writer: str  # the writer that makes it: "audio" (from the narration) or "braille"
    outputs: tuple[str, ...]  # its names in report.json's per-output status
    suffixes: tuple[str, ...]  # its files, STEM + suffix (what `render` will not overwrite)
    module: str = ""  # an audio format's serialiser module


FORMATS: dict[str, Format] = {
    "mp3": Format(
        "audio",
        ("mp3", "chapters"),
        (".mp3", ".chapters.json", ".chapters.vtt"),
        "accessnews.speech.mp3_format",
    ),
    "m4b": Format("audio", ("m4b",), (".m4b",), "accessnews.speech.m4b"),
    "daisy": Format("audio", ("daisy",), (".daisy",), "accessnews.talkingbook.daisy"),
    "epub": Format("audio", ("epub",), (".epub",), "accessnews.talkingbook.epub"),
    "transcript": Format(
        "audio", ("transcript",), (".transcript.vtt",), "accessnews.feed.captions"
    ),
    "brf": Format("braille", ("brf",), (".brf",)),
    "pef": Format("braille", ("pef",), (".pef",)),
    "preview": Format("braille", ("preview",), (".braille.txt",)),
    "proof": Format("braille", ("proof",), (".proof.html",)),
}
DEFAULT_FORMATS = ("mp3", "brf", "pef", "preview", "proof")
ALL = "all"


def parse_formats(text: str) -> tuple[str, ...]:
    """`--formats` as format names in FORMATS order; `all` for every one."""
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in FORMATS and name != ALL]
    if unknown or not names:
        raise UsageError(
            f"--formats: unknown format {', '.join(unknown) or repr(text)}; "
            f"choose from {', '.join(FORMATS)} or {ALL}"
        )
    return tuple(name for name in FORMATS if ALL in names or name in names)


def of_writer(formats: tuple[str, ...], writer: str) -> tuple[str, ...]:
    """The formats among `formats` that `writer` makes."""
    return tuple(name for name in formats if FORMATS[name].writer == writer)


def existing_outputs(outdir: Path, stem: str, formats: Iterable[str]) -> list[Path]:
    """The files of `formats` for `stem` that are in `outdir` already."""
    paths = (outdir / f"{stem}{suffix}" for name in formats for suffix in FORMATS[name].suffixes)
    return [path for path in paths if path.exists()]
