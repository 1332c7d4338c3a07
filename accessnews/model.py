"""The one text model of an article that every writer renders.

Plain immutable dataclasses with no I/O: readers build them, cleaning transforms rewrite them,
writers only read them. Block ids are derived from position and text so that an audio chapter,
a braille page and a JSON entry can point at the same block.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


@dataclass(frozen=True)
class Span:
    """A run of inline text with the emphasis that speech and braille both need."""

    text: str
    italic: bool = False
    bold: bool = False
    code: bool = False
    link: str | None = None


Inlines = tuple[Span, ...]


def plain(spans: Inlines) -> str:
    """The plain text of a span sequence."""
    return "".join(span.text for span in spans)


def spans_of(text: str) -> Inlines:
    """Unformatted text as a span sequence (empty text has no spans)."""
    return (Span(text),) if text else ()


@dataclass(frozen=True)
class Heading:
    level: int
    spans: Inlines
    id: str = ""

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class Paragraph:
    spans: Inlines
    id: str = ""

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class Quote:
    """A block quotation (a pull quote or quoted passage), optionally attributed."""

    spans: Inlines
    cite: str | None = None
    id: str = ""

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[Inlines, ...]
    id: str = ""

    @property
    def text(self) -> str:
        return "\n".join(plain(item) for item in self.items)


@dataclass(frozen=True)
class Figure:
    """An image described by its caption; the credit is kept for the record, never rendered."""

    caption: Inlines
    label: str | None = None
    credit: str | None = None
    id: str = ""

    @property
    def text(self) -> str:
        """ "Label: caption"; empty for an uncaptioned figure (a picture whose caption was only
        its credit), which every writer announces by its word for a picture alone."""
        caption = plain(self.caption)
        return f"{self.label}: {caption}" if self.label and caption else self.label or caption


@dataclass(frozen=True)
class Embed:
    """An embedded social-media post: its text and who posted it when."""

    platform: str
    text_spans: Inlines
    author: str | None = None
    handle: str | None = None
    date: str | None = None
    url: str | None = None
    id: str = ""

    @property
    def text(self) -> str:
        return plain(self.text_spans)


Block = Heading | Paragraph | Quote | ListBlock | Figure | Embed

BLOCK_TYPES: dict[type, str] = {
    Heading: "heading",
    Paragraph: "paragraph",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
    Embed: "embed",
}


def block_type(block: Block) -> str:
    """The block's type name as the JSON contract spells it."""
    return BLOCK_TYPES[type(block)]


def block_id(position: int, block: Block) -> str:
    """A stable id: the block's position and a short hash of its type and text."""
    import hashlib  # here: OpenSSL's start-up is paid by the processes that number blocks

    digest = hashlib.sha1(f"{block_type(block)}\0{block.text}".encode()).hexdigest()[:8]
    return f"b{position:03d}-{digest}"


class DroppedKind(StrEnum):
    """The kinds of removed item in the audit trail (the JSON contract lists them, README)."""

    BOILERPLATE = "boilerplate"  # a site's line: subscribe prompts, share buttons, "Read more"
    CAPTION_PREFIX = "caption prefix"  # "Image caption" before a caption
    CONTROL_CHARACTERS = "control characters"  # invisible characters removed from the text
    EMBED = "embed"  # an embedded post or frame without text
    EMBED_ATTRIBUTION = "embed attribution"  # part of a post's attribution with no field
    EMBED_LINK = "embed link"  # a post's t.co or pic.twitter.com link
    ENCODING = "encoding"  # a line repaired from a mixed character encoding
    IMAGE = "image"  # an image with no caption or alt text, or outside the article
    IMAGE_CREDIT = "image credit"  # a photographer's or agency's credit
    METADATA = "metadata"  # a byline, date or label line taken into the model's fields
    PAGE_CHROME = "page chrome"  # navigation, sidebars, teasers of other stories


@dataclass(frozen=True)
class Dropped:
    """One thing the cleaner removed: what kind, the text, why, and where it stood."""

    kind: str  # a DroppedKind; a plain string is checked and converted
    text: str
    reason: str
    where: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", DroppedKind(self.kind))


@dataclass(frozen=True)
class LanguageEvidence:
    """How `Article.language` was chosen, so a reader of the outline can judge it.

    `source` is "given" (--language), "declared" (the page's own tag, confirmed or not
    contradicted), "detected" (the text's language, over a missing or contradicted tag) or
    "default" (nothing declared and the text too short or unclear to tell).
    """

    source: str
    declared: str | None = None
    detected: str | None = None
    confidence: float | None = None  # the detector's probability for `detected`


@dataclass(frozen=True)
class Article:
    headline: str
    blocks: tuple[Block, ...] = ()
    standfirst: str | None = None
    bylines: tuple[str, ...] = ()
    published: str | None = None
    publication: str | None = None
    language: str = "en"
    source: str | None = None
    dropped: tuple[Dropped, ...] = field(default=())
    language_evidence: LanguageEvidence | None = None

    def __post_init__(self) -> None:
        numbered = tuple(
            block if block.id == block_id(i, block) else replace(block, id=block_id(i, block))
            for i, block in enumerate(self.blocks)
        )
        object.__setattr__(self, "blocks", numbered)

    def with_blocks(self, blocks: tuple[Block, ...], dropped: tuple[Dropped, ...] = ()) -> Article:
        """A copy with new blocks (re-numbered) and more entries in the audit trail."""
        return replace(self, blocks=tuple(blocks), dropped=self.dropped + tuple(dropped))
