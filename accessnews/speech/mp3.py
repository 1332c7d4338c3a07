"""MP3 encoding and ID3v2.3 tags with chapter frames.

Encoding pipes raw PCM into LAME while synthesis goes on (pydub would first write a WAV file
and run ffmpeg on it after synthesis: measured in benchmarks/bench_audio.py, the pipe lets
both run at once on two cores). The ID3 tag is assembled here frame by frame, because mutagen
writes frames sorted by size (quodlibet/mutagen#506) and players and ffprobe read chapters in
file order: CTOC first, then each CHAP in chronological order.
"""

from __future__ import annotations

import queue
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (
    CHAP,
    COMM,
    CTOC,
    TALB,
    TDAT,
    TIT2,
    TLAN,
    TLEN,
    TPE1,
    TSSE,
    TYER,
    CTOCFlags,
    Encoding,
    Frame,
)
from mutagen.id3._tags import save_frame
from mutagen.id3._util import BitPaddedInt, ID3SaveConfig

from ..errors import RenderError

_V23 = ID3SaveConfig(3, "/")
_NO_OFFSET = 0xFFFFFFFF  # CHAP byte offsets unused: times are authoritative
TOC_ID = "toc"
# LAME's -q: 7 encodes speech at 64 kbps twice as fast as the default 3 (measured in
# benchmarks/bench_audio.py) with no audible difference for a synthetic voice at 22 kHz.
LAME_QUALITY = 7


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


def _text(kind: type[Frame], value: str) -> Frame:
    return kind(encoding=Encoding.UTF16, text=[value])


def _frames(tags: Tags, chapters: list[Chapter]) -> list[Frame]:
    """The tag's frames in the order they must appear in the file."""
    frames = [_text(TIT2, tags.title)]
    if tags.artist:
        frames.append(_text(TPE1, tags.artist))
    if tags.album:
        frames.append(_text(TALB, tags.album))
    if tags.date:
        frames.append(_text(TYER, tags.date[:4]))
        if len(tags.date) >= 10:  # ID3v2.3 TDAT is DDMM
            frames.append(_text(TDAT, tags.date[8:10] + tags.date[5:7]))
    frames += [
        _text(TLAN, tags.language),
        COMM(encoding=Encoding.UTF16, lang=tags.language, desc="", text=[tags.comment]),
        _text(TLEN, str(tags.length_ms)),
        _text(TSSE, tags.encoder),
        CTOC(
            element_id=TOC_ID,
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=[c.element_id for c in chapters],
            sub_frames=[_text(TIT2, tags.title)],
        ),
    ]
    frames += [
        CHAP(
            element_id=c.element_id,
            start_time=c.start_ms,
            end_time=c.end_ms,
            start_offset=_NO_OFFSET,
            end_offset=_NO_OFFSET,
            sub_frames=[_text(TIT2, c.title)],
        )
        for c in sorted(chapters, key=lambda c: c.start_ms)
    ]
    return frames


def id3_tag(tags: Tags, chapters: list[Chapter], padding: int = 256) -> bytes:
    """An ID3v2.3 tag whose frames keep the order `_frames` gives them."""
    body = b"".join(save_frame(frame, config=_V23) for frame in _frames(tags, chapters))
    body += b"\x00" * padding
    return b"ID3\x03\x00\x00" + BitPaddedInt.to_str(len(body), width=4) + body


class Encoder:
    """LAME fed from a queue by a thread, so encoding overlaps synthesis.

    Mono MP3 at the engine's native sample rate; `finish()` returns the MP3 bytes.
    """

    def __init__(self, sample_rate: int, bitrate: int, workdir: Path) -> None:
        lame = shutil.which("lame")
        if lame is None:
            raise RenderError("LAME is not installed (apt package `lame`; run ./dev setup)")
        self._dir = tempfile.TemporaryDirectory(dir=workdir, prefix=".accessnews-")
        self._out = Path(self._dir.name) / "audio.mp3"
        self._log = Path(self._dir.name) / "lame.log"
        khz = f"{sample_rate / 1000:g}"
        self._process = subprocess.Popen(
            [lame, "--quiet", "-r", "-s", khz, "--bitwidth", "16", "--signed", "--little-endian",
             "-m", "m", "-b", str(bitrate), "-q", str(LAME_QUALITY), "-", str(self._out)],
            stdin=subprocess.PIPE,
            stderr=self._log.open("wb"),  # a file, so LAME never blocks on a full pipe
        )  # fmt: skip
        self._queue: queue.Queue[bytes | None] = queue.Queue()
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        assert self._process.stdin is not None
        try:
            while (chunk := self._queue.get()) is not None:
                self._process.stdin.write(chunk)
        except BrokenPipeError:
            pass  # LAME died; finish() reports its error
        finally:
            self._process.stdin.close()

    def write(self, pcm: bytes) -> None:
        self._queue.put(pcm)

    def finish(self) -> bytes:
        self._queue.put(None)
        self._feeder.join()
        try:
            if self._process.wait() != 0:
                message = self._log.read_text(errors="replace").strip().splitlines()
                raise RenderError(f"LAME failed: {message[-1] if message else 'no message'}")
            return self._out.read_bytes()
        finally:
            self._dir.cleanup()

    def abort(self) -> None:
        """Stop LAME and remove its files (after a synthesis error)."""
        self._process.kill()
        self._queue.put(None)
        self._feeder.join()
        self._process.wait()
        self._dir.cleanup()
