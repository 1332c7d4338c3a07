"""Boilerplate lines: whole paragraphs or headings that are site furniture, not the story.

A rule matches the WHOLE text of a block (after typography), so a sentence that merely starts
the same way in prose is kept. The rules are data (`rules/boilerplate.toml`, by language): a
site's quirk is one entry there with an example written for it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, Block, Dropped, Heading, Paragraph
from .rule import Rule, block_place, rebuilt, rule

# Longer than this, a block is prose even if it starts like furniture.
MAX_BOILERPLATE_CHARS = 200
RULES_FILE = Path(__file__).with_name("rules") / "boilerplate.toml"
# The reason of the rules for embeds' buttons and labels, which the embed transform also
# removes from inside a post.
EMBED_FURNITURE = "embed furniture"


@dataclass(frozen=True)
class LanguageRule:
    """A whole-line rule with the language of its wording (rules of every language apply:
    pages mix languages and the page's language tag is often wrong)."""

    lang: str
    rule: Rule


def load_rules(path: Path = RULES_FILE) -> tuple[LanguageRule, ...]:
    """The table, case-insensitive as sites capitalise furniture every way."""
    with path.open("rb") as file:
        table = tomllib.load(file)
    return tuple(
        LanguageRule(
            entry["lang"],
            rule(entry["pattern"], entry["reason"], *entry["examples"], flags=re.IGNORECASE),
        )
        for entry in table["rule"]
    )


LANGUAGE_RULES = load_rules()
BOILERPLATE: tuple[Rule, ...] = tuple(entry.rule for entry in LANGUAGE_RULES)


# A heading after the article's last paragraph that is wholly a link to another page is a
# teaser of another story (the article's own subheadings, anywhere, may be links).
TEASER_HEADING = rule(r".+", "link to another article", "More from the harbour desk")


def _is_teaser(block: Block) -> bool:
    spans = (
        [span for span in block.spans if span.text.strip()] if isinstance(block, Heading) else []
    )
    return bool(spans) and all(span.link and "#" not in span.link for span in spans)


def _match(block: Block, trailing: bool) -> Rule | None:
    if trailing and _is_teaser(block):
        return TEASER_HEADING
    if not isinstance(block, Paragraph | Heading) or len(block.text) > MAX_BOILERPLATE_CHARS:
        return None
    text = block.text.strip()
    return next((r for r in BOILERPLATE if r.pattern.fullmatch(text)), None)


def drop_boilerplate(article: Article) -> Article:
    """Remove paragraphs and headings that only hold site furniture."""
    kept: list[Block] = []
    dropped: list[Dropped] = []
    paragraphs = [i for i, b in enumerate(article.blocks) if isinstance(b, Paragraph)]
    last = paragraphs[-1] if paragraphs else len(article.blocks)
    for index, block in enumerate(article.blocks):
        found = _match(block, index > last)
        if found is None:
            kept.append(block)
        else:
            where = block_place(article.blocks, index)
            dropped.append(Dropped("boilerplate", block.text, found.reason, where))
    return rebuilt(article, kept, dropped)
