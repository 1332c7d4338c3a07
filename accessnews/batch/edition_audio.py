"""The edition MP3: every article's audio in archive order, with nested chapters.

The ID3 tag holds a top-level ordered CTOC whose children are one CTOC per article (titled with
the headline), each listing that article's section CHAPs, shifted to the article's place in the
edition. Article audio is decoded from the per-article MP3s and re-encoded through one LAME pipe
straight to a file, so memory stays flat however long the edition is; offsets are counted in
decoded samples, so chapters start exactly where the articles do.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import CHAP, CTOC, TIT2, TLEN, TSSE, CTOCFlags, Encoding, Frame
from mutagen.id3._tags import save_frame
from mutagen.id3._util import BitPaddedInt, ID3SaveConfig
from mutagen.mp3 import MP3

from ..errors import RenderError
from ..fileio import atomic_path, write_atomic
from ..speech.mp3 import LAME_QUALITY, TOC_ID, Chapter
from ..speech.sidecars import chapters_json, chapters_vtt

GAP_MS = 1500  # silence between two articles
_V23 = ID3SaveConfig(3, "/")
_NO_OFFSET = 0xFFFFFFFF
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


def _decode_into(mp3: Path, rate: int, sink: subprocess.Popen[bytes]) -> int:
    """Decode `mp3` to PCM at `rate` into LAME's stdin; returns the number of samples."""
    command = [_tool("ffmpeg"), "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1"]
    decoder = subprocess.Popen([*command, "-ar", str(rate), "-"], stdout=subprocess.PIPE)
    assert decoder.stdout is not None and sink.stdin is not None
    size = 0
    while chunk := decoder.stdout.read(1 << 16):
        sink.stdin.write(chunk)
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


def _title(text: str) -> Frame:
    return TIT2(encoding=Encoding.UTF16, text=[text])


def nested_tag(title: str, articles: Sequence[ArticleChapters], length_ms: int) -> bytes:
    """ID3v2.3 tag: a top-level ordered CTOC of per-article ordered CTOCs of section CHAPs."""
    frames: list[Frame] = [
        _title(title),
        TLEN(encoding=Encoding.UTF16, text=[str(length_ms)]),
        TSSE(encoding=Encoding.UTF16, text=["accessnews edition (LAME)"]),
        CTOC(
            element_id=TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=[a.toc_id for a in articles],
            sub_frames=[_title(title)],
        ),
    ]
    for article in articles:
        frames.append(
            CTOC(
                element_id=article.toc_id,
                flags=CTOCFlags.ORDERED,
                child_element_ids=[c.element_id for c in article.sections],
                sub_frames=[_title(article.span.title)],
            )
        )
    frames += [
        CHAP(
            element_id=c.element_id,
            start_time=c.start_ms,
            end_time=c.end_ms,
            start_offset=_NO_OFFSET,
            end_offset=_NO_OFFSET,
            sub_frames=[_title(c.title)],
        )
        for article in articles
        for c in article.sections
    ]
    body = b"".join(save_frame(frame, config=_V23) for frame in frames) + b"\x00" * 256
    return b"ID3\x03\x00\x00" + BitPaddedInt.to_str(len(body), width=4) + body


@dataclass(frozen=True)
class AudioEdition:
    files: list[Path]
    duration: float
    articles: tuple[ArticleChapters, ...]


def audio_edition(pieces: Sequence[Piece], outdir: Path, title: str, bitrate: int) -> AudioEdition:
    """Write edition.mp3, edition.chapters.json and edition.chapters.vtt into `outdir`."""
    rate = MP3(pieces[0].mp3).info.sample_rate
    gap = bytes(round(GAP_MS * rate / 1000) * _SAMPLE_WIDTH)
    articles: list[ArticleChapters] = []
    with tempfile.TemporaryDirectory(dir=outdir, prefix=".edition-") as scratch:
        encoded = Path(scratch) / "audio.mp3"
        lame = subprocess.Popen(
            [_tool("lame"), "--quiet", "-r", "-s", f"{rate / 1000:g}", "--bitwidth", "16",
             "--signed", "--little-endian", "-m", "m", "-b", str(bitrate),
             "-q", str(LAME_QUALITY), "--noreplaygain", "-", str(encoded)],
            stdin=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # LAME warns about libsndfile and raw input; not for users
        )  # fmt: skip
        assert lame.stdin is not None
        position = 0  # samples
        try:
            for number, piece in enumerate(pieces, start=1):
                if number > 1:
                    lame.stdin.write(gap)
                    position += len(gap) // _SAMPLE_WIDTH
                start = position
                position += _decode_into(piece.mp3, rate, lame)
                start_ms, end_ms = start * 1000 // rate, position * 1000 // rate
                articles.append(_sections(piece, number, start_ms, end_ms))
        finally:
            lame.stdin.close()
            if lame.wait() != 0:
                raise RenderError("edition: LAME failed to encode the edition")
        length_ms = position * 1000 // rate
        mp3 = outdir / "edition.mp3"
        with atomic_path(mp3) as target, open(target, "wb") as out, open(encoded, "rb") as audio:
            out.write(nested_tag(title, articles, length_ms))
            shutil.copyfileobj(audio, out)
            out.flush()
            os.fsync(out.fileno())
    spans = [a.span for a in articles]
    sidecars = [outdir / "edition.chapters.json", outdir / "edition.chapters.vtt"]
    write_atomic(sidecars[0], chapters_json(spans, title, None))
    write_atomic(sidecars[1], chapters_vtt(spans))
    return AudioEdition([mp3, *sidecars], length_ms / 1000, tuple(articles))
