"""The files each writer makes for an article STEM, so `render` can refuse to overwrite them
before any work (tests/test_api.py checks this list against what the writers really write)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SUFFIXES = {
    "audio": (".mp3", ".chapters.json", ".chapters.vtt"),
    "braille": (".brf", ".pef", ".braille.txt", ".proof.html"),
}


def existing_outputs(outdir: Path, stem: str, writers: Iterable[str]) -> list[Path]:
    """The outputs of `writers` for `stem` that are in `outdir` already."""
    candidates = (outdir / f"{stem}{suffix}" for name in writers for suffix in SUFFIXES[name])
    return [path for path in candidates if path.exists()]
