"""Pathological pages: bounded work, and a line that names the limit instead of lost text."""

from __future__ import annotations

import pytest

from accessnews.errors import InputError
from accessnews.read import read_bytes
from accessnews.read.html import MAX_DEPTH, MAX_ELEMENTS

STORY = (
    "<article><h1>Deep page</h1><p>The first paragraph of the story is here, long enough to be "
    "read as an article paragraph.</p><p>A second paragraph follows it with more words about "
    "the story.</p></article>"
)


def page(body: str) -> bytes:
    return f"<html><head><title>Deep page</title></head><body>{body}</body></html>".encode()


def test_text_nested_deeper_than_the_parser_reads_is_not_lost() -> None:
    depth = 100_000
    article = read_bytes(page("<div>" * depth + STORY + "</div>" * depth), name="deep.html")
    assert [b.text[:19] for b in article.blocks] == ["The first paragraph", "A second paragraph "]


def test_nesting_that_cannot_be_flattened_names_the_limit() -> None:
    depth = MAX_DEPTH + 10
    with pytest.raises(InputError, match=f"more than {MAX_DEPTH} deep"):
        read_bytes(page("<blockquote>" * depth + STORY + "</blockquote>" * depth), name="q.html")


def test_a_page_of_too_many_elements_is_refused_before_it_is_walked() -> None:
    with pytest.raises(
        InputError, match=f"{MAX_ELEMENTS + 8:,} HTML elements; the limit is {MAX_ELEMENTS:,}"
    ):
        read_bytes(page(STORY.replace("</article>", "<p>ab</p>" * MAX_ELEMENTS + "</article>")),
                   name="many.html")  # fmt: skip
