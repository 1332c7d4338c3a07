"""Progress on a terminal, silence when piped: one rewritten status line on stderr."""

from __future__ import annotations

from typing import TextIO


class Progress:
    """A status line that is shown only when the stream is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._enabled = stream.isatty()
        self._label = ""

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
