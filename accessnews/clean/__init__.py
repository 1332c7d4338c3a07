"""Cleaning: an ordered list of small transforms `Article -> Article`, one rule family each.

Each transform records what it removes in `Article.dropped`, so nothing disappears silently.
The order matters: typography first, so every rule sees one spelling of spaces and dashes;
the sections after the story next (the boilerplate table would take their "About the author"
heading alone); boilerplate next, so site furniture is never taken for a caption or a post's
text; then credits (caption lines become Figures), and embeds last, so a post's text is only
ever prose paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Article
from .boilerplate import drop_boilerplate
from .credits import extract_credits
from .embeds import merge_embeds
from .tail import drop_end_sections
from .typography import normalise

Transform = Callable[[Article], Article]

TRANSFORMS: tuple[Transform, ...] = (
    normalise,
    drop_end_sections,
    drop_boilerplate,
    extract_credits,
    merge_embeds,
)


def clean(article: Article) -> Article:
    """Run every transform in order."""
    for transform in TRANSFORMS:
        article = transform(article)
    return article
