"""Progress on a terminal, silence when piped: one rewritten status line on stderr."""

from __future__ import annotations

from typing import TextIO


class Progress:
    """A status line, shown when `enabled`, or when None and the stream is a terminal (a
    screen reader on a terminal reads every line: -q and --no-progress turn it off)."""

    def __init__(self, stream: TextIO, enabled: bool | None = None) -> None:
        self._stream = stream
        self._enabled = stream.isatty() if enabled is None else enabled
        self._label = ""

    @property
    def enabled(self) -> bool:
        return self._enabled

    def status(self, label: str) -> None:
        self._label = label
        self._show(label)

    def blocks(self, done: int, total: int) -> None:
        """Callback for writers: blocks rendered so far."""
        self._show(f"{self._label}  {done}/{total} blocks")

    def clear(self) -> None:
        self._show("")

    def _show(self, text: str) -> None:
        if self._enabled:
            self._stream.write("\r\x1b[K" + text)
            self._stream.flush()
