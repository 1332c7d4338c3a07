"""MP3 encoding and ID3v2.3 tags with chapter frames.

Encoding pipes raw PCM into LAME while synthesis goes on, through the loudness stage
(loudness.py: -19 LUFS, true peak at most -1 dBTP) on the way. pydub would need the whole audio
first, then write a WAV file and run ffmpeg on it: for the reference article's 222 s of speech
its export took 2.2 s against 0.64 s for this pipe (benchmarks/bench_audio.py), and the pipe
also overlaps synthesis on a second core.

The ID3 tag is assembled here frame by frame, because mutagen writes frames sorted by size
(quodlibet/mutagen#506) and players and ffprobe read chapters in file order: CTOC first, then
each CHAP in chronological order.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mutagen is imported where tags are built: after synthesis, while LAME ends
    from mutagen.id3 import CHAP, CTOC, Frame

from ..errors import RenderError
from .loudness import MAX_TRUE_PEAK_DBTP, TARGET_LUFS
from .pipe import LoudnessTarget, PipeEncoder

_NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets unused: times are authoritative
TOC_ID = "toc"
# LAME's -q: 7 encodes speech at 64 kbps twice as fast as the default 3 (measured in
# benchmarks/bench_audio.py) with no audible difference for a synthetic voice at 22 kHz;
# --noreplaygain saves another fifth (a synthetic voice has a constant level anyway).
LAME_QUALITY = 7
# What LAME 3.100 does to the level, measured on the reference article and a 1 kHz tone: its
# MP3s decode 0.4 dB quieter than their PCM, at every bitrate (with ffmpeg's and LAME's own
# decoders). The loudness stage aims that much higher.
LAME_LEVEL_DB = -0.4
# How far encoding raised the true peak (before the 0.4 dB above), measured on the reference
# article limited at -1.5 dBTP: coding noise grows as the bitrate falls. With these,
# the ceiling on the PCM keeps every MP3 about 0.5 dB under -1 dBTP.
OVERSHOOT_DB = {8: 2.0, 16: 1.0, 24: 0.6}
OVERSHOOT_DB_FROM_32_KBPS = 0.3


@dataclass(frozen=True)
class Chapter:
    element_id: str
    start_ms: int
    end_ms: int
    title: str
    block_id: str


@dataclass(frozen=True)
class Tags:
    title: str
    artist: str | None
    album: str | None
    date: str | None  # ISO 8601 (YYYY-MM-DD or YYYY)
    language: str  # ISO 639-2
    comment: str
    length_ms: int
    encoder: str


def text_frame(kind: type[Frame], value: str) -> Frame:
    """A text frame in UTF-16, the Unicode encoding ID3v2.3 knows."""
    from mutagen.id3 import Encoding

    return kind(encoding=Encoding.UTF16, text=[value])


def chap_frame(chapter: Chapter) -> CHAP:
    from mutagen.id3 import CHAP, TIT2

    return CHAP(
        element_id=chapter.element_id,
        start_time=chapter.start_ms,
        end_time=chapter.end_ms,
        start_offset=_NO_OFFSET,
        end_offset=_NO_OFFSET,
        sub_frames=[text_frame(TIT2, chapter.title)],
    )


def ctoc_frame(element_id: str, children: list[str], title: str, top_level: bool = True) -> CTOC:
    """An ordered table of contents (players hide chapters without a top-level one)."""
    from mutagen.id3 import CTOC, TIT2, CTOCFlags

    flags = CTOCFlags.ORDERED | (CTOCFlags.TOP_LEVEL if top_level else 0)
    return CTOC(
        element_id=element_id,
        flags=flags,
        child_element_ids=children,
        sub_frames=[text_frame(TIT2, title)],
    )


def _frames(tags: Tags, chapters: list[Chapter]) -> list[Frame]:
    """The tag's frames in the order they must appear in the file."""
    from mutagen.id3 import COMM, TALB, TDAT, TIT2, TLAN, TLEN, TPE1, TSSE, TYER, Encoding

    frames = [text_frame(TIT2, tags.title)]
    if tags.artist:
        frames.append(text_frame(TPE1, tags.artist))
    if tags.album:
        frames.append(text_frame(TALB, tags.album))
    if tags.date:
        frames.append(text_frame(TYER, tags.date[:4]))
        if len(tags.date) >= 10:  # ID3v2.3 TDAT is DDMM
            frames.append(text_frame(TDAT, tags.date[8:10] + tags.date[5:7]))
    ordered = sorted(chapters, key=lambda c: c.start_ms)
    frames += [
        text_frame(TLAN, tags.language),
        COMM(encoding=Encoding.UTF16, lang=tags.language, desc="", text=[tags.comment]),
        text_frame(TLEN, str(tags.length_ms)),
        text_frame(TSSE, tags.encoder),
        ctoc_frame(TOC_ID, [c.element_id for c in ordered], tags.title),
    ]
    return frames + [chap_frame(c) for c in ordered]


def tag_bytes(frames: list[Frame], padding: int = 256) -> bytes:
    """An ID3v2.3 tag holding `frames` exactly in the order given (mutagen would sort them)."""
    from mutagen.id3._tags import save_frame
    from mutagen.id3._util import BitPaddedInt, ID3SaveConfig

    v23 = ID3SaveConfig(3, "/")
    body = b"".join(save_frame(frame, config=v23) for frame in frames) + b"\x00" * padding
    return b"ID3\x03\x00\x00" + BitPaddedInt.to_str(len(body), width=4) + body


def id3_tag(tags: Tags, chapters: list[Chapter]) -> bytes:
    """The article's tag: metadata, then one top-level CTOC, then CHAPs in time order."""
    return tag_bytes(_frames(tags, chapters))


def lame_version() -> str:
    """LAME's version ("3.100"), for `accessnews --version`; "not installed" without it."""
    lame = shutil.which("lame")
    if lame is None:
        return "not installed"
    banner = subprocess.run([lame, "--version"], capture_output=True, text=True).stdout
    words = banner.split("version", 1)[-1].split()
    return words[0] if words else "unknown"


def lame_command(sample_rate: int, bitrate: int, out: Path) -> list[str]:
    """LAME reading raw mono PCM on stdin, writing CBR MP3 to `out`."""
    lame = shutil.which("lame")
    if lame is None:
        raise RenderError("LAME is not installed (apt package `lame`; run ./dev setup)")
    khz = f"{sample_rate / 1000:g}"
    return [lame, "--quiet", "-r", "-s", khz, "--bitwidth", "16", "--signed", "--little-endian",
            "-m", "m", "-b", str(bitrate), "-q", str(LAME_QUALITY), "--noreplaygain", "-",
            str(out)]  # fmt: skip


class Encoder(PipeEncoder):
    """Mono MP3 at the engine's native sample rate; `finish()` returns the MP3 bytes. The audio
    keeps its length to the sample, so times counted on the PCM written hold in the MP3."""

    def __init__(self, sample_rate: int, bitrate: int, workdir: Path) -> None:
        overshoot = OVERSHOOT_DB.get(bitrate, OVERSHOOT_DB_FROM_32_KBPS)
        super().__init__(
            lambda out: lame_command(sample_rate, bitrate, out),
            "mp3",
            workdir,
            LoudnessTarget(
                sample_rate,
                target=TARGET_LUFS - LAME_LEVEL_DB,
                ceiling=MAX_TRUE_PEAK_DBTP - 0.5 - overshoot - LAME_LEVEL_DB,
            ),
        )
