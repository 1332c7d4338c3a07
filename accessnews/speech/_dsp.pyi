"""Types of the C kernels in _dsp.c (see loudness.py)."""

from collections.abc import Sequence

class Meter:
    def __init__(self, coefficients: Sequence[float], block: int) -> None: ...
    def feed(self, pcm: bytes) -> list[float]: ...

class Limiter:
    latency: int
    def __init__(
        self, interpolation: Sequence[float], ceiling: float, lookahead: int, release: float
    ) -> None: ...
    def process(self, pcm: bytes, start: float, end: float) -> bytes: ...
    def energies(self) -> tuple[float, float]: ...

PHASES: int
TAPS: int
