"""Sections after the story: a heading that names one ends the article in its second half."""

from __future__ import annotations

import pytest

from accessnews.clean.tail import END_HEADINGS
from accessnews.model import Heading, spans_of

from .helpers import PROSE, cleaned

EXAMPLES = [(example, r.reason) for r in END_HEADINGS for example in r.examples]
BIO = "Ann Lee has covered the council for ten years and lives by the harbour."


def _heading(text: str) -> Heading:
    return Heading(2, spans_of(text))


@pytest.mark.parametrize(("line", "reason"), EXAMPLES)
def test_each_end_heading_drops_itself_and_what_follows(line: str, reason: str) -> None:
    result = cleaned(PROSE, PROSE, _heading(line), BIO, "Read the whole series")
    assert [b.text for b in result.blocks] == [PROSE, PROSE]
    assert [d.text for d in result.dropped] == [line, BIO, "Read the whole series"]
    assert {d.reason for d in result.dropped} == {reason}
    assert [d.where for d in result.dropped][1:] == [f"under '{line}' after the article"] * 2


def test_such_a_heading_in_the_first_half_is_the_articles_own() -> None:
    """A guide's own "Recent posts" part, before most of its text."""
    blocks = [PROSE, _heading("Recent posts"), PROSE, PROSE, PROSE]
    result = cleaned(*blocks)
    assert [b.text for b in result.blocks] == [PROSE, "Recent posts", PROSE, PROSE, PROSE]


def test_a_paragraph_of_the_same_words_does_not_end_the_article() -> None:
    result = cleaned(PROSE, PROSE, "3 Comments", PROSE)
    assert [b.text for b in result.blocks] == [PROSE, PROSE, "3 Comments", PROSE]
