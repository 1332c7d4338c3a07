"""A pyttsx3 driver for espeak-ng that renders to memory, synchronously and completely.

pyttsx3 2.99's own espeak driver loses and truncates text (asynchronous synthesis racing the run
loop, a callback left registered by `destroy`, a text size 10x too large that crashes espeak-ng
on long input, quadratic buffer growth). This driver keeps pyttsx3's engine, queue and
properties but synthesises in espeak-ng's synchronous mode: every queued `say` is finished,
with all its audio and word events, before the next command runs. `say` renders to memory and
reports the result on the "synthesized" topic instead of playing it: the PCM, one timing mark
per word event (characters, first sample), how far the events reach, whether it finished.

pyttsx3 loads drivers as `pyttsx3.drivers.<name>`; accessnews.speech.engine registers this
module under that name (engines/espeak.py describes the engine).
"""

from __future__ import annotations

import ctypes
from typing import Any

from pyttsx3.drivers import _espeak
from pyttsx3.voice import Voice

from .memory_driver import SAMPLE_WIDTH, MemoryDriver, Rendered

BUFFER_MS = 500  # audio per callback: fewer Python calls than espeak-ng's default 60 ms
NOISE_SEED = 1  # the breath noise of every utterance starts from this seed


def espeak_version() -> str:
    """The espeak-ng library's version ("1.51"), for `accessnews --version`."""
    return bytes(_espeak.Info(None)).decode("ascii", "replace")


class _Library:
    """espeak-ng's process-wide state: initialised once, one callback for the process lifetime.

    The callback is registered once and forwards to whichever driver is active, so a destroyed
    driver can never receive (and cut short) later audio.
    """

    sample_rate = 0
    active: EspeakDriver | None = None
    callback: Any = None
    set_seed: Any = None

    @classmethod
    def start(cls, driver: EspeakDriver) -> None:
        if not cls.sample_rate:
            rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS)
            if rate <= 0:
                raise RuntimeError("could not initialise espeak-ng")
            cls.callback = _espeak.t_espeak_callback(cls._dispatch)
            _espeak.cSetSynthCallback(cls.callback)
            cls.sample_rate = rate
        cls.active = driver

    @classmethod
    def seed_noise(cls) -> None:
        """Start the random noise of voices with breath (the `+f3` quote voice...) afresh.

        espeak-ng draws that noise from a process-wide generator: the C library's `rand()` in
        1.51, which anything else in the process may draw from or reseed, and its own generator
        seeded from the clock in later releases. Unseeded, the same article gave different
        audio from run to run (a first run that builds the language-identification cache
        differed from every later one); seeded before each utterance, an utterance's audio
        depends only on its text and voice."""
        if cls.set_seed is None:
            set_rand_seed = getattr(_espeak.dll, "espeak_ng_SetRandSeed", None)
            cls.set_seed = set_rand_seed or ctypes.CDLL(None).srand
        cls.set_seed(NOISE_SEED)

    @classmethod
    def _dispatch(cls, wav: Any, numsamples: int, events: Any) -> int:
        driver = cls.active
        if driver is not None:
            driver.on_audio(wav, numsamples, events)
        return 0


def buildDriver(proxy: Any) -> EspeakDriver:  # noqa: N802 (pyttsx3's driver entry point)
    return EspeakDriver(proxy)


class EspeakDriver(MemoryDriver):
    """The pyttsx3 driver interface over synchronous espeak-ng synthesis."""

    def __init__(self, proxy: Any) -> None:
        _Library.start(self)
        super().__init__(proxy)
        self._chunks: list[bytes] = []
        self._marks: list[tuple[int, int, int]] = []
        self._consumed = 0
        self._finished = False

    @property
    def sample_rate(self) -> int:
        return _Library.sample_rate

    def destroy(self) -> None:
        if _Library.active is self:
            _Library.active = None

    def render(self, text: str) -> Rendered:
        """PCM, word marks, how many characters of `text` espeak-ng reported consuming, and
        whether the message finished."""
        _Library.active = self
        self._chunks, self._marks, self._consumed, self._finished = [], [], 0, False
        data = text.encode("utf-8")
        _Library.seed_noise()
        status = _espeak.cSynth(
            data, len(data) + 1, 0, _espeak.POS_CHARACTER, 0, _espeak.CHARS_UTF8, None, None
        )
        if status != _espeak.EE_OK:
            raise RuntimeError(f"espeak-ng refused the text (status {status})")
        marks = tuple(self._marks)
        return Rendered(b"".join(self._chunks), marks, self._consumed, self._finished)

    def on_audio(self, wav: Any, numsamples: int, events: Any) -> None:
        """espeak-ng's callback: collect samples and how far into the text its events reach.

        A word event spans [text_position - 1, + length) (1-based) and starts at audio_position
        milliseconds into the message; a sentence-end event's
        text_position is the character after the sentence. Multi-word dictionary entries
        ("in a row") give one word event for several words, but the sentence end still
        reaches the end of what was spoken, so the reach is what espeak-ng really consumed.
        """
        index = 0
        while (event := events[index]).type != _espeak.EVENT_LIST_TERMINATED:
            if event.type == _espeak.EVENT_WORD:
                reach = event.text_position - 1 + event.length
                sample = event.audio_position * self.sample_rate // 1000  # ms from the start
                self._marks.append((event.text_position - 1, reach, sample))
            elif event.type == _espeak.EVENT_END:
                reach = event.text_position
            else:
                reach = 0
            self._consumed = max(self._consumed, reach)
            index += 1
        # In synchronous mode espeak-ng ends a message with one call carrying no samples.
        self._finished = numsamples == 0
        if numsamples > 0:
            self._chunks.append(ctypes.string_at(wav, numsamples * SAMPLE_WIDTH))

    # -- properties --------------------------------------------------------------------------
    def getProperty(self, name: str) -> Any:  # noqa: N802
        if name == "voices":
            return [_voice(v) for v in _espeak.ListVoices(None)]
        if name == "voice":
            current = _espeak.GetCurrentVoice()
            return current.contents.identifier.decode() if current else None
        return super().getProperty(name)

    def setProperty(self, name: str, value: Any) -> None:  # noqa: N802
        if name == "voice":
            if _espeak.SetVoiceByName(str(value).encode()) != _espeak.EE_OK:
                raise ValueError(f"espeak-ng has no voice {value!r}")
        elif name in _PARAMETERS:
            _espeak.SetParameter(_PARAMETERS[name], int(value), 0)
            self._settings[name] = int(value)
        else:
            raise KeyError(f"unknown property {name}")


# espeak-ng's own units: rate in words per minute, pitch 0-100, volume 0-200 (100 = normal)
_PARAMETERS = {"rate": _espeak.RATE, "pitch": _espeak.PITCH, "volume": _espeak.VOLUME}


def _voice(v: Any) -> Voice:
    return Voice(id=v.identifier.decode(), name=v.name.decode(), languages=_languages(v))


def _languages(v: Any) -> list[str]:
    """Every language a voice declares. espeak-ng packs them as (priority byte, name, NUL)...
    ending with a zero byte, and the binding's char* field stops at the first NUL, so the list
    is read from the voice's memory: sit/cmn is also "zh-cmn" and "zh", which the first entry
    alone ("cmn") never matched."""
    address = ctypes.c_void_p.from_buffer(v, type(v).languages.offset).value
    found: list[str] = []
    while address and ctypes.string_at(address, 1) != b"\0":
        name = ctypes.string_at(address + 1)
        found.append(name.decode("utf-8", errors="replace"))
        address += len(name) + 2
    return found
