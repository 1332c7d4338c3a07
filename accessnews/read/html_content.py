"""Which element of a (chrome-stripped) page holds the article.

Markup that says "this is the article" wins when it holds most of the page's paragraph text;
otherwise the element under which paragraph text is densest, as readability-style extractors do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from lxml.html import HtmlElement

_BODY_CLASS = re.compile(
    r"(?<![a-z])(?:article-?body|story-?body|entry-?content|post-?(?:body|content)"
    r"|article-?(?:content|text)|story-?(?:content|text)|body-?text|content-?body|rich-?text"
    r"|cuerpo|contenido|texte?)(?![a-z])"
)
# Ordered: the first kind of candidate that holds enough of the paragraph text is the article.
_CANDIDATES: tuple[Callable[[HtmlElement], list[HtmlElement]], ...] = (
    lambda body: body.xpath(".//article"),
    lambda body: body.xpath(".//*[@itemprop='articleBody']"),
    lambda body: body.xpath(".//main | .//*[@role='main']"),
    lambda body: [
        e
        for e in body.iter()
        if isinstance(e.tag, str) and _BODY_CLASS.search(f"{e.get('class', '')} {e.get('id', '')}")
    ],
)
_MIN_SHARE = 0.5


def paragraph_chars(element: HtmlElement) -> int:
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def densest(body: HtmlElement) -> HtmlElement:
    """The element whose paragraphs (and, at half weight, grandchildren's) hold the most text."""
    scores: dict[HtmlElement, float] = defaultdict(float)
    for p in body.iter("p"):
        length = len(p.text_content().strip())
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] += length
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] += length / 2
    return max(scores, key=scores.__getitem__) if scores else body


def find_content(body: HtmlElement) -> HtmlElement:
    """The article's element: semantic markup if it holds most paragraph text, else the densest."""
    total = paragraph_chars(body)
    if total == 0:
        return body
    for candidates in _CANDIDATES:
        scored = [(paragraph_chars(e), e) for e in candidates(body)]
        if scored:
            chars, best = max(scored, key=lambda pair: pair[0])
            if chars >= _MIN_SHARE * total:
                return best
    return densest(body)
