"""Sections after the story: an author's biography, related articles, recent posts, comments.

Pages put them inside the article's element under a heading of their own ("About the author",
"Related posts", "Leave a reply"), so the reader keeps them. A heading that names such a
section, in the second half of the article's text, ends the article: it and every block after
it go, each recorded (sections after a biography are the page's too; keeping the blocks up to
the next heading of its level kept an FAQ on one WCXB page but left related stories and
comments on five, F1 -0.0002). Earlier such a heading is left alone (a guide may have a "Related
articles" part of its own), and so is the same text as a paragraph (a "Leave a comment" button
line is the boilerplate table's).
"""

from __future__ import annotations

from pathlib import Path

from ..model import Article, Block, Dropped, Heading, Paragraph
from .boilerplate import load_rules
from .rule import Rule, block_place, rebuilt

RULES_FILE = Path(__file__).with_name("rules") / "tail.toml"
END_HEADINGS: tuple[Rule, ...] = tuple(entry.rule for entry in load_rules(RULES_FILE))
# A heading earlier than this share of the article's words is the article's own.
_FROM_SHARE = 0.5
_MAX_HEADING_CHARS = 80


def _words(block: Block) -> int:
    return len(block.text.split()) if isinstance(block, Paragraph | Heading) else 0


def _end(blocks: tuple[Block, ...]) -> tuple[int, Rule] | None:
    """The index of the heading that ends the article, and its rule."""
    total = sum(map(_words, blocks))
    seen = 0
    for index, block in enumerate(blocks):
        if isinstance(block, Heading) and seen >= _FROM_SHARE * total:
            text = block.text.strip()
            found = len(text) <= _MAX_HEADING_CHARS and next(
                (r for r in END_HEADINGS if r.pattern.fullmatch(text)), None
            )
            if found:
                return index, found
        seen += _words(block)
    return None


def drop_end_sections(article: Article) -> Article:
    """Remove the sections after the story's end, recording each block."""
    end = _end(article.blocks)
    if end is None:
        return article
    index, found = end
    heading = article.blocks[index].text.strip()
    places = [block_place(article.blocks, index)]
    places += [f"under '{heading}' after the article"] * (len(article.blocks) - index - 1)
    tail = article.blocks[index:]
    dropped = [
        Dropped("boilerplate", b.text, found.reason, where)
        for b, where in zip(tail, places, strict=True)
    ]
    return rebuilt(article, article.blocks[:index], dropped)
