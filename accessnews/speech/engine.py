"""The speech engine: the only module that touches pyttsx3.

One long-lived pyttsx3 engine per process, driven through the project's own espeak-ng driver
(espeak_driver.py). Every piece of text is synthesised, checked (finished, not empty, duration
plausible for its speech units, the text consumed up to its last word) and retried once; a
piece that still fails is split into sentences, then clauses, and the parts spoken. A part that
fails even then keeps the audio it produced and is reported as a warning: the self-check never
costs the reader an article, and a doubt is never silent.

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
from .espeak_driver import SAMPLE_WIDTH

DRIVER = "accessnews_espeak"
# Long text is synthesised in pieces of at most this many characters, cut at sentence ends:
# a failed check then costs one short retry, and espeak-ng never sees a huge buffer.
MAX_PIECE = 4000
# Scripts written without spaces between words: each character is about one syllable.
_SYLLABIC = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_SYLLABIC_CHAR = re.compile(f"[{_SYLLABIC}]")
_WORD = re.compile(f"[^\\W_{_SYLLABIC}]+")
_DIGIT = re.compile(r"\d")
_LAST_WORD_CHAR = re.compile(r"[^\W_](?=[\W_]*$)")
# Latin punctuation ends a sentence or clause only before a space ("3.5", "3,000" do not);
# the full-width CJK marks end one wherever they stand.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])\s*(?=\S)")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+|(?<=[，；：、])\s*(?=\S)")


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


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends (the engine's own sentence rules), without
    the spaces between them; a text of spaces has none."""
    spans = []
    start = 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        stripped = text[start:end]
        if stripped.strip():
            left = start + len(stripped) - len(stripped.lstrip())
            spans.append((left, start + len(stripped.rstrip())))
        start = boundary.end() if boundary else end
    return spans


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


def speech_units(text: str, *, per_digit: bool = False) -> int:
    """Roughly how many words a listener hears: space-separated words, plus one per character
    of scripts written without spaces (Chinese, Japanese, Korean). With `per_digit`, a word
    counts once per digit it holds: the most a number or code can take ("1000000" is "one
    million", but "3234567890126" is read digit by digit)."""
    words = _WORD.findall(text)
    count = sum(max(1, len(_DIGIT.findall(w))) for w in words) if per_digit else len(words)
    return count + len(_SYLLABIC_CHAR.findall(text))


def speech_problem(
    text: str, pcm: bytes, consumed: int, finished: bool, sample_rate: int, wpm: int
) -> str | None:
    """Why the audio for `text` cannot be right, or None when it passes every check.

    `consumed` is how many characters of `text` the engine reported reaching (its word and
    sentence-end events); the audio is cut short when that stops before the last word.
    """
    units = speech_units(text)
    if not units:
        return None  # nothing speakable (spaces, punctuation): espeak-ng may not even call back
    if not finished:
        return "synthesis did not finish"
    if not pcm:
        return "no audio"
    last = _LAST_WORD_CHAR.search(text)
    if last is not None and consumed <= last.start():
        return "the audio stops before the last word"
    seconds = len(pcm) / SAMPLE_WIDTH / sample_rate
    least, most = units * 60 / wpm, speech_units(text, per_digit=True) * 60 / wpm
    if not 0.3 * least <= seconds <= 4 * most + 2:
        return f"{seconds:.1f} s of audio for {units} words"
    return None


def _split(text: str) -> list[str]:
    """`text` in smaller parts for another try: its sentences, else its clauses, else halves."""
    for boundary in (_SENTENCE_END, _CLAUSE_END):
        parts = [part for part in boundary.split(text) if part.strip()]
        if len(parts) > 1:
            return parts
    words = text.split()
    if len(words) > 1:
        middle = len(words) // 2
        return [" ".join(words[:middle]), " ".join(words[middle:])]
    return [text]


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

    def speak(self, text: str, warnings: list[str] | None = None) -> bytes:
        """Mono 16-bit PCM of `text` at `sample_rate`, every piece checked and retried once.

        A piece that fails twice is spoken in smaller parts; what still fails keeps its audio
        and adds a line to `warnings` (when given), so the caller can report it.
        """
        if self._settings is None:
            raise RenderError("no voice selected before synthesis")
        found = warnings if warnings is not None else []
        return b"".join(self._speak_piece(piece, found) for piece in pieces(text))

    def _speak_piece(self, text: str, warnings: list[str]) -> bytes:
        pcm, problem = self.attempt(text)
        if problem is not None:
            pcm, problem = self.attempt(text)
        if problem is None:
            return pcm
        parts = _split(text)
        if len(parts) > 1:
            return b"".join(self._speak_piece(part, warnings) for part in parts)
        warnings.append(f"speech self-check unsure ({problem}), audio kept for: {text[:60]!r}")
        return pcm

    def attempt(self, text: str) -> tuple[bytes, str | None]:
        """One synthesis of `text`: its PCM and the self-check's verdict (None: it passed).

        Public so that benchmarks/speech_sweep.py can count first-try doubts on real text."""
        assert self._settings is not None
        result = self._run(lambda: self._tts.say(text))
        pcm = result.get("pcm", b"")
        problem = speech_problem(
            text,
            pcm,
            result.get("consumed", 0),
            result.get("finished", False),
            self.sample_rate,
            self._settings.rate,
        )
        return pcm, problem

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
