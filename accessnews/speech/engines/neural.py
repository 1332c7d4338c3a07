"""The offline neural voice: hibari-tts (an int8 ONNX model in its wheel), English only.

Installed by the `neural` extra (`pip install accessnews[neural]`); its driver is
speech/hibari_driver.py. Its voice speaks about 165 words per minute at speed 1.0 (measured
on the reference article) and honours speed 0.5-2.0, so the rate range below is that span in
words per minute. Its memory grows steeply with the length of one call (5 GB for 10,000
unpunctuated characters), so pieces are short: a sentence or two, cut at clauses or spaces
when a run has no sentence end.
"""

from __future__ import annotations

from .spec import EngineSpec

NEURAL = EngineSpec(
    name="neural",
    label="hibari-tts",
    driver="accessnews.speech.hibari_driver",
    rates=range(85, 331),
    max_piece=400,
    languages=("en",),
    requires=("hibari", "onnxruntime", "numpy"),
    extra="neural",
)
