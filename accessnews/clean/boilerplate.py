"""Boilerplate lines: whole paragraphs or headings that are site furniture, not the story.

A rule matches the WHOLE text of a block (after typography), so a sentence that merely starts
the same way in prose is kept. Add a site's quirk as one `rule(...)` line with its example.
"""

from __future__ import annotations

import re

from ..model import Article, Block, Dropped, Heading, Paragraph
from .rule import Rule, block_place, rebuilt, rule

_I = re.IGNORECASE
# Longer than this, a block is prose even if it starts like furniture.
MAX_BOILERPLATE_CHARS = 200
_MORE = "link to another article"

BOILERPLATE: tuple[Rule, ...] = (
    rule(
        r"(?:read more|more on this story|see also)(?:\s*[:»›|]\s*\S.*)?",
        _MORE,
        "Read more: London attack victims named",
        "See also: Westminster attack timeline",
        flags=_I,
    ),
    rule(
        r"related(?: articles?| stories| content| topics| links| coverage)?(?:\s*[:»›|]\s*\S.*)?",
        _MORE,
        "Related: What we know about the attacker",
        "Related Topics",
        flags=_I,
    ),
    rule(
        r"advertisement(?:\s*[-—:]?\s*(?:scroll|continue reading|story continues).*)?",
        "advert slot",
        "Advertisement",
        "ADVERTISEMENT",
        flags=_I,
    ),
    rule(
        r"story continues below(?: this)? advertisement|continue reading the main story",
        "advert slot",
        "Continue reading the main story",
        flags=_I,
    ),
    rule(
        r"share this (?:article|story|page|post)(?: on \w+)?|share (?:on|via) (?:facebook|"
        r"twitter|x|whatsapp|email)",
        "share bar",
        "Share this article",
        flags=_I,
    ),
    rule(
        r"scroll down for (?:the )?videos?", "video placeholder", "Scroll down for video", flags=_I
    ),
    rule(r"click here to\b.*", "call to action", "Click here to resubscribe", flags=_I),
    rule(
        r"sign up (?:to|for) (?:our|the)\b.*\bnewsletters?\b.*",
        "newsletter box",
        "Sign up to our free Evening Standard newsletter",
        flags=_I,
    ),
    rule(
        r"subscribe to (?:our|the)\b.*\b(?:newsletters?|channel|podcast)\b.*",
        "newsletter box",
        "Subscribe to our daily newsletter",
        flags=_I,
    ),
    rule(r"follow us on\b.*", "social-media box", "Follow us on Twitter and Facebook", flags=_I),
    rule(
        r"media playback is (?:unsupported|not supported) on your device",
        "video placeholder",
        "Media playback is unsupported on your device",
        flags=_I,
    ),
    rule(
        r"these are external links and will open in a new window",
        "link note",
        "These are external links and will open in a new window",
        flags=_I,
    ),
    rule(
        r"published:.*\|\s*updated:.*",
        "timestamp line",
        "PUBLISHED: 18:31 GMT, 23 March 2017 | UPDATED: 19:02 GMT, 23 March 2017",
        flags=_I,
    ),
    rule(
        r"(?:write|insert|add|enter) (?:image )?caption here|caption goes here",
        "placeholder left by the publishing system",
        "Write caption here",
        flags=_I,
    ),
    rule(r"most (?:read|popular|viewed|shared)", "list of other articles", "Most Read", flags=_I),
    rule(r"skip to (?:main )?content", "navigation", "Skip to main content", flags=_I),
)


def _match(block: Block) -> Rule | None:
    if not isinstance(block, Paragraph | Heading) or len(block.text) > MAX_BOILERPLATE_CHARS:
        return None
    text = block.text.strip()
    return next((r for r in BOILERPLATE if r.pattern.fullmatch(text)), None)


def drop_boilerplate(article: Article) -> Article:
    """Remove paragraphs and headings that only hold site furniture."""
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for index, block in enumerate(article.blocks):
        found = _match(block)
        if found is None:
            kept.append(block)
        else:
            where = block_place(article.blocks, index)
            dropped.append(Dropped("boilerplate", block.text, found.reason, where))
    return rebuilt(article, kept, dropped)
