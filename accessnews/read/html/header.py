"""The article's visible header: headline, byline, standfirst and date line.

These elements become Article metadata, so they are taken out of the tree before the block walk
(a byline is not a paragraph). Byline and date-line text that is not kept word for word goes
to the audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

from ...dates import parse_date
from ...model import Dropped
from .chrome import audit_text, marks, visible_text
from .meta import PageMeta, iso_date

_BYLINE_CLASS = re.compile(r"(?<![a-z])(?:by[-_]*line|author|autor|auteur|firma|contributor)")
_STANDFIRST_CLASS = re.compile(
    r"(?<![a-z])(?:standfirst|dek|sub[-_]*title|sub[-_]*headline|article[-_]*summary"
    r"|entradilla|sumario|chapo|chapeau)"
)
_DATELINE_CLASS = re.compile(r"(?<![a-z])(?:dateline|timestamp|pub[-_]*date|published|fecha|date)")
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|and|y|et|und|de|van|von|der|la|le|da|di)"
_BY_LINE = re.compile(rf"^(?:By|Por|Par|Von):?\s+{_NAME_WORD}(?:[\s,&]+{_NAME_WORD})*$")
_MAX_BY_LINE = 80
_LONG_PARAGRAPH = 100
_BY = re.compile(r"^(?:by|por|par|von|door|di)(?::\s*|\s+)", re.IGNORECASE)
_CONNECTOR = re.compile(r"^(?:by|por|par|von|and|y|et|und|&|,)$", re.IGNORECASE)
# "and" in any case ("BY ANN LEE AND BO CHEN"); "e"/"y" only in lower case (not initials).
_NAME_SPLIT = re.compile(r"\s*[,|·•]\s*|\s+(?:(?i:and)|y|et|und|e|&)\s+")
_ROLE_WORDS = re.compile(r"correspondent|editor|reporter|writer|staff|contributor|columnist")
# Header elements are short; a long element with such a class is content, not a byline.
_MAX_HEADER_CHARS = 300
# A byline name is a few words; a sentence in an author box is not a name.
_MAX_NAME_WORDS = 5
_INLINE_PARENTS = frozenset(
    {"p", "li", "td", "dd", "blockquote", "figcaption", "h2", "h3", "h4", "h5", "h6", "a", "span"}
)
_CONTAINERS = frozenset({"body", "html", "article", "main"})
_MEDIA = frozenset({"figure", "figcaption", "blockquote"})
KIND = "metadata"


@dataclass(frozen=True)
class Header:
    headline: str
    standfirst: str | None
    bylines: tuple[str, ...]
    published: str | None
    dropped: tuple[Dropped, ...]


def _classed(body: HtmlElement, pattern: re.Pattern[str]) -> Iterator[HtmlElement]:
    """Top-most short elements whose class or itemprop matches `pattern`, outside media."""
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in _CONTAINERS:
            continue
        if (
            pattern.search(marks(element, "itemprop"))
            and len(element.text_content()) <= _MAX_HEADER_CHARS
        ):
            ancestors = list(element.iterancestors())
            if not any(a.tag in _MEDIA or pattern.search(marks(a, "itemprop")) for a in ancestors):
                yield element


def split_byline(text: str) -> tuple[str, ...]:
    """`By A, B and C, Rural Affairs Correspondent` -> (A, B, C)."""
    names = _NAME_SPLIT.split(_BY.sub("", text.strip()))
    return tuple(
        n
        for n in names
        if n and len(n.split()) <= _MAX_NAME_WORDS and not _ROLE_WORDS.search(n.lower())
    )


def byline_names(element: HtmlElement) -> tuple[str, ...]:
    """Names in a byline element; its text pieces (name, role) are split separately."""
    pieces = (" ".join(piece.split()) for piece in element.itertext())
    return tuple(
        name
        for piece in pieces
        if piece and not _CONNECTOR.match(piece)
        for name in split_byline(piece)
    )


def _attached(element: HtmlElement, body: HtmlElement) -> bool:
    """Still in the page (not inside a subtree removed earlier)."""
    return any(ancestor is body for ancestor in element.iterancestors())


def headline_element(body: HtmlElement, root: HtmlElement, page: PageMeta) -> HtmlElement | None:
    """The visible headline: the h1 the page's metadata names, else the article's first; an h1
    outside the article (a site logo) only when metadata is silent."""
    known = {page.headline, page.title} - {None}
    h1 = next((h for h in body.iter("h1") if visible_text(h) in known), None)
    if h1 is None:
        h1 = next(root.iter("h1"), None)
    if h1 is None and not known:
        h1 = next(body.iter("h1"), None)
    return h1


def _headline(body: HtmlElement, root: HtmlElement, page: PageMeta) -> str | None:
    """The headline's text; its h1 is removed."""
    h1 = headline_element(body, root, page)
    if h1 is None:
        return None
    text = visible_text(h1)
    h1.drop_tree()
    return text or None


