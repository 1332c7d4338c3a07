"""The audio edition: every article's audio in archive order, as MP3 and/or M4B, with chapters.

Each article's audio is decoded once and fed to every edition encoder asked for. The MP3's ID3
tag holds a top-level ordered CTOC whose children are one CTOC per article (titled with the
headline), each listing that article's section CHAPs, shifted to the article's place in the
edition. Article audio is re-encoded through one pipe per format straight to a file, so memory
stays flat however long the edition is; offsets are counted in decoded samples, so chapters
start exactly where the articles do. The pipe's loudness stage (speech/loudness.py) keeps the
edition at -19 LUFS and under -1 dBTP: decoding and encoding again would otherwise push the
articles' peaks up, and an article rendered before that stage existed would stand out. The M4B's
chapters are flat (MP4 chapters do not nest): every section of every article, an article's first
titled with its headline.
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

from ..errors import RenderError
from ..fileio import atomic_path, write_atomic
from .m4b import GENRE, AacEncoder, ffmetadata, mux
from .mp3 import TOC_ID, Chapter, Encoder, chap_frame, ctoc_frame, tag_bytes, text_frame
from .pipe import PipeEncoder
from .sidecars import chapters_json, chapters_vtt

GAP_MS = 1500  # silence between two articles
_SAMPLE_WIDTH = 2  # 16-bit mono PCM between the decoder and LAME


@dataclass(frozen=True)
class Piece:
    """One article's audio (its MP3, or its M4B when no MP3 was made) and its headline."""

    headline: str
    audio: Path

    def chapters(self) -> list[tuple[float, float, str]]:
        """(start, end, title) of the article's chapters in seconds: from the MP3's sidecar
        (Podcasting 2.0 JSON) or from the M4B's own chapters."""
        if self.audio.suffix == ".mp3":
            listed = json.loads(self.audio.with_suffix(".chapters.json").read_text("utf-8"))
            return [(c["startTime"], c["endTime"], c["title"]) for c in listed["chapters"]]
        from mutagen.mp4 import MP4

        m4b = MP4(self.audio)
        starts = [(c.start, c.title) for c in m4b.chapters]
        length = cast(_Info, m4b.info).length
        ends = [start for start, _ in starts[1:]] + [length]
        return [(start, end, title) for (start, title), end in zip(starts, ends, strict=True)]


def piece(headline: str, stem: Path) -> Piece:
    """The article `stem`'s audio to build the edition from: its MP3, else its M4B."""
    mp3 = stem.with_name(f"{stem.name}.mp3")
    return Piece(headline, mp3 if mp3.is_file() else stem.with_name(f"{stem.name}.m4b"))


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


def _decode_into(audio: Path, rate: int, sinks: Sequence[PipeEncoder]) -> int:
    """Decode `audio` to PCM at `rate` into the encoders; returns the number of samples."""
    command = [_tool("ffmpeg"), "-v", "error", "-i", str(audio), "-f", "s16le", "-ac", "1"]
    decoder = subprocess.Popen([*command, "-ar", str(rate), "-"], stdout=subprocess.PIPE)
    assert decoder.stdout is not None
    size = 0
    while chunk := decoder.stdout.read(1 << 16):
        for sink in sinks:
            sink.write(chunk)
        size += len(chunk)
    if decoder.wait() != 0:
        raise RenderError(f"edition: ffmpeg cannot decode {audio.name}")
    return size // _SAMPLE_WIDTH


def _sections(piece: Piece, number: int, start_ms: int, end_ms: int) -> ArticleChapters:
    sections = tuple(
        Chapter(
            f"a{number}c{n}",
            min(start_ms + round(start * 1000), end_ms),
            min(start_ms + round(end * 1000), end_ms),
            title,
            "",
        )
        for n, (start, end, title) in enumerate(piece.chapters(), start=1)
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


class _Info(Protocol):
    """What is read of mutagen's MPEGInfo or MP4Info. A cast is needed because mutagen's types
    are wrong here: `FileType.info = None` at class level types every file's info as None
    (loading sets one, or raises), and MPEGInfo copies its fields from the first frame's
    `__dict__`, so its class declares none of them."""

    sample_rate: int
    length: float


@dataclass(frozen=True)
class AudioEdition:
    files: list[Path]
    duration: float
    articles: tuple[ArticleChapters, ...]


def audio_edition(
    pieces: Sequence[Piece],
    outdir: Path,
    title: str,
    bitrate: int,
    formats: Sequence[str] = ("mp3",),
) -> AudioEdition:
    """Write the edition in `formats` into `outdir`: edition.mp3 with edition.chapters.json
    and edition.chapters.vtt, and/or edition.m4b."""
    from mutagen import File

    rate = cast(_Info, File(pieces[0].audio).info).sample_rate
    gap = bytes(round(GAP_MS * rate / 1000) * _SAMPLE_WIDTH)
    articles: list[ArticleChapters] = []
    encoders: dict[str, PipeEncoder] = {}
    position = 0  # samples
    try:
        if "mp3" in formats:
            encoders["mp3"] = Encoder(rate, bitrate, outdir)
        if "m4b" in formats:
            encoders["m4b"] = AacEncoder(rate, bitrate, outdir)
        for number, piece_ in enumerate(pieces, start=1):
            if number > 1:
                for encoder in encoders.values():
                    encoder.write(gap)
                position += len(gap) // _SAMPLE_WIDTH
            start = position
            position += _decode_into(piece_.audio, rate, list(encoders.values()))
            start_ms, end_ms = start * 1000 // rate, position * 1000 // rate
            articles.append(_sections(piece_, number, start_ms, end_ms))
    except BaseException:
        for encoder in encoders.values():
            encoder.abort()
        raise
    length_ms = position * 1000 // rate
    files: list[Path] = []
    if "mp3" in encoders:
        files += _mp3_edition(encoders["mp3"], outdir, title, articles, length_ms)
    if "m4b" in encoders:
        target = outdir / "edition.m4b"
        sections = [c for a in articles for c in a.sections]
        with encoders["m4b"].finished() as audio:
            mux(audio, ffmetadata({"title": title, "genre": GENRE}, sections), "und", target)
        files.append(target)
    return AudioEdition(files, length_ms / 1000, tuple(articles))


def _mp3_edition(
    encoder: PipeEncoder,
    outdir: Path,
    title: str,
    articles: list[ArticleChapters],
    length_ms: int,
) -> list[Path]:
    """edition.mp3 with its nested chapters, and the article-level chapter sidecars."""
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
    return [mp3, *sidecars]
