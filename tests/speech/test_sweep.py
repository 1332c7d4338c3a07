"""The speech self-check on real text: 300 paragraphs of real article bodies, no false alarm.

A fast subset of benchmarks/speech_sweep.py; skips where ../shared/corpora is absent.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from speech_sweep import CORPORA, readability_paragraphs, sweep, wcxb_paragraphs  # noqa: E402

pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is absent")


def _every_seventh(paragraphs, count):
    """Spread the subset over the corpus rather than its first pages."""
    return itertools.islice(itertools.islice(paragraphs, 0, None, 7), count)


def test_real_paragraphs_never_raise_a_false_alarm(engine):
    paragraphs = itertools.chain(
        _every_seventh(wcxb_paragraphs(), 200), _every_seventh(readability_paragraphs(), 100)
    )
    result = sweep(paragraphs, engine)
    assert result.pieces >= 300
    assert result.false_alarms == []
    assert all("audio kept" in warning for warning in result.warnings)
    assert 120 < sorted(result.wpm)[len(result.wpm) // 2] < 230
