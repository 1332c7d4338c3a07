"""Typography: one spelling of spaces, dashes and Unicode for speech and braille."""

from __future__ import annotations

import pytest

from accessnews.clean.typography import DASH, normalise
from accessnews.model import Embed, Figure, ListBlock, Paragraph, Span, spans_of

from .helpers import article_of


def _text(raw: str) -> str:
    return normalise(article_of(raw)).blocks[0].text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Cafe\u0301 society", "Café society"),  # NFC composes the accent
        ("10\u00a0000 people", "10 000 people"),  # no-break space
        ("narrow\u202fspace and thin\u2009space", "narrow space and thin space"),
        ("values we hold dear - that we remain", f"values we hold dear {DASH} that we remain"),
        ("a father \u2013 and husband \u2013 who", f"a father {DASH} and husband {DASH} who"),
        ("he said -- and left", f"he said {DASH} and left"),
        ("he said--and left", f"he said{DASH}and left"),
        ("a 48-year-old father", "a 48-year-old father"),  # compound hyphens stay
        ("won the match 2 - 1 on Sunday", "won the match 2 - 1 on Sunday"),  # a score stays
        ("  spaced   out\ttext \n here ", "spaced out text here"),
    ],
)
def test_typography_rewrites(raw: str, expected: str) -> None:
    assert _text(raw) == expected


def test_invisible_and_control_characters_are_removed_and_recorded() -> None:
    result = normalise(article_of("First paragraph.", "zero\u200bwidth\u200b soft\u00adhyphen\x07"))
    assert result.blocks[1].text == "zerowidth softhyphen"
    (entry,) = result.dropped
    assert entry.kind == "control characters"
    assert "U+200B ZERO WIDTH SPACE ×2" in entry.text
    assert "U+00AD SOFT HYPHEN" in entry.text and "U+0007" in entry.text
    assert entry.where == "after 'First paragraph.'"


def test_emoji_joiners_survive() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert _text(f"The {family} emoji") == f"The {family} emoji"


def test_a_paragraph_of_only_invisible_characters_goes_and_is_recorded() -> None:
    result = normalise(article_of("Kept.", "\u200b\ufeff"))
    assert [b.text for b in result.blocks] == ["Kept."]
    assert result.dropped[0].kind == "control characters"


def test_spans_keep_emphasis_and_whitespace_collapses_across_them() -> None:
    block = Paragraph((Span("An  "), Span(" italic", italic=True), Span(" word\u00a0 ")))
    (result,) = normalise(article_of(block)).blocks
    assert result.spans == (Span("An "), Span("italic", italic=True), Span(" word"))


def test_every_block_type_is_normalised() -> None:
    blocks = (
        Figure(caption=spans_of("A\u00a0caption"), label="Vigil\u200b", credit=" PA "),
        Embed(platform="twitter", text_spans=spans_of("line one \n\n line\u00a0two")),
        ListBlock(ordered=False, items=(spans_of("one\u00a0 item"), spans_of("\u200b"))),
    )
    figure, embed, items = normalise(article_of(*blocks)).blocks
    assert (figure.text, figure.credit) == ("Vigil: A caption", "PA")
    assert embed.text == "line one\nline two"  # a post keeps its line breaks
    assert items.items == (spans_of("one item"),)
