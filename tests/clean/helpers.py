"""Building small articles for the cleaning tests."""

from __future__ import annotations

from accessnews.clean import clean
from accessnews.model import Article, Block, Paragraph, spans_of


def article_of(*blocks: Block | str) -> Article:
    """An article whose blocks are given; plain strings become paragraphs."""
    return Article(
        headline="Headline",
        blocks=tuple(Paragraph(spans_of(b)) if isinstance(b, str) else b for b in blocks),
    )


def cleaned(*blocks: Block | str) -> Article:
    return clean(article_of(*blocks))


PROSE = "The council met on Tuesday evening to discuss the new budget for the coming year."
