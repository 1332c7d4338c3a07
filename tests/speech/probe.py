"""Read rendered audio back with independent tools: ffprobe, ffmpeg, mutagen."""

from __future__ import annotations

import array
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


def ffprobe(path: Path) -> dict:
    """ffprobe's view of the file: format (duration, tags), streams and chapters in file order."""
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
         "-show_chapters", str(path)],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out)


def decode_errors(path: Path) -> str:
    """Everything ffmpeg complains about while decoding the whole file (empty when clean)."""
    done = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True, text=True,
    )  # fmt: skip
    return done.stderr + ("" if done.returncode == 0 else f"exit {done.returncode}")


def decoded_samples(path: Path, rate: int = 22050) -> array.array:
    """The whole file decoded by ffmpeg to signed 16-bit mono samples at `rate`."""
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1",
         "-ar", str(rate), "-"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    samples = array.array("h")
    samples.frombytes(pcm)
    return samples


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP


def ebur128(path: Path, raw_rate: int | None = None) -> Loudness:
    """ffmpeg's EBU R128 summary of a file (or of raw 16-bit mono PCM at `raw_rate`)."""
    raw = ["-f", "s16le", "-ar", str(raw_rate), "-ac", "1"] if raw_rate else []
    log = subprocess.run(
        ["ffmpeg", "-nostats", "-hide_banner", *raw, "-i", str(path),
         "-af", "ebur128=peak=true", "-f", "null", "-"],
        check=True, capture_output=True, text=True,
    ).stderr  # fmt: skip
    summary = log[log.rindex("Summary:") :]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    assert integrated and peak, summary
    return Loudness(float(integrated[1]), float(peak[1]))
