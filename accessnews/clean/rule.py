"""What the rule families share: a compiled pattern with its reason and the real text it was
made for, places for the audit trail, and rebuilding an article only when something changed.

The examples are real-world shapes; tests iterate them, so adding a newspaper's quirk is one
`Rule(...)` line in a table plus nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from ..model import Article, Block, Dropped

_PLACE_WORDS = 3


@dataclass(frozen=True)
class Rule:
    """One pattern of a rule family with the reason recorded in the audit trail.

    The pattern is compiled once, on first use: compiling every rule at import cost a short
    article's render a tenth of its time, and most rules are behind a cheap pre-test that most
    texts fail, so they are never compiled in a run."""

    source: str
    reason: str
    examples: tuple[str, ...]
    flags: int = 0

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source, self.flags)


def rule(pattern: str, reason: str, *examples: str, flags: int = 0) -> Rule:
    """A Rule whose pattern is compiled once, when first used (cleaning is on the hot path)."""
    return Rule(pattern, reason, examples, flags)


def excerpt(text: str) -> str:
    """The first few words of a text, for a human-readable place in the audit trail."""
    words = text.split()
    head = " ".join(words[:_PLACE_WORDS])
    return head + "…" if len(words) > _PLACE_WORDS else head


def block_place(blocks: Sequence[Block], index: int) -> str:
    """Where a block stood, named by the text before it (block numbers shift as blocks go)."""
    if index == 0:
        return "at the start of the article"
    return f"after '{excerpt(blocks[index - 1].text)}'"


def rebuilt(article: Article, blocks: Sequence[Block], dropped: Sequence[Dropped]) -> Article:
    """The article with these blocks, or the same object if nothing changed: re-deriving every
    block id is the largest cost of a transform that finds nothing to do."""
    unchanged = len(blocks) == len(article.blocks) and all(
        new is old for new, old in zip(blocks, article.blocks, strict=True)
    )
    if unchanged and not dropped:
        return article
    return article.with_blocks(tuple(blocks), dropped=tuple(dropped))
