"""espeak-ng: fast, clear at speed, 100+ languages; the default engine.

Its driver is speech/espeak_driver.py. The neutral prosody units of speech/engine.py are
espeak-ng's own (words per minute, pitch 0-100 with 50 its normal, volume in percent), so the
driver passes them through.
"""

from __future__ import annotations

from .spec import EngineSpec

ESPEAK = EngineSpec(
    name="espeak",
    label="espeak-ng",
    driver="accessnews.speech.espeak_driver",
    rates=range(80, 451),  # what espeak-ng accepts, words per minute
    # Long text is cut into pieces of at most this many characters at sentence ends: a failed
    # check then costs one short retry, and espeak-ng never sees a huge buffer.
    max_piece=4000,
    script_voices=True,
)
