"""The M4B serialiser: STEM.m4b, AAC in MP4 with chapters, for audiobook apps.

ffmpeg's AAC encoder runs on the narration's PCM while it is synthesised (speech/pipe.py, with
the same loudness stage as the MP3), writing a plain MP4; once the timeline is complete the
audio is copied, not encoded again, into the M4B with the tags and chapters. ffmpeg's ipod
muxer writes the chapters both ways players read them: a Nero `chpl` atom in `moov/udta`
(read by mutagen, VLC and most Android players) and a QuickTime chapter text track referenced
by the audio track's `tref/chap` (read by Apple's players); `-movflags disable_chpl` exists to
turn the first off, so it is on by default. Chapter times are the MP3's, in milliseconds.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from ..errors import RenderError
from ..fileio import atomic_path
from .loudness import MAX_TRUE_PEAK_DBTP, TARGET_LUFS
from .mp3 import Chapter
from .narration import Narration
from .pipe import LoudnessTarget, PipeEncoder
from .serialise import AudioJob, Streaming

GENRE = "Speech"
BRAND = "M4B "  # the audiobook brand (the ipod muxer would say M4A, a music file)
# ffmpeg's default AAC coder (twoloop) took 5.8 s of CPU for the reference article's 234 s of
# speech at 64 kbps; "fast" took 0.94 s, and its decoded waveform was closer to the PCM (SNR
# 30.9 dB against 23.3 dB): the synthetic voice gains nothing from the slow search.
# AAC's overshoot at speech bitrates, measured like the MP3's (the loudness stage aims under it).
AAC_OVERSHOOT_DB = 0.5


def ffmpeg() -> str:
    path = shutil.which("ffmpeg")
    if path is None:
        raise RenderError("ffmpeg is not installed (apt package `ffmpeg`; run ./dev setup)")
    return path


def aac_command(sample_rate: int, bitrate: int, out: Path) -> list[str]:
    """ffmpeg reading raw mono PCM on stdin, writing AAC-LC in a plain MP4 to `out`."""
    return [ffmpeg(), "-v", "error", "-f", "s16le", "-ar", str(sample_rate), "-ac", "1",
            "-i", "-", "-c:a", "aac", "-aac_coder", "fast", "-b:a", f"{bitrate}k", "-f", "mp4",
            str(out)]  # fmt: skip


class AacEncoder(PipeEncoder):
    def __init__(self, sample_rate: int, bitrate: int, workdir: Path) -> None:
        super().__init__(
            lambda out: aac_command(sample_rate, bitrate, out),
            "m4a",
            workdir,
            LoudnessTarget(sample_rate, TARGET_LUFS, MAX_TRUE_PEAK_DBTP - 0.5 - AAC_OVERSHOOT_DB),
        )


def _escape(value: str) -> str:
    """A value for ffmpeg's metadata file: `=`, `;`, `#`, `\\` and line breaks escaped."""
    for char in "\\=;#\n":
        value = value.replace(char, "\\" + char)
    return value


def ffmetadata(tags: dict[str, str], chapters: Sequence[Chapter]) -> str:
    """ffmpeg's metadata file: the file's tags, then one [CHAPTER] per chapter in ms."""
    lines = [";FFMETADATA1", *(f"{key}={_escape(value)}" for key, value in tags.items())]
    for chapter in chapters:
        lines += [
            "[CHAPTER]",
            "TIMEBASE=1/1000",
            f"START={chapter.start_ms}",
            f"END={chapter.end_ms}",
            f"title={_escape(chapter.title)}",
        ]
    return "\n".join(lines) + "\n"


def mux(audio: Path, metadata: str, language: str, target: Path) -> None:
    """Copy the AAC of `audio` into the M4B `target` with the tags and chapters of `metadata`."""
    meta_file = audio.with_name("metadata.txt")
    meta_file.write_text(metadata, encoding="utf-8")
    with atomic_path(target) as tmp:
        done = subprocess.run(
            [ffmpeg(), "-v", "error", "-y", "-i", str(audio), "-f", "ffmetadata",
             "-i", str(meta_file), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1",
             "-c", "copy", "-metadata:s:a:0", f"language={language}", "-f", "ipod",
             "-brand", BRAND, str(tmp)],
            capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode != 0:
            message = done.stderr.strip().splitlines()
            raise RenderError(f"ffmpeg could not write {target.name}: {message[-1:]}")


def tags(job: AudioJob) -> dict[str, str]:
    """The M4B's iTunes-style tags (ffmpeg's names for them)."""
    article = job.article
    found = {"title": article.headline}
    if article.publication:
        found["album"] = article.publication
    if job.artist:
        found |= {"artist": job.artist, "album_artist": job.artist}
    if article.published:
        found["date"] = article.published
    return found | {"genre": GENRE, "comment": job.description()}


class M4bSerialiser(Streaming[AacEncoder]):
    def __init__(self, job: AudioJob) -> None:
        super().__init__(job, AacEncoder(job.sample_rate, job.bitrate, job.outdir))

    def finish(self, narration: Narration) -> list[Path]:
        job = self._job
        target = job.outdir / f"{job.stem}.m4b"
        with self._encoder.finished() as audio:
            mux(audio, ffmetadata(tags(job), narration.chapters), job.language, target)
        return [target]


def serialiser(job: AudioJob) -> M4bSerialiser:
    return M4bSerialiser(job)
