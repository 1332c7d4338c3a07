"""The speech engine: the only module that touches pyttsx3.

One long-lived pyttsx3 engine per process, driven through the project's own espeak-ng driver
(espeak_driver.py). Every piece of text is synthesised, checked (finished, not empty, duration
plausible for its word count, last word reached) and retried once; a piece that still fails
raises RenderError, so text is never lost, truncated or reordered silently.

Synthesis is synchronous (no espeak-ng thread), so unlike pyttsx3 2.99's driver the engine
also works in a forked worker process.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyttsx3

from ..errors import AccessnewsError, RenderError
from . import espeak_driver
from .espeak_driver import SAMPLE_WIDTH, WordMark

DRIVER = "accessnews_espeak"
# Long text is synthesised in pieces of at most this many characters, cut at sentence ends:
# a failed check then costs one short retry, and espeak-ng never sees a huge buffer.
MAX_PIECE = 4000
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\s\w]*\w\S*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class VoiceSettings:
    """What the engine needs to speak: espeak-ng voice id and its rate (wpm), pitch, volume."""

    voice: str
    rate: int
    pitch: int = 50
    volume: int = 100


@dataclass(frozen=True)
class EngineVoice:
    id: str
    name: str
    languages: tuple[str, ...]


def pieces(text: str, limit: int = MAX_PIECE) -> Iterator[str]:
    """`text` cut into pieces of at most `limit` characters, at sentence ends where possible."""
    piece = ""
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > limit:
            cut = sentence.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            head, sentence = sentence[:cut], sentence[cut:].lstrip()
            if piece:
                yield piece
                piece = ""
            yield head
        if piece and len(piece) + 1 + len(sentence) > limit:
            yield piece
            piece = ""
        piece = f"{piece} {sentence}" if piece else sentence
    if piece:
        yield piece


def speech_problem(
    text: str, pcm: bytes, words: tuple[WordMark, ...], finished: bool, sample_rate: int, wpm: int
) -> str | None:
    """Why the audio for `text` cannot be right, or None when it passes every check."""
    count = len(_WORD.findall(text))
    seconds = len(pcm) / SAMPLE_WIDTH / sample_rate
    expected = count * 60 / wpm
    # espeak-ng marks a word at the start of its whitespace-delimited token (sometimes with
    # length 0, before closing quotes), so the last spoken token is the one to look for.
    last_token = max((m.start() for m in _TOKEN.finditer(text)), default=0)
    if not count:
        return None  # nothing speakable (spaces, punctuation): espeak-ng may not even call back
    if not finished:
        return "synthesis did not finish"
    if not pcm:
        return "no audio"
    if not 0.3 * expected <= seconds <= 4 * expected + 2:
        return f"{seconds:.1f} s of audio for {count} words"
    if max((m.start for m in words), default=-1) < last_token:
        return "the audio stops before the last word"
    return None


def _register_driver() -> None:
    """pyttsx3.init(name) imports pyttsx3.drivers.<name>: make ours importable under that name."""
    sys.modules.setdefault(f"pyttsx3.drivers.{DRIVER}", espeak_driver)


class SpeechEngine:
    """A pyttsx3 engine on the accessnews espeak-ng driver; create one per process."""

    def __init__(self) -> None:
        _register_driver()
        self._tts: Any = pyttsx3.init(DRIVER)
        self._results: list[dict[str, Any]] = []
        self._errors: list[Exception] = []
        self._tts.connect("synthesized", lambda **kw: self._results.append(kw))
        self._tts.connect("error", lambda exception, **_: self._errors.append(exception))
        self._settings: VoiceSettings | None = None

    @property
    def sample_rate(self) -> int:
        return int(self._tts.getProperty("sample_rate"))

    def installed_voices(self) -> list[EngineVoice]:
        return [
            EngineVoice(v.id, v.name, tuple(v.languages)) for v in self._tts.getProperty("voices")
        ]

    def use(self, settings: VoiceSettings) -> None:
        """Switch voice and prosody (a no-op when unchanged, so quotes can switch cheaply)."""
        if settings == self._settings:
            return
        self._settings = None
        self._run(
            lambda: [
                self._tts.setProperty(name, getattr(settings, name))
                for name in ("voice", "rate", "pitch", "volume")
            ]
        )
        self._settings = settings

    def speak(self, text: str) -> bytes:
        """Mono 16-bit PCM of `text` at `sample_rate`, every piece checked and retried once."""
        if self._settings is None:
            raise RenderError("no voice selected before synthesis")
        return b"".join(self._speak_piece(piece) for piece in pieces(text))

    def _speak_piece(self, text: str) -> bytes:
        assert self._settings is not None
        problem: str | None = "not attempted"
        for _attempt in range(2):
            result = self._run(lambda: self._tts.say(text))
            pcm = result.get("pcm", b"")
            problem = speech_problem(
                text,
                pcm,
                result.get("words", ()),
                result.get("finished", False),
                self.sample_rate,
                self._settings.rate,
            )
            if problem is None:
                return pcm
        raise RenderError(f"speech synthesis failed twice ({problem}) for: {text[:60]!r}")

    def _run(self, queue: Callable[[], object]) -> dict[str, Any]:
        """Queue commands and run them; the last synthesis result, or raise the driver's error.

        Results are reset before queueing: after a run pyttsx3 leaves the driver idle, so a
        queued command may run at once rather than in runAndWait.
        """
        self._results.clear()
        self._errors.clear()
        queue()
        self._tts.runAndWait()
        if self._errors:
            error = self._errors[0]
            raise AccessnewsError(f"speech engine: {error}")
        return self._results[-1] if self._results else {}
