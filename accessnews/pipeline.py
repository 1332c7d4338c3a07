"""Source to clean model: the one route every command, the batch and the API take to an Article."""

from __future__ import annotations

from .clean import clean
from .fileio import STDIN, read_stdin
from .model import Article
from .read import MAX_INPUT_BYTES, read_bytes, read_source
from .read.language import identify


def prepare(article: Article, language: str | None = None) -> Article:
    """A read article cleaned, then its language chosen (`language` overrides detection):
    detection reads the clean text, so site furniture does not vote."""
    return identify(clean(article), language)


def load_article(
    source: str,
    language: str | None = None,
    *,
    public_only: bool = False,
    data: bytes | None = None,
) -> Article:
    """Read `source` and prepare it: a path, an http(s) URL, `-` for standard input, or, with
    `data`, the name of bytes already in hand (an archive member). `public_only`: see
    `read_source`."""
    return identify(read_clean(source, public_only=public_only, data=data), language)


def read_clean(source: str, *, public_only: bool = False, data: bytes | None = None) -> Article:
    """`load_article` short of choosing the language: the article read and cleaned, with the
    language its source declares. The `render` command's reader process stops here, and
    the language is chosen by the process that speaks it (see cli/readahead.py)."""
    if data is None and source == STDIN:
        source, data = "<stdin>", read_stdin(MAX_INPUT_BYTES)
    if data is not None:
        return clean(read_bytes(data, name=source))
    return clean(read_source(source, public_only=public_only))
