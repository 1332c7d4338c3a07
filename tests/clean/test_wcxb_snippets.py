"""No cleaning rule drops text that WCXB's annotators marked as the article's (`with`).

Every `with` snippet of `../shared/corpora/wcxb-dev-articles` goes through the whole cleaning
pipeline as a paragraph between two prose paragraphs and must come out word for word
(typography may respell spaces and dashes, and removes the C1 control characters of the
corpus' mis-decoded apostrophes). One exception by design: a snippet that is itself a whole
image-credit line ("Image credits: Name") is recorded as a credit, because no writer reads
credits out; the test checks it is recorded as that. Skipped where the corpus is absent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from accessnews.model import Paragraph

from .helpers import PROSE, cleaned

GROUND_TRUTH = (
    Path(__file__).resolve().parents[2].parent / "shared/corpora/wcxb-dev-articles/ground-truth"
)
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x7f-\x9f]")


def _snippets() -> list[str]:
    found = []
    for path in sorted(GROUND_TRUTH.glob("*.json")):
        found += json.loads(path.read_text(encoding="utf-8"))["ground_truth"].get("with") or []
    return found


@pytest.mark.skipif(not GROUND_TRUTH.is_dir(), reason="../shared/corpora is not here")
def test_no_with_snippet_is_dropped_by_a_cleaning_rule() -> None:
    snippets = _snippets()
    assert len(snippets) > 3000
    lost = []
    for snippet in snippets:
        result = cleaned(PROSE, snippet, PROSE)
        kept = " ".join(b.text for b in result.blocks if isinstance(b, Paragraph))
        words = _WORD.findall(_CONTROL.sub("", snippet).lower())
        if " ".join(words) in " ".join(_WORD.findall(kept.lower())):
            continue
        if [d.kind for d in result.dropped] == ["image credit"] and "credit" in snippet.lower():
            continue
        lost.append((snippet[:80], [d.reason for d in result.dropped]))
    assert lost == []
