"""Inline HTML to spans: emphasis, code and links kept, whitespace collapsed as a browser does.

Speech and braille both need emphasis and links, so they are carried as span attributes
rather than flattened to plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from urllib.parse import urljoin

from bs4 import NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ..model import Inlines, Span

INLINE_TAGS = frozenset(
    {
        *("a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del"),
        *("dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s"),
        *("samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var"),
        "wbr",
    }
)
_ITALIC = frozenset({"em", "i", "dfn", "var"})
_BOLD = frozenset({"strong", "b"})
_CODE = frozenset({"code", "kbd", "samp", "tt"})
# Browsers collapse ASCII whitespace only; a no-break space is text (cleaning normalises it).
_SPACE = re.compile(r"[ \t\n\r\f]+")
_SENTENCE_END = frozenset(".!?…:")
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


@dataclass(frozen=True)
class Style:
    italic: bool = False
    bold: bool = False
    code: bool = False
    link: str | None = None

    def span(self, text: str) -> Span:
        return Span(text, italic=self.italic, bold=self.bold, code=self.code, link=self.link)


def tags_under(node: Tag) -> Iterator[Tag]:
    """Descendant elements in document order (BeautifulSoup's find_all is slow per call)."""
    return (d for d in node.descendants if isinstance(d, Tag))


def child_nodes(node: Tag) -> Iterator[Tag | NavigableString]:
    """An element's children: elements and strings, the only nodes a parsed tree holds
    (BeautifulSoup types them as their base class, PageElement)."""
    return (c for c in node.children if isinstance(c, Tag | NavigableString))


def attribute(tag: Tag, name: str) -> str | None:
    """A single-valued attribute's text, or None when it is absent. BeautifulSoup types every
    value as possibly a list (the multi-valued `class`, `rel` ...); a list is joined as written."""
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else value


def classes(tag: Tag) -> list[str]:
    """The words of the element's class attribute (BeautifulSoup splits it into a list)."""
    value = tag.get("class")
    return value.split() if isinstance(value, str) else list(value or ())


def first_under(node: Tag, match: Callable[[Tag], bool]) -> Tag | None:
    return next((d for d in tags_under(node) if match(d)), None)


def absolute_link(href: str | None, base: str | None) -> str | None:
    """An absolute URL for a link; None for page-internal or script links."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return None
    return urljoin(base, href) if base else href


def _styled(tag: Tag, style: Style, base: str | None) -> Style:
    name = tag.name
    if name in _ITALIC:
        return replace(style, italic=True)
    if name in _BOLD:
        return replace(style, bold=True)
    if name in _CODE:
        return replace(style, code=True)
    if name == "a":
        return replace(style, link=absolute_link(attribute(tag, "href"), base) or style.link)
    return style


def _text_of_image(tag: Tag) -> str:
    """Inline images carry text only as emoji glyphs (their alt text is the character)."""
    return (attribute(tag, "alt") or "") if "emoji" in " ".join(classes(tag)) else ""


def node_spans(
    child: Tag | NavigableString, base: str | None, style: Style = Style()
) -> list[Span]:
    """The text runs of one node with its style; a block element is set off by spaces."""
    if isinstance(child, NavigableString):
        return [] if isinstance(child, _NOT_TEXT) else [style.span(str(child))]
    if child.name == "br":
        return [style.span(" ")]
    if child.name == "img":
        return [style.span(_text_of_image(child))]
    if child.name == "q":
        return [style.span("“"), *raw_spans(child, base, style), style.span("”")]
    if child.name in INLINE_TAGS:
        return raw_spans(child, base, _styled(child, style, base))
    return [Span(" "), *raw_spans(child, base, style), Span(" ")]


def raw_spans(node: Tag, base: str | None, style: Style = Style()) -> list[Span]:
    """Every text run under `node` with its style."""
    return [span for child in child_nodes(node) for span in node_spans(child, base, style)]


def _style_of(span: Span) -> tuple[bool, bool, bool, str | None]:
    return span.italic, span.bold, span.code, span.link


def normalise(spans: list[Span]) -> Inlines:
    """Collapse whitespace across span boundaries, trim the ends, merge equal-style neighbours."""
    texts: list[str] = []
    styles: list[tuple[bool, bool, bool, str | None]] = []
    for span in spans:
        text = _SPACE.sub(" ", span.text)
        if not texts or texts[-1].endswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if texts and texts[-1][-1] in _SENTENCE_END and text[0].isupper():
            text = " " + text  # "Caption.<span>Credit</span>": separate elements, two sentences
        style = _style_of(span)
        if styles and styles[-1] == style:
            texts[-1] += text
        else:
            texts.append(text)
            styles.append(style)
    while texts and not texts[-1].rstrip(" "):
        texts.pop()
        styles.pop()
    if texts:
        texts[-1] = texts[-1].rstrip(" ")
    return tuple(
        Span(text, italic=i, bold=b, code=c, link=link)
        for text, (i, b, c, link) in zip(texts, styles, strict=True)
    )


def inline_spans(node: Tag, base: str | None) -> Inlines:
    """The normalised spans of everything under `node`."""
    return normalise(raw_spans(node, base))
