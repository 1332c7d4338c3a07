"""Source to clean model: the one path every command and writer takes to an Article."""

from __future__ import annotations

from .clean import clean
from .model import Article
from .read import read_source


def load_article(source: str) -> Article:
    """Read `source` (a path or an http(s) URL) and clean it."""
    return clean(read_source(source))
