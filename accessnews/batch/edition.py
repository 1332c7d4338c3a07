"""`--edition`: the whole archive as one audio book (MP3, M4B) and one braille volume set.

The writers' own modules make them (speech/edition.py, braille/edition.py); this module only
decides when. Built in the parent process after the batch, from the per-article outputs (MP3
and chapters sidecar, or M4B, for audio; the model JSON for braille), so it needs no second
reading or cleaning. It is rebuilt only when one of those outputs, the options or the article
list changed since the last edition (re-encoding an edition's audio is the slow part).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..braille.edition import braille_edition
from ..errors import AccessnewsError
from ..fileio import write_atomic
from ..model_json import loads
from ..render import RenderOptions
from ..speech.edition import audio_edition, piece
from .report import UNCHANGED, Line
from .work import MODEL_SUFFIX

STATE_NAME = ".accessnews-edition.json"


def _key(outdir: Path, lines: Sequence[Line], options: RenderOptions, title: str) -> str:
    """What the edition depends on: the articles' output files (name, size, time), options."""
    digest = hashlib.sha256(f"{title}\0{options!r}\0{__version__}".encode())
    for name in (name for line in lines for name in line.files):
        info = (outdir / name).stat()
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _previous(outdir: Path, key: str) -> dict[str, Any] | None:
    """The last edition's report entry if it was made from the same inputs and still exists."""
    try:
        state = json.loads((outdir / STATE_NAME).read_text(encoding="utf-8"))
        entry: dict[str, Any] = state["entry"]
        if state["key"] == key and all((outdir / name).is_file() for name in entry["files"]):
            return entry | {"reason": UNCHANGED}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def write_edition(
    outdir: Path, lines: Sequence[Line], options: RenderOptions, title: str
) -> dict[str, Any]:
    """The edition of every article that has outputs, unless it is up to date; its report entry."""
    lines = [line for line in lines if line.output and line.files]
    if not lines:
        raise AccessnewsError("edition: no article of the archive was rendered")
    key = _key(outdir, lines, options, title)
    previous = _previous(outdir, key)
    if previous is not None:
        return previous
    entry = _write(outdir, [str(line.output) for line in lines], options, title)
    write_atomic(outdir / STATE_NAME, json.dumps({"key": key, "entry": entry}))
    return entry


def _write(outdir: Path, stems: list[str], options: RenderOptions, title: str) -> dict[str, Any]:
    articles = [loads((outdir / f"{s}{MODEL_SUFFIX}").read_text(encoding="utf-8")) for s in stems]
    entry: dict[str, Any] = {"articles": len(stems), "files": []}
    audio_formats = options.writer_formats("audio")
    if options.audio is not None and audio_formats:
        pieces = [piece(a.headline, outdir / s) for a, s in zip(articles, stems, strict=True)]
        audio = audio_edition(pieces, outdir, title, options.audio.bitrate, audio_formats)
        entry["files"] += [p.name for p in audio.files]
        entry["duration"] = round(audio.duration, 3)
        entry["chapters"] = sum(len(a.sections) for a in audio.articles)
    if options.braille is not None and options.writer_formats("braille"):
        braille = braille_edition(
            articles, outdir, title, options.braille, options.writer_formats("braille")
        )
        entry["files"] += [p.name for p in braille.files]
        entry["pages"] = braille.pages
        entry["starts"] = list(braille.starts)
        entry["volumes"] = braille.volumes
    return entry
