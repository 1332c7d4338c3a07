"""Inline HTML to spans: emphasis, code and links kept, whitespace collapsed as a browser does.

Speech and braille both need emphasis and links, so they are carried as span attributes
rather than flattened to plain text. The walk reads lxml's tree, where an element's text is
its `text` and the text after a child is the child's `tail`; `child_nodes` turns that back
into the document's order of text runs and nodes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TypeAlias, TypeGuard
from urllib.parse import quote, urljoin

from lxml.html import HtmlComment, HtmlElement

from ...model import Inlines, Span

# A node of the walk: a text run, an element, or a comment (a node whose `tag` is not a str).
Node: TypeAlias = "HtmlElement | str"

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
# Ruby annotations: their text (a reading aid) is of another kind than the text they annotate.
_ANNOTATIONS = frozenset({"rt", "rp"})
# What an address keeps unescaped: printable ASCII but the space.
_URL_SAFE = "".join(map(chr, range(0x21, 0x7F)))


@dataclass(frozen=True)
class Style:
    italic: bool = False
    bold: bool = False
    code: bool = False
    link: str | None = None

    def span(self, text: str) -> Span:
        return Span(text, italic=self.italic, bold=self.bold, code=self.code, link=self.link)


def is_element(node: Node) -> TypeGuard[HtmlElement]:
    """An element, not a text run or a comment (lxml gives a comment a `tag` that is no str)."""
    return not isinstance(node, str) and isinstance(node.tag, str)


def tags_under(node: HtmlElement) -> Iterator[HtmlElement]:
    """Descendant elements in document order, comments left out."""
    return (d for d in node.iterdescendants() if isinstance(d.tag, str))


def child_nodes(node: HtmlElement) -> Iterator[Node]:
    """An element's content in document order: its text, then each child and its tail."""
    if node.text:
        yield node.text
    for child in node:
        yield child
        if child.tail:
            yield child.tail


def classes(tag: HtmlElement) -> list[str]:
    """The words of the element's class attribute."""
    return (tag.get("class") or "").split()


def first_under(node: HtmlElement, match: Callable[[HtmlElement], bool]) -> HtmlElement | None:
    return next((d for d in tags_under(node) if match(d)), None)


def _kind(tag: HtmlElement) -> str | None:
    """The kind of the text directly in `tag`: the nearest enclosing ruby annotation's, else
    None (ordinary text)."""
    return next((t.tag for t in (tag, *tag.iterancestors()) if t.tag in _ANNOTATIONS), None)


def _strings(tag: HtmlElement, kind: str | None, wanted: str | None) -> Iterator[str]:
    """The text runs under `tag` (whose own text is of `kind`) that are of the `wanted` kind."""
    if tag.text and kind == wanted:
        yield tag.text
    for child in tag:
        if isinstance(child.tag, str):
            inner = child.tag if child.tag in _ANNOTATIONS else kind
            yield from _strings(child, inner, wanted)
        if child.tail and kind == wanted:
            yield child.tail


def words(tag: HtmlElement) -> str:
    """The element's text of its own kind with whitespace collapsed (a cited name without the
    ruby annotations over it); separate text runs stay separate words."""
    wanted = tag.tag if tag.tag in _ANNOTATIONS else None
    return " ".join(" ".join(_strings(tag, _kind(tag), wanted)).split())


def take_out(tag: HtmlElement) -> None:
    """Remove `tag` from the tree, keeping the text after it as a run of its own.

    An empty comment takes its place and holds its tail: joined to the text before it, the
    tail would lose the boundary `normalise` reads (`Quote.<cite>X</cite>Next` is two sentences).
    """
    placeholder = HtmlComment("")
    placeholder.tail, tag.tail = tag.tail, None
    tag.getparent().replace(tag, placeholder)


def address(tag: HtmlElement, name: str) -> str | None:
    """A link's or image's address (`href`, `src`) as a URI: leading whitespace dropped;
    spaces, control and non-ASCII characters percent-encoded as UTF-8. Pages hold addresses
    with accents and stray spaces; lxml's HTML serialiser writes them the same way."""
    value = tag.get(name)
    return None if value is None else quote(value.lstrip(" \t\n\r"), safe=_URL_SAFE)


def absolute_link(href: str | None, base: str | None) -> str | None:
    """An absolute URL for a link; None for page-internal or script links."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:")):
        return None
    return urljoin(base, href) if base else href


def _styled(tag: HtmlElement, style: Style, base: str | None) -> Style:
    name = tag.tag
    if name in _ITALIC:
        return replace(style, italic=True)
    if name in _BOLD:
        return replace(style, bold=True)
    if name in _CODE:
        return replace(style, code=True)
    if name == "a":
        return replace(style, link=absolute_link(address(tag, "href"), base) or style.link)
    return style


def _text_of_image(tag: HtmlElement) -> str:
    """Inline images carry text only as emoji glyphs (their alt text is the character)."""
    return (tag.get("alt") or "") if "emoji" in (tag.get("class") or "") else ""


def node_spans(child: Node, base: str | None, style: Style = Style()) -> list[Span]:
    """The text runs of one node with its style; a block element is set off by spaces."""
    if isinstance(child, str):
        return [style.span(child)]
    name = child.tag
    if not isinstance(name, str):  # a comment
        return []
    if name == "br":
        return [style.span(" ")]
    if name == "img":
        return [style.span(_text_of_image(child))]
    if name == "q":
        return [style.span("“"), *raw_spans(child, base, style), style.span("”")]
    if name in INLINE_TAGS:
        return raw_spans(child, base, _styled(child, style, base))
    return [Span(" "), *raw_spans(child, base, style), Span(" ")]


def raw_spans(node: HtmlElement, base: str | None, style: Style = Style()) -> list[Span]:
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


def inline_spans(node: HtmlElement, base: str | None) -> Inlines:
    """The normalised spans of everything under `node`."""
    return normalise(raw_spans(node, base))
