"""What accessnews' pyttsx3 drivers share: synchronous rendering to memory.

pyttsx3 drives a driver through its run loop (startLoop, iterate, endLoop) and its commands
(say, save_to_file). A driver deriving from MemoryDriver only renders text: every queued `say`
is rendered completely before the next command runs, and its result is published on the
"synthesized" topic (engine.py listens there) instead of being played.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from typing import Any

SAMPLE_WIDTH = 2  # every driver delivers signed 16-bit little-endian mono samples


@dataclass(frozen=True)
class Rendered:
    """One `say`: PCM, timing marks (start, end, first sample), how far into the text the
    engine reported reaching, and whether it finished."""

    pcm: bytes
    marks: tuple[tuple[int, int, int], ...]
    consumed: int
    finished: bool


class MemoryDriver:
    """The pyttsx3 driver interface; subclasses give `sample_rate` and `render`."""

    def __init__(self, proxy: Any) -> None:
        self._proxy = proxy
        self._settings: dict[str, Any] = {}  # prosody (and voice) as last set

    @property
    def sample_rate(self) -> int:
        raise NotImplementedError

    def render(self, text: str) -> Rendered:
        raise NotImplementedError

    # -- the run loop: commands run synchronously, in queue order ---------------------------
    def startLoop(self) -> None:  # noqa: N802
        self._proxy.setBusy(False)

    def endLoop(self) -> None:  # noqa: N802
        """Nothing to wind down: every command completed before the next one was taken."""

    def iterate(self) -> Any:
        self._proxy.setBusy(False)
        yield

    def stop(self) -> None:
        """Synthesis is synchronous, so there is never an utterance in flight to cancel."""

    # -- synthesis ---------------------------------------------------------------------------
    def say(self, text: str) -> None:
        """Render `text` and publish the result on the "synthesized" topic."""
        done = self.render(text)
        self._proxy.notify(
            "synthesized",
            text=text,
            pcm=done.pcm,
            marks=done.marks,
            consumed=done.consumed,
            finished=done.finished,
        )
        self._proxy.notify("finished-utterance", completed=done.finished)

    def save_to_file(self, text: str, filename: str) -> None:
        """pyttsx3's file interface: a mono 16-bit WAV at the engine's native rate."""
        done = self.render(text)
        with wave.open(str(filename), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(SAMPLE_WIDTH)
            out.setframerate(self.sample_rate)
            out.writeframes(done.pcm)
        self._proxy.notify("finished-utterance", completed=done.finished)

    # -- properties --------------------------------------------------------------------------
    def getProperty(self, name: str) -> Any:  # noqa: N802
        """The sample rate or a setting; subclasses answer "voices" (and "voice") first."""
        if name == "sample_rate":
            return self.sample_rate
        if name in self._settings:
            return self._settings[name]
        raise KeyError(f"unknown property {name}")
