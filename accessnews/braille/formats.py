"""How each part of an article is brailled: margins, blank lines and lead-ins, as data.

The formats follow BANA Braille Formats 2016 and Duxbury's BANA template:
- headline: centred, blank line before and after, kept with the text that follows;
- byline, date (yyyy-mm-dd of an ISO timestamp): 1-3 (cell 1, runovers cell 3), then a blank line;
- standfirst and paragraphs: 3-1, no blank lines between paragraphs;
- section headings: cell 5 (runovers cell 5), blank line before, kept with the next two lines;
- lists: each item 1-3 after its number ("1.") or bullet, blank line before and after the list;
- quotations: displayed material, 3-1 with a blank line before and after; the attribution in 5-5;
- figures: a transcriber's note, "Image:" then the caption, 7-5 inside the UEB transcriber's note
  indicators; the credit is never brailled;
- embedded posts: boxed between full-width box lines (dots 2356); a 1-3 lead-in saying whose
  post on which platform and when, then the post's text in 3-1.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model import Article, Block, Embed, Figure, Heading, Inlines, ListBlock, Quote, Span, plain
from .layout import Group, Para

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
IMAGE_LEAD = "Image: "
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BULLET = "\u2022 "  # UEB's bullet (dots 456, 256)
PLAIN_BULLET = "- "  # for tables without a bullet sign (the Spanish ones)


def _para(translate: Translate, spans: Inlines, margins: Margins, **flags: bool) -> Para:
    return Para(translate(spans), plain(spans), margins.first, margins.runover, **flags)


def published_date(published: str | None) -> str | None:
    """The day of publication: an ISO timestamp's date part, any other text as it is."""
    match = _ISO_DATE.match(published or "")
    return match.group(0) if match else published


def front_matter(article: Article, translate: Translate) -> Iterator[Group]:
    """Headline, bylines, date and standfirst: the lines before the first block."""
    if article.headline:
        yield Group(
            "headline",
            (_para(translate, (Span(article.headline),), TEXT, centred=True),),
            blank_before=True,
            blank_after=True,
            keep_with_next=True,
        )
    published = published_date(article.published)
    credits = [*article.bylines, *([published] if published else [])]
    for index, line in enumerate(credits):
        last = index == len(credits) - 1
        yield Group(f"byline-{index}", (_para(translate, (Span(line),), BYLINE),), blank_after=last)
    if article.standfirst:
        yield Group("standfirst", (_para(translate, (Span(article.standfirst),), TEXT),))


def _item_spans(block: ListBlock, index: int, item: Inlines, bullet: str) -> Inlines:
    marker = f"{index}. " if block.ordered else bullet
    return (Span(marker), *item)


def _embed_lead(block: Embed) -> str:
    """ "Twitter post by Erin McLaughlin (@ErinCNN), 2017-03-23:" from what the model knows."""
    handle = f"(@{block.handle.removeprefix('@')})" if block.handle else ""
    who = " ".join(part for part in (block.author, handle) if part)
    lead = f"{block.platform.capitalize()} post" + (f" by {who}" if who else "")
    return lead + (f", {block.date}" if block.date else "") + ":"


def block_group(block: Block, translate: Translate, bullet: str = BULLET) -> Group:
    """The braille group of one model block, in the format its type calls for."""
    if isinstance(block, Heading):
        heading = (_para(translate, block.spans, HEADING),)
        return Group(block.id, heading, blank_before=True, keep_with_next=True)
    if isinstance(block, ListBlock):
        items = tuple(
            _para(translate, _item_spans(block, i, item, bullet), ITEM)
            for i, item in enumerate(block.items, start=1)
        )
        return Group(block.id, items, blank_before=True, blank_after=True)
    if isinstance(block, Quote):
        quote = [_para(translate, block.spans, TEXT)]
        if block.cite:
            quote.append(_para(translate, (Span(f"\u2014 {block.cite}"),), CITE))
        return Group(block.id, tuple(quote), blank_before=True, blank_after=True)
    if isinstance(block, Figure):
        label = f"{block.label}: " if block.label else ""
        spans = (Span(IMAGE_LEAD + label), *block.caption)
        return Group(block.id, (_para(translate, spans, NOTE, note=True),))
    if isinstance(block, Embed):
        lead = _para(translate, (Span(_embed_lead(block)),), BYLINE)
        rule = Para("", rule=True)
        return Group(block.id, (rule, lead, _para(translate, block.text_spans, TEXT), rule))
    return Group(block.id, (_para(translate, block.spans, TEXT),))


def article_groups(article: Article, translate: Translate, bullet: str = BULLET) -> list[Group]:
    """Every group of the article in reading order."""
    blocks = (block_group(block, translate, bullet) for block in article.blocks)
    return [*front_matter(article, translate), *blocks]
