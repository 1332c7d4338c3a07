"""Batch progress: a rewritten status line on a terminal, one log line per article otherwise."""

from __future__ import annotations

import time
from typing import TextIO

from ..batch.report import Line
from .progress import Progress


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class BatchProgress:
    """Articles done / total, failures and an ETA from the pace of the articles rendered so far."""

    def __init__(self, stream: TextIO, enabled: bool | None = None) -> None:
        """`enabled`: see Progress. Off by -q or --no-progress, nothing is printed; off because
        stderr is no terminal, one log line per article."""
        self._stream = stream
        self._line = Progress(stream, enabled)
        self._off = enabled is False
        self._started = time.monotonic()
        self._failed = 0

    def finished(self, line: Line, done: int, total: int) -> None:
        self._failed += line.status == "failed"
        elapsed = time.monotonic() - self._started
        eta = elapsed / done * (total - done) if done else 0.0
        if self._line.enabled:
            self._line.status(
                f"{done}/{total} done, {self._failed} failed, "
                f"elapsed {_clock(elapsed)}, ETA {_clock(eta)}  {line.member}"
            )
            return
        if self._off:
            return
        detail = line.error or line.reason or f"{line.seconds:.1f} s"
        print(f"[{done}/{total}] {line.status} {line.member} ({detail})", file=self._stream)

    def close(self) -> None:
        self._line.clear()
