"""A pyttsx3 driver for hibari-tts, the offline neural voice, rendering to memory.

Like espeak_driver.py it keeps pyttsx3's engine, queue and properties, synthesises each queued
`say` completely before the next command, and publishes the result on the "synthesized" topic:
the PCM, one timing mark per sentence (its characters and first sample), how far the sentences
with audio reach, and that it finished.

Only voices whose model is on this machine are offered (the one in hibari's wheel, or one a
user put in its cache by hand): hibari would otherwise download a model on first use, which
accessnews never does. The noise in hibari's vocoder is seeded per `say`, so the same text and
settings give the same samples on every run. Prosody: rate (words per minute) becomes hibari's
speed factor, pitch scales the predicted fundamental, volume scales the samples.

pyttsx3 loads drivers as `pyttsx3.drivers.<name>`; accessnews.speech.engine registers this
module under that name (engines/neural.py describes the engine).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hibari import Hibari, dsp
from hibari.voices import DEFAULT, VOICES, voice_path
from pyttsx3.voice import Voice

from .memory_driver import MemoryDriver, Rendered

SEED = 0  # the vocoder's noise: fixed, so renders are byte-identical
WPM_AT_SPEED_1 = 165  # the bundled voice on the reference article (engines/neural.py)
PITCH_OCTAVES = 0.5  # pitch 0 and 100 are half an octave below and above the voice's own


def buildDriver(proxy: Any) -> HibariDriver:  # noqa: N802 (pyttsx3's driver entry point)
    return HibariDriver(proxy)


def _offline(name: str) -> bool:
    try:
        voice_path(name, download_missing=False)
    except FileNotFoundError:
        return False
    return True


class HibariDriver(MemoryDriver):
    """The pyttsx3 driver interface over hibari-tts."""

    def __init__(self, proxy: Any) -> None:
        super().__init__(proxy)
        self._tts: Hibari | None = None
        self._settings.update(voice=DEFAULT, rate=WPM_AT_SPEED_1, pitch=50, volume=100)

    @property
    def sample_rate(self) -> int:
        return int(Hibari.sample_rate)

    def _model(self) -> Hibari:
        """The model for the current voice, loaded on first use (and on a change of voice)."""
        voice = self._settings["voice"]
        if self._tts is None or self._tts.voice != voice:
            self._tts = Hibari(voice=voice, threads=1)
        return self._tts

    def destroy(self) -> None:
        self._tts = None

    def render(self, text: str) -> Rendered:
        """PCM, one (start, end, first sample) mark per sentence, and the end of the last
        sentence that produced audio."""
        tts = self._model()
        rng = np.random.default_rng(SEED)
        speed = self._settings["rate"] / WPM_AT_SPEED_1
        pitch = 2.0 ** ((self._settings["pitch"] - 50) / 50 * PITCH_OCTAVES)
        gain = self._settings["volume"] / 100
        chunks: list[np.ndarray] = []
        marks: list[tuple[int, int, int]] = []
        position = consumed = cursor = 0
        for sentence in tts.split_sentences(text):
            start = text.find(sentence, cursor)
            start = cursor if start < 0 else start
            cursor = start + len(sentence)
            marks.append((start, cursor, position))
            for phonemes in tts.phonemize(sentence):
                ids = tts.ids(phonemes)
                if len(ids) < 3:  # nothing but the two pads: no sound to make
                    continue
                out = tts.sess.run(None, _inputs(ids, speed))
                lh, th, ln, lr, phi, f0 = (o[0] for o in out)
                audio = dsp.synth(lh, th, ln, lr, phi, f0 * pitch, rng)
                chunks.append(audio)
                position += len(audio)
            if position > marks[-1][2]:
                consumed = cursor
        audio = np.concatenate(chunks) if chunks else np.zeros(0, np.float32)
        pcm = (np.clip(audio * gain, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
        return Rendered(pcm, tuple(marks), consumed, True)

    # -- properties --------------------------------------------------------------------------
    def getProperty(self, name: str) -> Any:  # noqa: N802
        if name == "voices":
            return [_voice(key, v) for key, v in VOICES.items() if _offline(key)]
        return super().getProperty(name)

    def setProperty(self, name: str, value: Any) -> None:  # noqa: N802
        if name == "voice":
            if value not in VOICES or not _offline(value):
                raise ValueError(f"hibari-tts has no voice {value!r} on this machine")
            self._settings["voice"] = value
        elif name in ("rate", "pitch", "volume"):
            self._settings[name] = int(value)
        else:
            raise KeyError(f"unknown property {name}")


def _voice(key: str, entry: dict[str, Any]) -> Voice:
    return Voice(id=key, name=f"{entry['accent']} {entry['gender']}", languages=[entry["language"]])


def _inputs(ids: list[int], speed: float) -> dict[str, np.ndarray]:
    """The ONNX model's inputs for one phoneme chunk (hibari's Hibari.from_ids, whose vocoder
    call this driver repeats to scale the fundamental for pitch)."""
    return {"ids": np.asarray([ids], np.int64), "speed": np.asarray([speed], np.float32)}
