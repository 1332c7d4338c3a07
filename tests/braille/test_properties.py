"""Property tests: generated articles and page sizes through real liblouis and the real layout."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessnews.braille.brf import brf
from accessnews.braille.formats import article_groups
from accessnews.braille.layout import Group, Line, Page, PageSetup, Para, lay_out_group, paginate
from accessnews.braille.translate import Translator
from accessnews.braille.writer import style_for
from accessnews.model import Article, Embed, Figure, Heading, ListBlock, Paragraph, Quote, Span

TRANSLATOR = Translator("en-ueb-g2.ctb")
VOCAB = [
    "the",
    "and",
    "of",
    "vigil",
    "London",
    "crowds",
    "52-year-old",
    "father's",
    "“quoted”",
    "—",
    "(police)",
    "2017",
    "ok",
]
LONG = "antidisestablishmentarianismantidisestablishment"

word = st.one_of(
    st.sampled_from([*VOCAB, LONG]),
    st.text(string.ascii_letters + string.digits + ",.;:'-?!", min_size=1, max_size=12),
)
text = st.lists(word, min_size=1, max_size=30).map(" ".join)
spans = st.lists(
    st.builds(Span, text.map(lambda t: t + " "), italic=st.booleans(), bold=st.booleans()),
    min_size=1,
    max_size=3,
).map(tuple)
block = st.one_of(
    st.builds(Paragraph, spans),
    st.builds(Heading, st.integers(1, 4), spans),
    st.builds(Quote, spans, cite=st.none() | text),
    st.builds(ListBlock, st.booleans(), st.lists(spans, min_size=1, max_size=4).map(tuple)),
    st.builds(Figure, spans, label=st.none() | text, credit=st.none() | text),
    st.builds(Embed, st.sampled_from(["X", "Bluesky"]), spans, author=st.none() | text),
)
article = st.builds(
    Article,
    headline=text,
    blocks=st.lists(block, min_size=1, max_size=8).map(tuple),
    bylines=st.lists(text, max_size=2).map(tuple),
)
setup = st.builds(
    PageSetup,
    cells=st.integers(20, 48),
    lines=st.integers(7, 30),
    page_numbers=st.sampled_from(["bottom", "top", "none"]),
    interpoint=st.booleans(),
    running_head=st.sampled_from(["", ",HEAD"]),
)


def _label(number: int) -> str:
    return TRANSLATOR.translate_text(str(number))


def _text_lines(pages: tuple[Page, ...]) -> list[Line]:
    return [line for page in pages for line in page.lines if line.source is not None]


def _words_of(lines: list[Line]) -> list[str]:
    """Braille words of text lines (box lines carry no words)."""
    return [word for line in lines if line.kind != "rule" for word in line.text.split()]


def _unbroken(original: list[str], laid: list[str], width: int) -> bool:
    """Laid-out words equal the original ones, except pieces of words longer than `width`."""
    pieces = iter(laid)
    for token in original:
        rebuilt = next(pieces, "")
        while rebuilt != token and len(token) > width and token.startswith(rebuilt):
            rebuilt += next(pieces, "\0")
        if rebuilt != token:
            return False
    return next(pieces, None) is None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=article, setup=setup)
def test_layout_invariants(article: Article, setup: PageSetup) -> None:
    groups = article_groups(article, style_for(TRANSLATOR, article.language))
    pages = paginate(groups, setup, _label)

    # No line over the cell count, no page over the line count, only BRF characters.
    data = brf(pages)
    assert set(data) <= set(range(0x20, 0x60)) | {0x0D, 0x0A, 0x0C}
    for page in pages:
        assert len(page.lines) <= setup.lines
        assert all(len(line.text) <= setup.cells for line in page.lines)
        # A blank line never opens a page's text, never follows another blank line.
        kinds = [line.kind for line in page.lines if line.kind not in ("head", "number", "fill")]
        assert kinds and kinds[0] != "blank"
        assert all(not (a == b == "blank") for a, b in zip(kinds, kinds[1:], strict=False))

    # Every group's text is present, contiguous and in order.
    sources = [line.source for line in _text_lines(pages)]
    order = [s for i, s in enumerate(sources) if i == 0 or sources[i - 1] != s]
    assert order == [group.source for group in groups]

    # No word broken except over-long ones.
    narrowest = setup.cells - 6  # centred lines and the 7-5 note are the narrowest measures
    for group in groups:
        expected = _words_of(lay_out_group(group, 10_000))
        laid = _words_of([line for line in _text_lines(pages) if line.source == group.source])
        assert _unbroken(expected, laid, narrowest)


def _words(count: int) -> Para:
    return Para(" ".join(["WORD"] * count), first=3, runover=1)


@settings(max_examples=40, deadline=None)
@given(setup=setup, before=st.integers(1, 40))
def test_heading_is_followed_by_two_lines_on_its_page(setup: PageSetup, before: int) -> None:
    groups = [
        Group("p0", (_words(before),)),
        Group("h", (Para(",HEAD", first=5, runover=5),), blank_before=True, keep_with_next=True),
        Group("p1", (_words(12),)),
    ]
    for page in paginate(groups, setup, _label):
        sources = [line.source for line in page.lines if line.source]
        if "h" in sources:
            assert sources[-1] != "h" and sources.count("p1") >= 2
