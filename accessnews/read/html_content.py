"""Which element of a (chrome-stripped) page holds the article.

Markup that says "this is the article" wins when it holds most of the page's paragraph text;
otherwise the element under which paragraph text is densest, as readability-style extractors do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from lxml.html import HtmlElement

from .html_signal import Signal

# No left word boundary: CamelCase classes such as `RichTextStoryBody` lower-case into one word.
BODY_CLASS = re.compile(
    r"(?:article[-_]*body|story[-_]*body|entry[-_]*content|post[-_]*(?:body|content)"
    r"|article[-_]*(?:content|text)|story[-_]*(?:content|text)|body[-_]*text|content[-_]*body"
    r"|rich[-_]*text|cuerpo|contenido|(?<![a-z])texte?)(?![a-z])"
)
# Ordered: the first kind of candidate that holds enough of the paragraph text is the article.
_CANDIDATES: tuple[Callable[[HtmlElement], list[HtmlElement]], ...] = (
    lambda body: body.xpath(".//article"),
    lambda body: body.xpath(".//*[@itemprop='articleBody']"),
    lambda body: body.xpath(".//main | .//*[@role='main']"),
    lambda body: [
        e
        for e in body.iter()
        if isinstance(e.tag, str)
        and BODY_CLASS.search(f"{e.get('class', '')} {e.get('id', '')}".lower())
    ],
)
_MIN_SHARE = 0.5
_SIGNAL_SHARE = 0.85
# Pages without <p> (paragraphs as <div>s): an element with this much text of its own is one.
_DIV_PARAGRAPH_CHARS = 80


def paragraphs(body: HtmlElement) -> list[tuple[HtmlElement, int]]:
    """The page's paragraphs with their text lengths: `<p>`, else text-bearing elements."""
    found = [(p, len(p.text_content().strip())) for p in body.iter("p")]
    if any(length for _, length in found):
        return found
    return [
        (e, len(e.text_content().strip()))
        for e in body.iter()
        if isinstance(e.tag, str) and len((e.text or "").strip()) >= _DIV_PARAGRAPH_CHARS
    ]


def prose_under(body: HtmlElement) -> tuple[dict[HtmlElement, int], int]:
    """Paragraph text outside links under each element, and the page's total: where the
    article's prose is, before any class name is trusted (menus and cards are mostly links)."""
    found = []
    for paragraph, length in paragraphs(body):
        linked = sum(len(a.text_content().strip()) for a in paragraph.iter("a"))
        found.append((paragraph, max(length - linked, 0)))
    return _chars_under(found), sum(length for _, length in found)


def _chars_under(found: list[tuple[HtmlElement, int]]) -> dict[HtmlElement, int]:
    """Paragraph text held under each element (every ancestor of a paragraph)."""
    held: dict[HtmlElement, int] = defaultdict(int)
    for paragraph, length in found:
        for ancestor in paragraph.iterancestors():
            held[ancestor] += length
    return held


def densest(found: list[tuple[HtmlElement, int]], body: HtmlElement) -> HtmlElement:
    """The element whose paragraphs (and, at half weight, grandchildren's) hold the most text."""
    scores: dict[HtmlElement, float] = defaultdict(float)
    for paragraph, length in found:
        parent = paragraph.getparent()
        if parent is None:
            continue
        scores[parent] += length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] += length / 2
    return max(scores, key=scores.__getitem__) if scores else body


def _signalled(body: HtmlElement, signal: Signal) -> HtmlElement | None:
    """The deepest element that holds nearly all of the signal's text (such elements are
    nested in one another, so the last in document order)."""
    holding = [e for e in body.iter() if signal.share(e) >= _SIGNAL_SHARE]
    return holding[-1] if holding else None


def find_content(body: HtmlElement, signal: Signal | None = None) -> HtmlElement:
    """The article's element: semantic markup if it holds most paragraph text, else the
    densest; when that misses much of the signal's text, the element holding the signal."""
    chosen = _own_choice(body)
    if signal is None:
        return chosen
    signalled = _signalled(body, signal)
    if signalled is None:
        return chosen
    return signalled


def _own_choice(body: HtmlElement) -> HtmlElement:
    found = paragraphs(body)
    total = sum(length for _, length in found)
    if total == 0:
        return body
    held = _chars_under(found)
    for candidates in _CANDIDATES:
        scored = [(held.get(e, 0), e) for e in candidates(body)]
        if scored:
            chars, best = max(scored, key=lambda pair: pair[0])
            if chars >= _MIN_SHARE * total:
                return best
    return densest(found, body)
