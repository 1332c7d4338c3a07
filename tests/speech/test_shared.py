"""One LAME encode shared by the formats that store the same MP3 (speech/shared.py), with LAME."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

from accessnews.errors import RenderError
from accessnews.speech.mp3 import Encoder
from accessnews.speech.pipe import LoudnessTarget, PipeEncoder
from accessnews.speech.shared import SharedEncodes

RATE = 22_050
KEY = ("lame", RATE, 64)


def tone(seconds: float) -> bytes:
    """A 440 Hz tone at half scale: 16-bit mono PCM."""
    count = int(seconds * RATE)
    return struct.pack(
        f"<{count}h", *(int(16_000 * math.sin(2 * math.pi * 440 * n / RATE)) for n in range(count))
    )


class Counted:
    """Makes real LAME encoders into `workdir`, counting how many were started."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.started = 0

    def __call__(self) -> Encoder:
        self.started += 1
        return Encoder(RATE, 64, self.workdir)


def test_holders_fed_alike_get_one_encode_of_the_audio_once(tmp_path: Path) -> None:
    make, encodes = Counted(tmp_path), SharedEncodes()
    shares = [encodes.share(KEY, make) for _ in range(3)]
    pcm = tone(2.0)
    for start in range(0, len(pcm), 8192):  # as the writer does: every holder is a sink
        for share in shares:
            share.write(pcm[start : start + 8192])
    audio = [share.finish() for share in shares]
    assert make.started == 1
    assert audio[0] == audio[1] == audio[2]
    out = tmp_path / "out.mp3"
    out.write_bytes(audio[0])
    # fed once, not three times: two seconds, plus at most two frames of encoder padding
    assert 2.0 <= MP3(out).info.length < 2.0 + 2 * 1152 / RATE + 0.01


def test_a_holder_giving_up_leaves_the_audio_to_the_others(tmp_path: Path) -> None:
    make, encodes = Counted(tmp_path), SharedEncodes()
    first, second = encodes.share(KEY, make), encodes.share(KEY, make)
    first.write(tone(0.5))
    first.abort()  # e.g. the MP3's tags failed: the books still need the audio
    assert second.finish()[:2] == b"\xff\xf3"  # an MPEG-2 Layer III frame


def test_the_encoder_stops_and_leaves_nothing_when_every_holder_gives_up(tmp_path: Path) -> None:
    make, encodes = Counted(tmp_path), SharedEncodes()
    shares = [encodes.share(KEY, make) for _ in range(2)]
    shares[0].write(tone(0.5))
    for share in shares:
        share.abort()
    assert list(tmp_path.iterdir()) == []
    again = encodes.share(KEY, make)  # a new holder after that gets a new encode
    again.write(tone(0.2))
    assert again.finish() and make.started == 2


def test_every_holder_reports_the_encoders_failure(tmp_path: Path) -> None:
    def refused() -> PipeEncoder:  # LAME refusing its arguments: the encode fails at its end
        command = ["lame", "--no-such-option", "-", "out.mp3"]
        return PipeEncoder(lambda out: command, "mp3", tmp_path, LoudnessTarget(RATE, -19, -2))

    encodes = SharedEncodes()
    shares = [encodes.share(KEY, refused) for _ in range(2)]
    shares[0].write(tone(0.2))
    for share in shares:
        with pytest.raises(RenderError, match="lame failed"):
            share.finish()
