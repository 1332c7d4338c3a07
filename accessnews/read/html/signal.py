"""A second opinion on where the article is: the text trafilatura extracts from the same page.

Class names mislead (an article column called `has-sidebar`, a body in `div.widget`), and
paragraph density picks a comment thread or a list of teasers on some pages. trafilatura's
heuristics fail on other pages, and it drops figures, captions and embedded posts, so it is
only a signal: the reader still walks its own tree into blocks, and it uses the signal to
protect the elements that hold the article's text from the chrome rules and to choose the
article element. `benchmarks/bench_wcxb.py` measures what each part is worth.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from ..extractor import extractor

_WORD = re.compile(r"\w+")
# Shorter text matches anywhere by chance ("Share", "Home").
_MIN_WORDS = 4
# Below this many words the signal saw no article (a gallery, a page drawn by scripts).
MIN_SIGNAL_WORDS = 50


def _joined(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Signal:
    """The signal's text as one string of lower-cased words, and how much of it each element
    of the page holds (characters of its paragraphs found in the signal)."""

    held: dict[HtmlElement, int]
    total: int

    def share(self, element: HtmlElement) -> float:
        return self.held.get(element, 0) / self.total if self.total else 0.0


def extract_text(page_html: str) -> str:
    """What trafilatura takes for the article's text (no comments), or empty text."""
    extract = extractor()  # imported on first use: ~110 ms, and only HTML pages need it
    return extract(page_html, include_comments=False, include_tables=True) or ""


def locate(body: HtmlElement, text: str) -> Signal | None:
    """Which elements of `body` hold the signal's text; None when it found no article.

    Each run of text in the page (an element's text, or the tail after a child) of a few words
    that is a passage of the signal counts for every element that holds it, whatever their tags
    (paragraphs, or `div`s of text broken by `<br>`); a run the page repeats (a mobile and a
    desktop copy) counts once. Runs, not elements, so the page's text is read once."""
    joined = f" {_joined(text)} "
    if joined.count(" ") - 1 < MIN_SIGNAL_WORDS:
        return None
    held: dict[HtmlElement, int] = defaultdict(int)
    seen: set[str] = set()
    for holder, run in _runs(body):
        words = _joined(run)
        if words.count(" ") + 1 < _MIN_WORDS or words in seen or f" {words} " not in joined:
            continue
        seen.add(words)
        for ancestor in (holder, *holder.iterancestors()):
            held[ancestor] += len(words)
    total = held.get(body, 0)
    return Signal(dict(held), total) if total else None


def _runs(body: HtmlElement) -> Iterator[tuple[HtmlElement, str]]:
    """Every run of text under `body` with the element that shows it."""
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text and not element.text.isspace():
            yield element, element.text
        parent = element.getparent()
        if (
            element is not body
            and parent is not None
            and element.tail
            and not element.tail.isspace()
        ):
            yield parent, element.tail
