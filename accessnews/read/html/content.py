"""Which element of a (chrome-stripped) page holds the article.

Markup that says "this is the article" wins when it holds most of the page's paragraph text;
otherwise the element under which paragraph text is densest, as readability-style extractors do.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from lxml.html import HtmlElement

from .inline import take_out
from .media import embed_platform, is_media_figure
from .signal import Signal

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
_SIGNAL_SHARES = (0.85, 0.5)
_TEXT_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td"})
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
    nested in one another, so the last in document order); when only the body does (the
    signal took in a pop-up's text too), the deepest that holds most of it. Never one
    paragraph: a page that repeats its only paragraph holds the signal in the first copy."""
    for share in _SIGNAL_SHARES:
        holding = [
            e
            for e in body.iterdescendants()
            if e.tag not in _TEXT_TAGS and signal.share(e) >= share
        ]
        if holding:
            return holding[-1]
    return None


def find_content(body: HtmlElement, signal: Signal | None = None) -> HtmlElement:
    """The article's element: semantic markup if it holds most paragraph text, else the
    densest; when that misses much of the signal's text, the element holding the signal."""
    chosen = _own_choice(body)
    if signal is None:
        return chosen
    signalled = _signalled(body, signal)
    if signalled is None:
        return chosen
    return _with_media(signalled, body)


def _with_media(element: HtmlElement, body: HtmlElement) -> HtmlElement:
    """The element, or the outermost ancestor that adds only figures and embedded posts to it:
    what the signal leaves out but the article holds. (Allowing a few more words, for
    subheadings, let author boxes and share bars in: WCXB F1 -0.0015, 53 more leaks.)"""
    limit = len(element.text_content())
    for ancestor in element.iterancestors():
        if ancestor is body:
            break
        media = sum(len(m.text_content()) for m in ancestor.iter() if _is_media(m))
        if len(ancestor.text_content()) - media > limit:
            break
        element = ancestor
    return element


def take_lead_figures(root: HtmlElement, headline: HtmlElement | None) -> None:
    """Move the figures between the headline and the article element (a lead image in the
    article's header, which the element holding the text leaves out) to the article's start.
    Only after the headline: a figure above it is the page's, not this article's."""
    if headline is None or root in headline.iterancestors():
        return
    ancestors = set(root.iterancestors())
    common = next((a for a in headline.iterancestors() if a in ancestors), None)
    if common is None:
        return
    found: list[HtmlElement] = []
    after_headline = False
    for element in common.iter():
        if element is root:
            break
        after_headline = after_headline or element is headline
        if (
            after_headline
            and element.tag == "figure"
            and not any(a in found for a in element.iterancestors())
            and is_media_figure(element)
        ):
            found.append(element)
    for index, figure in enumerate(found):
        take_out(figure)
        root.insert(index, figure)


def _is_media(element: HtmlElement) -> bool:
    return element.tag == "figure" or embed_platform(element) is not None


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
