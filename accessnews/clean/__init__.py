"""Cleaning: an ordered list of small transforms `Article -> Article`, one rule family each.

Each transform records what it removes in `Article.dropped`, so nothing disappears silently.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Article

Transform = Callable[[Article], Article]

TRANSFORMS: tuple[Transform, ...] = ()


def clean(article: Article) -> Article:
    """Run every transform in order."""
    for transform in TRANSFORMS:
        article = transform(article)
    return article
