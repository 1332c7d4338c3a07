"""The edition MP3: every article's audio in archive order, with nested chapters.

The ID3 tag holds a top-level ordered CTOC whose children are one CTOC per article (titled with
the headline), each listing that article's section CHAPs, shifted to the article's place in the
edition. Article audio is decoded from the per-article MP3s and re-encoded through one LAME pipe
straight to a file, so memory stays flat however long the edition is; offsets are counted in
decoded samples, so chapters start exactly where the articles do. The pipe's loudness stage
(speech/loudness.py) keeps the edition at -19 LUFS and under -1 dBTP: decoding and encoding
again would otherwise push the articles' peaks up, and an article rendered before that stage
existed would stand out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, cast

from mutagen.id3 import TIT2, TLEN, TSSE, Frame
from mutagen.mp3 import MP3

from ..errors import RenderError
from ..fileio import atomic_path, write_atomic
from ..speech.mp3 import TOC_ID, Chapter, Encoder, chap_frame, ctoc_frame, tag_bytes, text_frame
from ..speech.sidecars import chapters_json, chapters_vtt

GAP_MS = 1500  # silence between two articles
_SAMPLE_WIDTH = 2  # 16-bit mono PCM between the decoder and LAME


@dataclass(frozen=True)
class Piece:
    """One article's audio: its headline, MP3 and chapters sidecar (Podcasting 2.0 JSON)."""

    headline: str
    mp3: Path
    chapters: Path


@dataclass(frozen=True)
class ArticleChapters:
    """Where one article sits in the edition, and its section chapters at edition times."""

    toc_id: str
    span: Chapter
    sections: tuple[Chapter, ...]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise RenderError(f"{name} is not installed (run ./dev setup)")
    return path


def _decode_into(mp3: Path, rate: int, sink: Encoder) -> int:
    """Decode `mp3` to PCM at `rate` into the encoder; returns the number of samples."""
    command = [_tool("ffmpeg"), "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1"]
    decoder = subprocess.Popen([*command, "-ar", str(rate), "-"], stdout=subprocess.PIPE)
    assert decoder.stdout is not None
    size = 0
    while chunk := decoder.stdout.read(1 << 16):
        sink.write(chunk)
        size += len(chunk)
    if decoder.wait() != 0:
        raise RenderError(f"edition: ffmpeg cannot decode {mp3.name}")
    return size // _SAMPLE_WIDTH


def _sections(piece: Piece, number: int, start_ms: int, end_ms: int) -> ArticleChapters:
    listed = json.loads(piece.chapters.read_text(encoding="utf-8"))["chapters"]
    sections = tuple(
        Chapter(
            f"a{number}c{n}",
            min(start_ms + round(c["startTime"] * 1000), end_ms),
            min(start_ms + round(c["endTime"] * 1000), end_ms),
            c["title"],
            "",
        )
        for n, c in enumerate(listed, start=1)
    )
    span = Chapter(f"a{number}", start_ms, end_ms, piece.headline, "")
    return ArticleChapters(f"a{number}", span, sections)


def nested_tag(title: str, articles: Sequence[ArticleChapters], length_ms: int) -> bytes:
    """ID3v2.3 tag: a top-level ordered CTOC of per-article ordered CTOCs of section CHAPs."""
    frames: list[Frame] = [
        text_frame(TIT2, title),
        text_frame(TLEN, str(length_ms)),
        text_frame(TSSE, "accessnews edition (LAME)"),
        ctoc_frame(TOC_ID, [a.toc_id for a in articles], title),
    ]
    frames += [
        ctoc_frame(a.toc_id, [c.element_id for c in a.sections], a.span.title, top_level=False)
        for a in articles
    ]
    frames += [chap_frame(c) for a in articles for c in a.sections]
    return tag_bytes(frames)


class _MpegInfo(Protocol):
    """What is read of mutagen's MPEGInfo. A cast is needed because mutagen's types are wrong
    here: `FileType.info = None` at class level types every file's info as None (MP3() sets an
    MPEGInfo on load, or raises), and MPEGInfo copies its fields from the first frame's
    `__dict__`, so its class declares none of them."""

    sample_rate: int


@dataclass(frozen=True)
class AudioEdition:
    files: list[Path]
    duration: float
    articles: tuple[ArticleChapters, ...]


def audio_edition(pieces: Sequence[Piece], outdir: Path, title: str, bitrate: int) -> AudioEdition:
    """Write edition.mp3, edition.chapters.json and edition.chapters.vtt into `outdir`."""
    rate = cast(_MpegInfo, MP3(pieces[0].mp3).info).sample_rate
    gap = bytes(round(GAP_MS * rate / 1000) * _SAMPLE_WIDTH)
    articles: list[ArticleChapters] = []
    encoder = Encoder(rate, bitrate, outdir)
    position = 0  # samples
    try:
        for number, piece in enumerate(pieces, start=1):
            if number > 1:
                encoder.write(gap)
                position += len(gap) // _SAMPLE_WIDTH
            start = position
            position += _decode_into(piece.mp3, rate, encoder)
            start_ms, end_ms = start * 1000 // rate, position * 1000 // rate
            articles.append(_sections(piece, number, start_ms, end_ms))
    except BaseException:
        encoder.abort()
        raise
    length_ms = position * 1000 // rate
    mp3 = outdir / "edition.mp3"
    with atomic_path(mp3) as target, open(target, "wb") as out:
        out.write(nested_tag(title, articles, length_ms))
        encoder.finish_into(out)
        out.flush()
        os.fsync(out.fileno())
    spans = [a.span for a in articles]
    sidecars = [outdir / "edition.chapters.json", outdir / "edition.chapters.vtt"]
    write_atomic(sidecars[0], chapters_json(spans, title, None))
    write_atomic(sidecars[1], chapters_vtt(spans))
    return AudioEdition([mp3, *sidecars], length_ms / 1000, tuple(articles))
