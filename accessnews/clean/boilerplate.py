"""Boilerplate lines: whole paragraphs or headings that are site furniture, not the story.

A rule matches the WHOLE text of a block (after typography), so a sentence that merely starts
the same way in prose is kept. Add a site's quirk as one `_line(...)` entry with its example.
"""

from __future__ import annotations

import re

from ..model import Article, Block, Dropped, Heading, Paragraph
from .rule import Rule, block_place, rebuilt, rule

# Longer than this, a block is prose even if it starts like furniture.
MAX_BOILERPLATE_CHARS = 200
_MORE = "link to another article"
_ADVERT = "advert slot"
_VIDEO = "video placeholder"
_NEWSLETTER = "newsletter box"


def _line(pattern: str, reason: str, *examples: str) -> Rule:
    """A whole-line rule, case-insensitive as sites capitalise furniture every way."""
    return rule(pattern, reason, *examples, flags=re.IGNORECASE)


BOILERPLATE: tuple[Rule, ...] = (
    _line(r"(?:read more|more on this story|see also)(?:\s*[:»›|]\s*\S.*)?", _MORE,
          "Read more: London attack victims named", "See also: Westminster attack timeline"),
    _line(r"related(?: articles?| stories| content| topics| links| coverage)?"
          r"(?:\s*[:»›|]\s*\S.*)?", _MORE,
          "Related: What we know about the attacker", "Related Topics"),
    _line(r"advertisement(?:\s*[-—:]?\s*(?:scroll|continue reading|story continues).*)?",
          _ADVERT, "Advertisement", "ADVERTISEMENT"),
    _line(r"story continues below(?: this)? advertisement|continue reading the main story",
          _ADVERT, "Continue reading the main story"),
    _line(r"share this (?:article|story|page|post)(?: on \w+)?"
          r"|share (?:on|via) (?:facebook|twitter|x|whatsapp|email)",
          "share bar", "Share this article"),
    _line(r"scroll down for (?:the )?videos?", _VIDEO, "Scroll down for video"),
    _line(r"media playback is (?:unsupported|not supported) on your device", _VIDEO,
          "Media playback is unsupported on your device"),
    _line(r"click here to\b.*", "call to action", "Click here to resubscribe"),
    _line(r"sign up (?:to|for) (?:our|the)\b.*\bnewsletters?\b.*", _NEWSLETTER,
          "Sign up to our free Evening Standard newsletter"),
    _line(r"subscribe to (?:our|the)\b.*\b(?:newsletters?|channel|podcast)\b.*", _NEWSLETTER,
          "Subscribe to our daily newsletter"),
    _line(r"follow us on\b.*", "social-media box", "Follow us on Twitter and Facebook"),
    _line(r"these are external links and will open in a new window", "link note",
          "These are external links and will open in a new window"),
    _line(r"published:.*\|\s*updated:.*", "timestamp line",
          "PUBLISHED: 18:31 GMT, 23 March 2017 | UPDATED: 19:02 GMT, 23 March 2017"),
    _line(r"(?:write|insert|add|enter) (?:image )?caption here|caption goes here",
          "placeholder left by the publishing system", "Write caption here"),
    _line(r"most (?:read|popular|viewed|shared)", "list of other articles", "Most Read"),
    _line(r"skip to (?:main )?content", "navigation", "Skip to main content"),
)  # fmt: skip


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
