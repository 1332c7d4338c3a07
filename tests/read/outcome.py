"""What every reader owes arbitrary input: an article with blocks, or a one-line InputError."""

from __future__ import annotations

from accessnews.errors import InputError
from accessnews.read import read_bytes


def assert_reads_or_fails_cleanly(data: bytes, name: str) -> None:
    try:
        article = read_bytes(data, name=name)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert article.blocks
