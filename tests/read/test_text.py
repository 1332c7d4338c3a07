"""The plain-text and Markdown-ish reader."""

from __future__ import annotations

import pytest

from accessnews.errors import InputError
from accessnews.model import Heading, ListBlock, Paragraph, Quote, Span
from accessnews.read.text import parse_inlines, read


def _read(text: str):
    return read(text.encode("utf-8"), name="test.txt")


def test_reference_article_shape(seed_path) -> None:
    article = read(seed_path.read_bytes(), name=str(seed_path))
    assert article.headline.startswith("London attack: Crowds gather")
    assert article.bylines == ("Chloe Chaplain",)
    assert article.language == "en"
    assert all(isinstance(block, Paragraph) for block in article.blocks)
    source_paragraphs = seed_path.read_text().split("\n\n")[2:]
    assert [b.text for b in article.blocks] == [p.strip() for p in source_paragraphs]


def test_markdown_structure() -> None:
    article = _read(
        "# Headline here\n\nBy Ann Lee and Bob Roe\n\n12 October 2026\n\nFirst *para*.\n\n"
        "## Section\n\n- one\n- two\n  continued\n\n1. first\n2. second\n\n> quoted\n> text\n"
    )
    assert article.headline == "Headline here"
    assert article.bylines == ("Ann Lee", "Bob Roe")
    assert article.published == "2026-10-12"
    kinds = [type(b) for b in article.blocks]
    assert kinds == [Paragraph, Heading, ListBlock, ListBlock, Quote]
    assert article.blocks[2].text == "one\ntwo continued"
    assert article.blocks[3].ordered
    assert article.blocks[4].text == "quoted text"


def test_inline_markup() -> None:
    assert parse_inlines("a *b* **c** `d` [e](http://x.org/) snake_case_name 5 * 3") == (
        Span("a "),
        Span("b", italic=True),
        Span(" "),
        Span("c", bold=True),
        Span(" "),
        Span("d", code=True),
        Span(" "),
        Span("e", link="http://x.org/"),
        Span(" snake_case_name 5 * 3"),
    )


def test_prose_second_line_is_not_a_byline() -> None:
    article = _read("Headline\n\nThe council met on Tuesday.\n\nMore text.")
    assert article.bylines == ()
    assert article.blocks[0].text == "The council met on Tuesday."


def test_windows_1252_text_decodes() -> None:
    data = "Caf\u00e9 prices rise\n\nPrices rose by \u00a35 \u2013 \u201cquite a lot\u201d.".encode(
        "cp1252"
    )
    article = read(data, name="x.txt")
    assert article.headline == "Caf\u00e9 prices rise"
    assert article.blocks[0].text == "Prices rose by \u00a35 \u2013 \u201cquite a lot\u201d."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"abc\x00\x01\x02def", "binary"),
        (b"Only a headline", "no article text"),
    ],
)
def test_bad_input_is_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read(data, name="bad")


def test_a_windows_1252_line_in_a_utf8_file_is_repaired_and_recorded() -> None:
    """Text pasted from an older file: every UTF-8 character stays right, the odd line is read
    as windows-1252, and the audit trail says which line."""
    data = (
        "Café opens in the old town\n\nThe café naïve menu is €5.\n\n".encode()
        + "The owner said “we are open” on Monday.\n".encode("cp1252")
    )
    article = read(data, name="mixed.txt")
    assert article.headline == "Café opens in the old town"
    texts = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    assert texts == ["The café naïve menu is €5.", "The owner said “we are open” on Monday."]
    (repair,) = article.dropped
    assert (repair.kind, repair.where) == ("encoding", "line 5")
    assert repair.text == "The owner said “we are open” on Monday."
