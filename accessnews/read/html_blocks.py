"""The structural walk: the article element's HTML to model blocks, in document order.

Runs on the article element only (not the whole page), which keeps BeautifulSoup's cost in
proportion to the article rather than to the page's scripts and menus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from ..model import Block, Dropped, Heading, ListBlock, Paragraph, Quote, Span, spans_of
from .html_inline import (
    INLINE_TAGS,
    child_nodes,
    first_under,
    inline_spans,
    node_spans,
    normalise,
    tags_under,
)
from .html_media import (
    IMAGES,
    embed_block,
    embed_platform,
    figure_block,
    is_media_figure,
    looks_like_figure,
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

    def container(self, node: Tag) -> None:
        """Blocks of an element's children; loose inline runs between them are paragraphs."""
        after_break = False
        for child in child_nodes(node):
            if isinstance(child, NavigableString):
                self.pending += node_spans(child, self.base)
                if child.strip():  # whitespace between two <br> keeps the break pending
                    after_break = False
            elif child.name in INLINE_TAGS and not any(
                t.name in _BLOCK_CHILDREN for t in tags_under(child)
            ):
                if child.name == "img":
                    self.image(child)
                elif child.name == "br" and after_break:
                    self.flush()  # `text<br><br>text`: the paragraph break of old pages
                else:
                    self.pending += node_spans(child, self.base)
                after_break = child.name == "br"
            else:
                self.flush()
                self.block(child)
        self.flush()

    def add(self, block: Block | Dropped) -> None:
        if isinstance(block, Dropped):
            self.dropped.append(block)
        else:
            self.blocks.append(block)

    def image(self, tag: Tag) -> None:
        """A loose image: a figure of its alt text; tracking pixels are not images."""
        if tag.get("width") in {"0", "1"} or tag.get("height") in {"0", "1"}:
            return
        self.flush()
        self.add(figure_block(tag, self.base))

    def block(self, tag: Tag) -> None:
        name = tag.name
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
            self.list(tag)
        elif name == "blockquote":
            self.quote(tag)
        elif name in IMAGES:  # amp-img; a plain img is inline and met in container()
            self.image(tag)
        elif (name == "figure" and is_media_figure(tag)) or (
            name != "figure" and looks_like_figure(tag)
        ):
            self.add(figure_block(tag, self.base))
        elif name not in _SKIP:
            self.container(tag)

    def paragraph(self, tag: Tag) -> None:
        spans = inline_spans(tag, self.base)
        if spans:
            self.blocks.append(Paragraph(spans))
        else:
            for image in [t for t in tags_under(tag) if t.name in IMAGES]:
                self.image(image)

    def list(self, tag: Tag) -> None:
        """Items of the list; a nested list's items follow their parent item."""
        items = []
        for item in [t for t in tags_under(tag) if t.name == "li"]:
            nested = [
                n for n in tags_under(item) if n.name in _LISTS and n.find_parent("li") is item
            ]
            for sub in nested:
                sub.extract()
            spans = inline_spans(item, self.base)
            if spans:
                items.append(spans)
        if items:
            self.blocks.append(ListBlock(tag.name == "ol", tuple(items)))

    def quote(self, tag: Tag) -> None:
        """A quotation's paragraphs become Quotes; a `<cite>`/`<footer>` attributes the last."""
        source = first_under(tag, lambda t: t.name in {"cite", "footer"})
        cite = " ".join(source.get_text(" ").split()) if source else None
        if source:
            source.decompose()
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


def read_blocks(html: str, base: str | None) -> tuple[list[Block], list[Dropped]]:
    """Blocks and audit entries of the article element serialised as `html`."""
    soup = BeautifulSoup(html, "lxml")
    walk = _Walk(base)
    walk.container(soup.body or soup)
    return walk.blocks, walk.dropped
