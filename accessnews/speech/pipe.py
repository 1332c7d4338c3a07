"""An encoder process fed raw PCM through the loudness stage by a thread, while synthesis goes on.

The queue is bounded, so a fast producer waits for the encoder instead of holding all the PCM in
memory; the encoder writes a file in its own temporary folder, so a kill leaves nothing half
written under an output's name. LAME (mp3.py) and ffmpeg's AAC encoder (m4b.py) run this way.
"""

from __future__ import annotations

import contextlib
import io
import queue
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import RenderError
from .loudness import LoudnessStream


@dataclass(frozen=True)
class LoudnessTarget:
    """The loudness stage's aim for one encoder: LUFS and dBTP on the PCM it is given, with the
    encoder's own level change and overshoot already allowed for."""

    sample_rate: int
    target: float
    ceiling: float


class PipeEncoder:
    """PCM in by `write`, an encoded file out by `finish_into`/`finish` (or `abort`)."""

    def __init__(
        self,
        command: Callable[[Path], list[str]],
        suffix: str,
        workdir: Path,
        loudness: LoudnessTarget,
    ) -> None:
        self._dir = tempfile.TemporaryDirectory(dir=workdir, prefix=".accessnews-")
        self._out = Path(self._dir.name) / f"audio.{suffix}"
        self._log = Path(self._dir.name) / "encoder.log"
        try:
            argv = command(self._out)
        except BaseException:  # the encoder is not installed: leave no folder behind
            self._dir.cleanup()
            raise
        self._name = Path(argv[0]).name
        with self._log.open("wb") as log:  # a file, so the encoder never blocks on a full pipe
            self._process = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=log
            )
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=32)
        self._loudness = LoudnessStream(
            loudness.sample_rate, self._send, target=loudness.target, ceiling=loudness.ceiling
        )
        self._alive = True
        self._failure: Exception | None = None  # raised in the feeder, re-raised by finish
        self._feeder = threading.Thread(target=self._feed, daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        assert self._process.stdin is not None
        try:
            while (chunk := self._queue.get()) is not None:
                if self._alive:
                    self._loudness.write(chunk)
            if self._alive:
                self._loudness.finish()
        except Exception as error:  # a bug: finish() raises it; drain, or write() would block
            self._failure, self._alive = error, False
            while self._queue.get() is not None:
                pass
        with contextlib.suppress(BrokenPipeError):  # closing flushes into a dead pipe
            self._process.stdin.close()

    def _send(self, pcm: bytes) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:  # the encoder died: finish() reports it; keep draining the queue
            self._alive = False

    def write(self, pcm: bytes) -> None:
        self._queue.put(pcm)

    @contextlib.contextmanager
    def finished(self) -> Iterator[Path]:
        """Wait for the encoder; its output file, removed with its folder on leaving."""
        self._queue.put(None)
        self._feeder.join()
        try:
            if self._failure is not None:
                self._process.kill()
                raise self._failure
            if self._process.wait() != 0:
                message = self._log.read_text(errors="replace").strip().splitlines()
                last = message[-1] if message else "no message"
                raise RenderError(f"{self._name} failed: {last}")
            yield self._out
        finally:
            self._dir.cleanup()

    def finish_into(self, out: BinaryIO) -> None:
        """Wait for the encoder and copy its output into `out` (streamed: editions are long)."""
        with self.finished() as encoded, encoded.open("rb") as audio:
            shutil.copyfileobj(audio, out)

    def finish(self) -> bytes:
        """Wait for the encoder; the encoded bytes."""
        buffer = io.BytesIO()
        self.finish_into(buffer)
        return buffer.getvalue()

    def abort(self) -> None:
        """Stop the encoder and remove its files (after a synthesis error)."""
        self._process.kill()
        self._queue.put(None)
        self._feeder.join()
        self._process.wait()
        self._dir.cleanup()
