"""The structural walk: the article element to model blocks, in document order.

Walks lxml's tree of the page directly: the element `find_content` found is taken out of the page
and read, with no second parse of its markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from lxml.html import Element, HtmlElement

from ...model import (
    Block,
    Dropped,
    Figure,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    plain,
    spans_of,
)
from .inline import (
    INLINE_TAGS,
    Node,
    child_nodes,
    first_under,
    inline_spans,
    is_element,
    node_spans,
    normalise,
    tags_under,
    take_out,
    words,
)
from .media import (
    IMAGES,
    caption_parts,
    embed_block,
    embed_platform,
    figure_block,
    is_media_figure,
    is_slide,
    looks_like_figure,
    take_labels,
)

# The headline's h1 is metadata; another h1 inside the article is a section heading (level 2).
_HEADINGS = {"h1": 2} | {f"h{level}": level for level in range(2, 7)}
_PARAGRAPHS = frozenset({"p", "dt", "dd", "tr", "caption", "pre", "address", "summary"})
_LISTS = frozenset({"ul", "ol"})
_SKIP = frozenset({"hr", "head", "title", "meta", "link", "style", "script", "template"})
_BLOCK_CHILDREN = frozenset(
    {"p", "div", "section", "ul", "ol", "figure", "blockquote", "table", *_HEADINGS}
)


@dataclass
class _Walk:
    """Accumulates blocks and audit entries; inline runs between blocks become paragraphs."""

    base: str | None
    blocks: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    pending: list[Span] = field(default_factory=list)

    def flush(self) -> None:
        spans = normalise(self.pending)
        self.pending = []
        if spans:
            self.blocks.append(Paragraph(spans))

    def container(self, node: HtmlElement) -> None:
        """Blocks of an element's children; loose inline runs between them are paragraphs."""
        after_break = False
        for child in child_nodes(node):
            if not is_element(child):
                self.pending += node_spans(child, self.base)
                # Whitespace or a comment between two <br> keeps the break pending.
                if isinstance(child, str) and child.strip():
                    after_break = False
            elif child.tag in INLINE_TAGS and not any(
                t.tag in _BLOCK_CHILDREN for t in tags_under(child)
            ):
                if child.tag == "img":
                    self.image(child)
                elif child.tag == "br" and after_break:
                    self.flush()  # `text<br><br>text`: the paragraph break of old pages
                else:
                    self.pending += node_spans(child, self.base)
                after_break = child.tag == "br"
            else:
                self.flush()
                self.block(child)
        self.flush()

    def add(self, block: Block | Dropped) -> None:
        if isinstance(block, Dropped):
            self.dropped.append(block)
        else:
            self.blocks.append(block)

    def image(self, tag: HtmlElement) -> None:
        """A loose image: a figure of its alt text; tracking pixels are not images."""
        if tag.get("width") in {"0", "1"} or tag.get("height") in {"0", "1"}:
            return
        self.flush()
        self.add(figure_block(tag, self.base))

    def block(self, tag: HtmlElement) -> None:
        name = tag.tag
        platform = embed_platform(tag)
        if platform:
            self.add(embed_block(tag, platform, self.base))
        elif name in _HEADINGS:
            spans = inline_spans(tag, self.base)
            if spans:
                self.blocks.append(Heading(_HEADINGS[name], spans))
        elif name in _PARAGRAPHS:
            self.paragraph(tag)
        elif name in _LISTS:
            self.list_block(tag)
        elif name == "blockquote":
            self.quote(tag)
        elif name in IMAGES:  # amp-img; a plain img is inline and met in container()
            self.image(tag)
        elif name == "figcaption" and self.blocks and isinstance(self.blocks[-1], Figure):
            self.caption_after(tag, self.blocks[-1])
        elif (name == "figure" and is_media_figure(tag)) or (
            name != "figure" and looks_like_figure(tag)
        ):
            self.dropped += take_labels(tag)
            self.add(figure_block(tag, self.base))
        elif name not in _SKIP:
            self.container(tag)

    def caption_after(self, tag: HtmlElement, figure: Figure) -> None:
        """A `<figcaption>` just after a figure, outside it (`<figure><img></figure>
        <figcaption>`): that figure's caption. It replaces the image's alt text when it repeats
        it, else follows it (a figcaption that is only a credit leaves the alt as the caption,
        and cleaning splits the credit off)."""
        self.dropped += take_labels(tag)
        spans, own_credit = caption_parts(tag, self.base)
        credit = "; ".join(c for c in (figure.credit, own_credit) if c) or None
        if figure.text not in plain(spans):
            spans = (*figure.caption, Span(" "), *spans) if spans else figure.caption
        self.blocks[-1] = replace(figure, caption=spans, credit=credit)

    def paragraph(self, tag: HtmlElement) -> None:
        spans = inline_spans(tag, self.base)
        if spans:
            self.blocks.append(Paragraph(spans))
        else:
            for image in [t for t in tags_under(tag) if t.tag in IMAGES]:
                self.image(image)

    def list_block(self, tag: HtmlElement) -> None:
        """A list; a figure in an item follows that item's text, splitting a bulleted list
        there, and follows the whole of a numbered one (the model has no start number)."""
        ordered = tag.tag == "ol"
        items: list[Inlines] = []
        held: list[Figure | Dropped] = []
        for entry in self._items(tag):
            if isinstance(entry, tuple):
                items.append(entry)
            elif ordered:
                held.append(entry)
            else:
                self._list(ordered, items)
                items = []
                self.add(entry)
        self._list(ordered, items)
        for entry in held:
            self.add(entry)

    def _list(self, ordered: bool, items: list[Inlines]) -> None:
        if items:
            self.blocks.append(ListBlock(ordered, tuple(items)))

    def _items(self, node: HtmlElement) -> Iterator[Inlines | Figure | Dropped]:
        """The list's items in order: each `<li>`, and each run of loose content between items
        (invalid HTML, but browsers show it, so it is an item rather than lost text)."""
        loose: list[Node] = []
        for child in child_nodes(node):
            if is_element(child) and (
                child.tag == "li" or first_under(child, _is_item) is not None
            ):
                yield from self._loose_item(loose)
                loose = []
                yield from self._li_items(child) if child.tag == "li" else self._items(child)
            else:
                loose.append(child)
        yield from self._loose_item(loose)

    def _li_items(self, item: HtmlElement) -> Iterator[Inlines | Figure | Dropped]:
        """An item's text, its figures, then the items of the lists nested in it; an item that
        is only an image and its caption (a gallery's slide) is a figure."""
        if is_slide(item):
            self.dropped += take_labels(item)
            yield figure_block(item, self.base)
            return
        nested = [n for n in tags_under(item) if n.tag in _LISTS and _item_of(n) is item]
        for sub in nested:
            take_out(sub)
        figures = [f for f in item.iterdescendants("figure") if is_media_figure(f)]
        figures = [f for f in figures if not any(a in figures for a in f.iterancestors())]
        for figure in figures:
            take_out(figure)
        spans = inline_spans(item, self.base)
        if spans:
            yield spans
        for figure in figures:
            self.dropped += take_labels(figure)
            yield figure_block(figure, self.base)
        for sub in nested:
            yield from self._items(sub)

    def _loose_item(self, nodes: list[Node]) -> Iterator[Inlines]:
        spans = normalise([span for node in nodes for span in node_spans(node, self.base)])
        if spans:
            yield spans

    def quote(self, tag: HtmlElement) -> None:
        """A quotation's paragraphs become Quotes; a `<cite>`/`<footer>` attributes the last."""
        source = first_under(tag, lambda t: t.tag in {"cite", "footer"})
        cite = words(source) if source is not None else None
        if source is not None:
            take_out(source)
        inner = _Walk(self.base)
        inner.container(tag)
        blocks = [Quote(b.spans) if isinstance(b, Paragraph | Heading) else b for b in inner.blocks]
        quotes = [(i, b) for i, b in enumerate(blocks) if isinstance(b, Quote)]
        if cite and quotes:
            index, last = quotes[-1]
            blocks[index] = Quote(last.spans, cite=cite)
        elif cite:
            blocks.append(Quote(spans_of(cite)))
        self.blocks += blocks
        self.dropped += inner.dropped


def _is_item(tag: HtmlElement) -> bool:
    return tag.tag == "li"


def _item_of(tag: HtmlElement) -> HtmlElement | None:
    """The list item `tag` is in."""
    return next(tag.iterancestors("li"), None)


def _standalone(root: HtmlElement) -> HtmlElement:
    """What to walk: `root` moved out of its page into a bare body, with its tail (text after
    it that `outside` leaves), or the page's body detached from the page.

    The walk looks up the tree (credit markup inside credit markup is not a credit of its own)
    and takes credits, citations and nested lists out of it: the page around the article must
    play no part in either.
    """
    parent = root.getparent()
    if root.tag == "body":
        if parent is not None:
            parent.remove(root)
        return root
    body = Element("body")
    body.append(root)  # lxml moves the tail with the element
    return body


def read_blocks(root: HtmlElement, base: str | None) -> tuple[list[Block], list[Dropped]]:
    """Blocks and audit entries of the article element `root`, which leaves its page."""
    walk = _Walk(base)
    walk.container(_standalone(root))
    return walk.blocks, walk.dropped
