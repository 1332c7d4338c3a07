"""`--edition`: one MP3 and one braille volume for the whole archive, in archive order.

Built in the parent process after the batch, from the per-article outputs (MP3 and chapters
sidecar for audio, the model JSON for braille), so it needs no second reading or cleaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import AccessnewsError
from ..model_json import loads
from ..render import RenderOptions
from .edition_audio import Piece, audio_edition
from .edition_braille import braille_edition
from .report import Line
from .work import MODEL_SUFFIX


def write_edition(
    outdir: Path, lines: Sequence[Line], options: RenderOptions, title: str
) -> dict[str, Any]:
    """Write the edition files of every article that has outputs; the report's edition entry."""
    stems = [line.output for line in lines if line.output and line.files]
    if not stems:
        raise AccessnewsError("edition: no article of the archive was rendered")
    articles = [loads((outdir / f"{s}{MODEL_SUFFIX}").read_text(encoding="utf-8")) for s in stems]
    entry: dict[str, Any] = {"articles": len(stems), "files": []}
    if options.audio is not None:
        pieces = [
            Piece(a.headline, outdir / f"{s}.mp3", outdir / f"{s}.chapters.json")
            for a, s in zip(articles, stems, strict=True)
        ]
        audio = audio_edition(pieces, outdir, title, options.audio.bitrate)
        entry["files"] += [p.name for p in audio.files]
        entry["duration"] = round(audio.duration, 3)
        entry["chapters"] = sum(len(a.sections) for a in audio.articles)
    if options.braille is not None:
        braille = braille_edition(articles, outdir, title, options.braille)
        entry["files"] += [p.name for p in braille.files]
        entry["pages"] = braille.pages
        entry["starts"] = list(braille.starts)
    return entry