def _opens_the_story(paragraph: HtmlElement) -> bool:
    """A long paragraph that is not a standfirst and not inside a `<header>`."""
    if len(visible_text(paragraph)) < _LONG_PARAGRAPH:
        return False
    return not any(
        e.tag == "header" or _STANDFIRST_CLASS.search(marks(e))
        for e in (paragraph, *paragraph.iterancestors())
    )


def _header_area(body: HtmlElement, root: HtmlElement) -> Callable[[HtmlElement], bool]:
    """Whether an element comes before the article's first long paragraph, where headers are
    (a live blog's entry times and an author box at the end stay in the text)."""
    order = {element: position for position, element in enumerate(body.iter())}
    first = next(filter(_opens_the_story, root.iter("p")), None)
    limit = order.get(first, len(order))
    return lambda element: order.get(element, limit) < limit


def _bylines(
    body: HtmlElement, in_header: Callable[[HtmlElement], bool]
) -> tuple[tuple[str, ...], list[HtmlElement]]:
    """Names from [rel=author], [itemprop=author] or byline-classed elements, and the elements."""
    elements = list(filter(in_header, _classed(body, _BYLINE_CLASS)))
    authors = body.xpath(".//*[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]")
    authors = list(filter(in_header, authors))
    names = [visible_text(a) for a in authors if visible_text(a)]
    if not names:
        names = [n for e in elements for n in byline_names(e)]
    if not names and not elements:
        line = _by_line(body)
        elements = [line] if line is not None else []
        names = list(byline_names(line)) if line is not None else []
    for author in authors:
        parent = author.getparent()
        short = parent is not None and len(parent.text_content()) <= len(author.text_content()) + 12
        elements.append(parent if short and parent.tag not in {"body", "article"} else author)
    return tuple(dict.fromkeys(names)), elements


def _by_line(body: HtmlElement) -> HtmlElement | None:
    """An unmarked "By Ann Lee and Bo Chen" line above the first long paragraph."""
    for element in body.iter("p", "div", "span", "address"):
        text = visible_text(element)
        if element.tag == "p" and len(text) >= _LONG_PARAGRAPH:
            return None
        if len(text) <= _MAX_BY_LINE and _BY_LINE.match(text):
            return element
    return None


def _standalone_times(body: HtmlElement) -> list[HtmlElement]:
    """`<time>` elements that stand alone (a date line), not inside a sentence."""
    return [
        t
        for t in body.iter("time")
        if t.getparent() is not None and t.getparent().tag not in _INLINE_PARENTS
    ]


def _date_of(datelines: list[HtmlElement]) -> str | None:
    """The first machine-readable `<time datetime>` of the date lines, else a written date."""
    for element in datelines:
        times = [element] if element.tag == "time" else list(element.iter("time"))
        for found in (iso_date(t.get("datetime")) for t in times):
            if found:
                return found
    return next(filter(None, (parse_date(visible_text(e)) for e in datelines)), None)


def _remove_separators(body: HtmlElement, parents: list[HtmlElement]) -> None:
    """A meta row left with only its separators (`·`, `|`) once byline and date are out."""
    for parent in parents:
        if parent is body or parent.tag in _CONTAINERS or not _attached(parent, body):
            continue
        if not any(c.isalnum() for c in parent.text_content()):
            parent.drop_tree()


def read_header(body: HtmlElement, root: HtmlElement, page: PageMeta, name: str) -> Header:
    """Take headline, byline, standfirst and date line out of the tree into metadata."""
    headline = _headline(body, root, page) or page.headline or page.title or name
    in_header = _header_area(body, root)
    dom_bylines, byline_elements = _bylines(body, in_header)
    standfirst_element = next(filter(in_header, _classed(body, _STANDFIRST_CLASS)), None)
    standfirst = visible_text(standfirst_element) if standfirst_element is not None else None
    if standfirst_element is not None:
        standfirst_element.drop_tree()
    datelines = [
        *filter(in_header, _classed(body, _DATELINE_CLASS)),
        *filter(in_header, _standalone_times(body)),
    ]
    published = page.published or _date_of(datelines)
    dropped: list[Dropped] = []
    parents: list[HtmlElement] = []
    for element, reason in (
        *((e, "byline") for e in byline_elements),
        *((e, "date line") for e in datelines),
    ):
        if not _attached(element, body):
            continue
        text = audit_text(element)
        if text:
            dropped.append(Dropped(KIND, text, reason))
        parents.append(element.getparent())
        element.drop_tree()
    _remove_separators(body, parents)
    return Header(
        headline=headline,
        standfirst=standfirst or page.standfirst,
        bylines=page.bylines or dom_bylines or page.meta_bylines,
        published=published,
        dropped=tuple(dropped),
    )
