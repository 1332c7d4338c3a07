"""Span editing: cuts and whitespace tidying act on the plain text and keep each span's style."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accessnews.clean.spans import cut_spans, slice_spans, tidy
from accessnews.model import Span, plain

_SPANS = st.lists(
    st.builds(Span, st.text(alphabet=" \n\tab.c\u00e9", max_size=8), italic=st.booleans()),
    max_size=6,
).map(tuple)


@settings(max_examples=100, deadline=None)
@given(_SPANS, st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), max_size=3))
def test_cut_removes_exactly_the_ranges(spans: tuple[Span, ...], ranges: list) -> None:
    ranges = [(min(a, b), max(a, b)) for a, b in ranges]
    text = plain(spans)
    expected = "".join(c for i, c in enumerate(text) if not any(a <= i < b for a, b in ranges))
    result = cut_spans(spans, ranges)
    assert plain(result) == expected
    assert all(span.text for span in result)


@settings(max_examples=100, deadline=None)
@given(_SPANS, st.integers(0, 50), st.integers(0, 50))
def test_slice_is_the_plain_slice(spans: tuple[Span, ...], start: int, stop: int) -> None:
    assert plain(slice_spans(spans, start, stop)) == plain(spans)[start:stop]


@settings(max_examples=100, deadline=None)
@given(_SPANS)
def test_tidy_collapses_whitespace_across_spans(spans: tuple[Span, ...]) -> None:
    assert plain(tidy(spans)) == " ".join(plain(spans).split())
    lines = plain(tidy(spans, keep_newlines=True))
    assert lines == lines.strip() and "  " not in lines and "\n\n" not in lines
    assert lines.split() == plain(spans).split()


def test_styles_stay_on_their_words() -> None:
    spans = (Span("a  "), Span("  bold ", bold=True), Span(" c"))
    assert tidy(spans) == (Span("a "), Span("bold ", bold=True), Span("c"))
