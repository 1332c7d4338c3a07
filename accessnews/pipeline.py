"""Source to clean model: the one path every command and writer takes to an Article."""

from __future__ import annotations

from .clean import clean
from .model import Article
from .read import read_bytes, read_source
from .read.language import identify


def prepare(article: Article, language: str | None = None) -> Article:
    """A read article cleaned, then its language chosen (`language` overrides detection):
    detection reads the clean text, so site furniture does not vote."""
    return identify(clean(article), language)


def load_article(source: str, language: str | None = None, *, public_only: bool = False) -> Article:
    """Read `source` (a path or an http(s) URL) and prepare it (`public_only`: see
    `read_source`)."""
    return prepare(read_source(source, public_only=public_only), language)


def load_member(data: bytes, name: str, language: str | None = None) -> Article:
    """Read an archive member's bytes and prepare them."""
    return prepare(read_bytes(data, name=name), language)
