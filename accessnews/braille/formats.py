"""How each part of an article is brailled: margins, blank lines and lead-ins, as data.

The formats follow BANA Braille Formats 2016 and Duxbury's BANA template:
- headline: centred, blank line before and after, kept with the text that follows;
- byline, date (yyyy-mm-dd of an ISO timestamp): 1-3 (cell 1, runovers cell 3), then a blank line;
- standfirst and paragraphs: 3-1, no blank lines between paragraphs;
- section headings: cell 5 (runovers cell 5), blank line before, kept with the next two lines;
- lists: each item 1-3 after its number ("1.") or bullet, blank line before and after the list;
- quotations: displayed material, 3-1 with a blank line before and after; the attribution in 5-5;
- figures: a transcriber's note, "Image:" then the caption, 7-5 inside the transcriber's note
  indicators of the table's code (UEB's; none for codes without them); the credit is never
  brailled;
- embedded posts: boxed, a full-width line of dots 2356 before and one of dots 1245 after; a 1-3
  lead-in saying whose post on which platform and when, then the post's text in 3-1.
The words added ("Image", "post by") are the article language's (labels.toml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Article, Block, Embed, Figure, Heading, Inlines, ListBlock, Quote, Span, plain
from .labels import Labels
from .layout import BOX_CLOSE, BOX_OPEN, Group, Para

Translate = Callable[[Inlines], str]


@dataclass(frozen=True)
class Margins:
    first: int
    runover: int


TEXT = Margins(3, 1)
BYLINE = Margins(1, 3)
HEADING = Margins(5, 5)
ITEM = Margins(1, 3)
CITE = Margins(5, 5)
NOTE = Margins(7, 5)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BULLET = "\u2022 "  # UEB's bullet (dots 456, 256)
PLAIN_BULLET = "- "  # for tables without a bullet sign (the Spanish ones)


@dataclass(frozen=True)
class Style:
    """What one article is brailled with: its table's translation, bullet and transcriber's note
    indicators, and its language's labels."""

    translate: Translate
    labels: Labels
    bullet: str = BULLET
    note: tuple[str, str] = ("", "")

    def noted(self, spans: Inlines) -> str:
        """The braille of `spans` inside the transcriber's note indicators."""
        return self.note[0] + self.translate(spans) + self.note[1]


def _para(
    translate: Translate,
    spans: Inlines,
    margins: Margins,
    *,
    centred: bool = False,
    note: bool = False,
) -> Para:
    first, runover = margins.first, margins.runover
    return Para(translate(spans), plain(spans), first, runover, centred=centred, note=note)


def published_date(published: str | None) -> str | None:
    """The day of publication: an ISO timestamp's date part, any other text as it is."""
    match = _ISO_DATE.match(published or "")
    return match.group(0) if match else published


def front_matter(article: Article, style: Style) -> Iterator[Group]:
    """Headline, bylines, date and standfirst: the lines before the first block."""
    if article.headline:
        yield Group(
            "headline",
            (_para(style.translate, (Span(article.headline),), TEXT, centred=True),),
            blank_before=True,
            blank_after=True,
            keep_with_next=True,
        )
    published = published_date(article.published)
    credits = [*article.bylines, *([published] if published else [])]
    for index, line in enumerate(credits):
        last = index == len(credits) - 1
        para = _para(style.translate, (Span(line),), BYLINE)
        yield Group(f"byline-{index}", (para,), blank_after=last)
    if article.standfirst:
        yield Group("standfirst", (_para(style.translate, (Span(article.standfirst),), TEXT),))


def _item_spans(block: ListBlock, index: int, item: Inlines, bullet: str) -> Inlines:
    marker = f"{index}. " if block.ordered else bullet
    return (Span(marker), *item)


def _embed_lead(block: Embed, labels: Labels) -> str:
    """ "Twitter post by Erin McLaughlin (@ErinCNN), 2017-03-23:" from what the model knows."""
    handle = f"(@{block.handle.removeprefix('@')})" if block.handle else ""
    who = " ".join(part for part in (block.author, handle) if part)
    lead = labels.post.format(platform=block.platform.capitalize())
    lead += f" {labels.by.format(who=who)}" if who else ""
    return lead + (f", {block.date}" if block.date else "") + ":"


def _figure_spans(block: Figure, labels: Labels) -> Inlines:
    """ "Image: label: caption"; an uncaptioned figure is its lead alone ("Image"), as a screen
    reader announces an unlabelled picture (in a language with no label, the bare note)."""
    lead = [part for part in (labels.image, block.label) if part]
    if not block.caption:
        return (Span(": ".join(lead)),) if lead else ()
    return (Span("".join(f"{part}: " for part in lead)), *block.caption)


def block_group(block: Block, style: Style) -> Group:
    """The braille group of one model block, in the format its type calls for."""
    translate = style.translate
    if isinstance(block, Heading):
        heading = (_para(translate, block.spans, HEADING),)
        return Group(block.id, heading, blank_before=True, keep_with_next=True)
    if isinstance(block, ListBlock):
        items = tuple(
            _para(translate, _item_spans(block, i, item, style.bullet), ITEM)
            for i, item in enumerate(block.items, start=1)
        )
        return Group(block.id, items, blank_before=True, blank_after=True)
    if isinstance(block, Quote):
        quote = [_para(translate, block.spans, TEXT)]
        if block.cite:
            quote.append(_para(translate, (Span(f"\u2014 {block.cite}"),), CITE))
        return Group(block.id, tuple(quote), blank_before=True, blank_after=True)
    if isinstance(block, Figure):
        spans = _figure_spans(block, style.labels)
        return Group(block.id, (_para(style.noted, spans, NOTE, note=True),))
    if isinstance(block, Embed):
        lead = _para(translate, (Span(_embed_lead(block, style.labels)),), BYLINE)
        post = _para(translate, block.text_spans, TEXT)
        return Group(block.id, (Para("", rule=BOX_OPEN), lead, post, Para("", rule=BOX_CLOSE)))
    return Group(block.id, (_para(translate, block.spans, TEXT),))


def article_groups(article: Article, style: Style) -> list[Group]:
    """Every group of the article in reading order."""
    blocks = (block_group(block, style) for block in article.blocks)
    return [*front_matter(article, style), *blocks]
