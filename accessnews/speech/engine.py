"""The engine seam: the only module that touches pyttsx3.

pyttsx3 is the front door of every engine: each engine (engines/: espeak-ng, the neural voice)
is a pyttsx3 driver that renders to memory and publishes on the "synthesized" topic the PCM,
the timing marks it can give (words for espeak-ng, sentences for the neural voice), how far
into the text they reach and whether it finished. Prosody is in neutral units (VoiceSettings)
that every driver honours. One long-lived engine per process and per engine kind.

Every piece of text is synthesised, checked (finished, not empty, duration plausible for its
speech units, the text consumed up to its last word, every mark with words has audio) and
retried once; a piece that still fails is split into sentences, then clauses, and the parts
spoken. A part that fails even then keeps the audio it produced and is reported as a warning:
the self-check never costs the reader an article, and a doubt is never silent.

Synthesis is synchronous (no engine thread), so the engines also work in a forked worker.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyttsx3

from ..errors import AccessnewsError, RenderError, UsageError
from .engines import DEFAULT_ENGINE, engine_spec
from .engines.spec import EngineSpec
from .memory_driver import SAMPLE_WIDTH

MAX_PIECE = engine_spec(DEFAULT_ENGINE).max_piece
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
    """What an engine needs to speak, in units every engine honours: its voice id, the rate in
    words per minute, the pitch from 0 to 100 (50: the voice's own) and the volume in percent
    (100: the voice's own)."""

    voice: str
    rate: int
    pitch: int = 50
    volume: int = 100


@dataclass(frozen=True)
class EngineVoice:
    id: str
    name: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Mark:
    """Characters [start, end) of the synthesised text, whose audio begins at `sample`."""

    start: int
    end: int
    sample: int


@dataclass(frozen=True)
class Synthesis:
    """One synthesis: PCM at the engine's rate, its timing marks in text order, how many
    characters of the text the engine reported reaching, and whether it finished."""

    pcm: bytes
    marks: tuple[Mark, ...] = ()
    consumed: int = 0
    finished: bool = False


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


def speech_problem(text: str, result: Synthesis, sample_rate: int, wpm: int) -> str | None:
    """Why the audio for `text` cannot be right, or None when it passes every check.

    `result.consumed` is how far into `text` the engine's marks reached: the audio is cut short
    when that stops before the last word. A mark over words whose audio is empty (the next
    mark starts where it does) means the engine dropped that part.
    """
    units = speech_units(text)
    if not units:
        return None  # nothing speakable (spaces, punctuation): espeak-ng may not even call back
    if not result.finished:
        return "synthesis did not finish"
    if not result.pcm:
        return "no audio"
    last = _LAST_WORD_CHAR.search(text)
    if last is not None and result.consumed <= last.start():
        return "the audio stops before the last word"
    total = len(result.pcm) // SAMPLE_WIDTH
    ends = [mark.sample for mark in result.marks[1:]] + [total]
    for mark, end in zip(result.marks, ends, strict=False):
        if end <= mark.sample and speech_units(text[mark.start : mark.end]):
            return f"no audio for {text[mark.start : mark.end][:40]!r}"
    seconds = total / sample_rate
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


def register_driver(spec: EngineSpec) -> str:
    """pyttsx3.init(name) imports pyttsx3.drivers.<name>: make the engine's driver importable
    under that name (importing it here, so a missing extra fails before pyttsx3 does)."""
    name = f"accessnews_{spec.name}"
    sys.modules.setdefault(f"pyttsx3.drivers.{name}", importlib.import_module(spec.driver))
    return name


class SpeechEngine:
    """A pyttsx3 engine on one of accessnews' drivers; create one per process and engine.

    The engine is built here and nowhere else; `engine` names one of speech/engines/.
    """

    def __init__(self, engine: str = DEFAULT_ENGINE) -> None:
        self.spec = engine_spec(engine)
        missing = self.spec.missing()
        if missing is not None:
            raise AccessnewsError(missing)
        self._tts: Any = pyttsx3.init(register_driver(self.spec))
        self._results: list[dict[str, Any]] = []
        self._errors: list[Exception] = []
        self._tts.connect("synthesized", lambda **kw: self._results.append(kw))
        self._tts.connect("error", lambda exception, **_: self._errors.append(exception))
        self._settings: VoiceSettings | None = None

    @property
    def sample_rate(self) -> int:
        return int(self._tts.getProperty("sample_rate"))

    @property
    def rates(self) -> range:
        """The speaking rates (words per minute) this engine honours."""
        return self.spec.rates

    def installed_voices(self) -> list[EngineVoice]:
        return [
            EngineVoice(v.id, v.name, tuple(v.languages)) for v in self._tts.getProperty("voices")
        ]

    def check_rate(self, rate: int) -> None:
        """Refuse a rate the engine cannot honour, naming the range it can."""
        if rate not in self.rates:
            raise UsageError(
                f"--rate {rate} is out of range for {self.spec.label}; "
                f"use {self.rates.start}-{self.rates.stop - 1}"
            )

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
        return b"".join(
            self._speak_piece(piece, found) for piece in pieces(text, self.spec.max_piece)
        )

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

    def synthesize(self, text: str) -> Synthesis:
        """One synthesis of `text`, unchecked: PCM and the engine's timing marks."""
        if self._settings is None:
            raise RenderError("no voice selected before synthesis")
        result = self._run(lambda: self._tts.say(text))
        return Synthesis(
            result.get("pcm", b""),
            tuple(Mark(*mark) for mark in result.get("marks", ())),
            result.get("consumed", 0),
            result.get("finished", False),
        )

    def attempt(self, text: str) -> tuple[bytes, str | None]:
        """One synthesis of `text`: its PCM and the self-check's verdict (None: it passed).

        Public so that benchmarks/speech_sweep.py can count first-try doubts on real text."""
        result = self.synthesize(text)
        assert self._settings is not None
        return result.pcm, speech_problem(text, result, self.sample_rate, self._settings.rate)

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


def open_engine(preferences: Sequence[str]) -> SpeechEngine:
    """The first engine in `preferences` that can run here; when none can, the first one's
    reason (one line naming the install command)."""
    for name in preferences:
        if engine_spec(name).missing() is None:
            return SpeechEngine(name)
    return SpeechEngine(preferences[0])
