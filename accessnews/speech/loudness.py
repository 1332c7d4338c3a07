"""Loudness in the stream: every MP3 at -19 LUFS with its true peak at most -1 dBTP.

Spoken-word mono norms (AES TD1004, Apple, ...) are -19 LUFS integrated and at most -1 dBTP;
espeak-ng gives -20.5 to -22.8 LUFS with peaks up to -0.3 dBTP. The PCM on its way to LAME is
measured (ITU-R BS.1770-4: K-weighting, 400 ms blocks every 100 ms, absolute and relative
gates), multiplied by a gain that brings the integrated loudness measured so far to the
target, and passed through a look-ahead true-peak limiter, all in one pass: nothing is read
twice. Until a few seconds of speech have been measured the audio waits here (that is the
first gain's evidence); after that each chunk's gain glides from the previous one to the new
estimate, so the gain never steps. espeak-ng's level is steady, so the estimate settles fast.
The limiter takes a little loudness off the peaks (0.1-0.2 dB of energy for espeak-ng at
-19 LUFS); the gain makes up what it has taken so far.

pyloudnorm and ffmpeg's loudnorm do not fit: pyloudnorm measures a whole signal in numpy and
scipy (whose imports alone cost more than a short article's synthesis), and loudnorm took
2.7 s for the 4-minute reference article (it limits at 192 kHz). The per-sample work is in
the small C module _dsp.c; filter design, gating and the gain policy are here.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ._dsp import PHASES, TAPS, Limiter, Meter

TARGET_LUFS = -19.0
MAX_TRUE_PEAK_DBTP = -1.0
SETTLE_SECONDS = 3.0  # of gated speech measured before the first gain is chosen
MAX_WAIT_SECONDS = 30.0  # audio held at most while too little speech is measured (silence)
MAX_GAIN_DB = 20.0  # either way: a whisper or a shout is not made normal at any price
LOOKAHEAD_SECONDS = 0.002  # the limiter's attack: a gain reduction slides in over 2 ms
RELEASE_SECONDS = 0.05  # time constant of its recovery
SAMPLE_WIDTH = 2  # 16-bit mono
_ABSOLUTE_GATE = -70.0  # LUFS
_RELATIVE_GATE = -10.0  # LU below the absolute-gated loudness
_BLOCK = 4  # sub-blocks of 100 ms in a 400 ms gating block


def k_weighting(rate: int) -> tuple[float, ...]:
    """BS.1770's two K-weighting biquads at `rate` (b0 b1 b2 a0 a1 a2, shelf then high-pass).

    The standard gives coefficients at 48 kHz only; these are the analogue prototypes
    re-derived for any rate, as libebur128 does."""
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        (vh + vb * k / q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
        1.0,
        2 * (k * k - 1) / a0,
        (1 - k / q + k * k) / a0,
    )
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    high_pass = (1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    return shelf + high_pass


def interpolation() -> tuple[float, ...]:
    """The limiter's interpolation filter as PHASES phases of TAPS taps: phase k gives the
    point k/PHASES of a sample after tap TAPS/2 - 1 (a Hann-windowed sinc; each phase sums to
    1, so it passes DC unchanged)."""
    taps: list[float] = []
    for k in range(PHASES):
        phase = []
        for i in range(TAPS):
            t = TAPS // 2 - 1 + k / PHASES - i
            sinc = math.sin(math.pi * t) / (math.pi * t) if t else 1.0
            phase.append(sinc * (0.5 + 0.5 * math.cos(math.pi * t / (TAPS // 2))))
        total = sum(phase)
        taps += [tap / total for tap in phase]
    return tuple(taps)


def _loudness(mean_square: float) -> float:
    return -0.691 + 10 * math.log10(mean_square) if mean_square > 0 else -math.inf


@dataclass
class IntegratedLoudness:
    """BS.1770-4 gated loudness of all the 400 ms blocks given so far.

    Blocks are kept in 0.1 LU bins (count, sum of mean squares), so the relative gate costs
    a pass over the bins, not over hours of blocks; only blocks in the gate's own bin can
    land on the wrong side of it."""

    bins: dict[int, list[float]] = field(default_factory=dict)
    count: int = 0
    total: float = 0.0

    def add(self, mean_square: float) -> None:
        loudness = _loudness(mean_square)
        if loudness <= _ABSOLUTE_GATE:
            return
        entry = self.bins.setdefault(math.floor(loudness * 10), [0.0, 0.0])
        entry[0] += 1
        entry[1] += mean_square
        self.count += 1
        self.total += mean_square

    def value(self) -> float | None:
        """Integrated loudness in LUFS; None before any block passes the absolute gate."""
        if not self.count:
            return None
        gate = math.ceil((_loudness(self.total / self.count) + _RELATIVE_GATE) * 10)
        count = total = 0.0
        for key, (n, energy) in self.bins.items():
            if key >= gate:
                count += n
                total += energy
        return _loudness(total / count)


class GatingBlocks:
    """The 400 ms gating blocks of a stream, one every 100 ms, as K-weighted mean squares."""

    def __init__(self, rate: int) -> None:
        self._meter = Meter(k_weighting(rate), round(rate / 10))
        self._recent: deque[float] = deque(maxlen=_BLOCK)

    def feed(self, pcm: bytes) -> list[float]:
        """The blocks that `pcm` completes."""
        blocks = []
        for mean_square in self._meter.feed(pcm):
            self._recent.append(mean_square)
            if len(self._recent) == _BLOCK:
                blocks.append(sum(self._recent) / _BLOCK)
        return blocks


class LoudnessStream:
    """16-bit mono PCM in, the same number of samples out at the target loudness, limited.

    `write` takes chunks in order and passes processed audio to `sink` (in other chunks, and
    late while the first gain settles); `finish` passes the rest."""

    def __init__(
        self,
        rate: int,
        sink: Callable[[bytes], None],
        target: float = TARGET_LUFS,
        ceiling: float = MAX_TRUE_PEAK_DBTP,
    ) -> None:
        """`target` in LUFS and `ceiling` in dBTP are for this PCM: an encoder that changes
        the level or adds overshoot asks for them with its own margins."""
        self._sink = sink
        self._target = target
        self._blocks = GatingBlocks(rate)
        self._measured = IntegratedLoudness()
        lookahead = max(1, round(LOOKAHEAD_SECONDS * rate))
        release = 1 - math.exp(-1 / (RELEASE_SECONDS * rate))
        self._limiter = Limiter(interpolation(), 10 ** (ceiling / 20), lookahead, release)
        self._skip = self._limiter.latency * SAMPLE_WIDTH  # bytes of the limiter's delay
        self._waiting: list[bytes] = []
        self._odd = b""  # a byte of a sample split between two chunks
        self._waited = 0  # samples
        self._max_wait = MAX_WAIT_SECONDS * rate
        self._gain: float | None = None  # linear, once settled

    def write(self, pcm: bytes) -> None:
        if self._odd or len(pcm) % SAMPLE_WIDTH:  # a pipe may cut a sample in two
            pcm = self._odd + pcm
            cut = len(pcm) - len(pcm) % SAMPLE_WIDTH
            pcm, self._odd = pcm[:cut], pcm[cut:]
        for block in self._blocks.feed(pcm):
            self._measured.add(block)
        if self._gain is None:
            self._waiting.append(pcm)
            self._waited += len(pcm) // SAMPLE_WIDTH
            if self._measured.count >= SETTLE_SECONDS * 10 or self._waited >= self._max_wait:
                self._release_waiting()
            return
        gain = self._estimate()
        self._emit(self._limiter.process(pcm, self._gain, gain))
        self._gain = gain

    def finish(self) -> None:
        """Pass on what is still waiting and the limiter's delayed tail."""
        if self._gain is None:
            self._release_waiting()
        self._emit(self._limiter.process(bytes(self._limiter.latency * SAMPLE_WIDTH), 0, 0))

    def _estimate(self) -> float:
        """The linear gain that brings the loudness measured so far to the target, plus what
        the limiter has taken off so far."""
        measured = self._measured.value()
        if measured is None:  # silence so far
            return self._gain or 1.0
        before, after = self._limiter.energies()
        taken = 10 * math.log10(before / after) if after > 0 else 0.0
        db = max(-MAX_GAIN_DB, min(MAX_GAIN_DB, self._target - measured + taken))
        return 10 ** (db / 20)

    def _release_waiting(self) -> None:
        gain = self._gain = self._estimate()
        for pcm in self._waiting:
            self._emit(self._limiter.process(pcm, gain, gain))
        self._waiting.clear()

    def _emit(self, pcm: bytes) -> None:
        if self._skip:
            cut = min(self._skip, len(pcm))
            self._skip -= cut
            pcm = pcm[cut:]
        if pcm:
            self._sink(pcm)
