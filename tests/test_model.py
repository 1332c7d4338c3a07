"""The model's JSON is lossless and its block ids are stable."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accessnews.model import (
    Article,
    Dropped,
    DroppedKind,
    Embed,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    spans_of,
)
from accessnews.model_json import article_to_dict, dumps, loads

text = st.text(max_size=40)
optional_text = st.none() | text
spans = st.lists(
    st.builds(
        Span,
        text=text,
        italic=st.booleans(),
        bold=st.booleans(),
        code=st.booleans(),
        link=st.none() | st.just("https://example.org/a?b=1"),
    ),
    max_size=4,
).map(tuple)
blocks = st.one_of(
    st.builds(Heading, level=st.integers(1, 6), spans=spans),
    st.builds(Paragraph, spans=spans),
    st.builds(Quote, spans=spans, cite=optional_text),
    st.builds(ListBlock, ordered=st.booleans(), items=st.lists(spans, max_size=4).map(tuple)),
    st.builds(Figure, caption=spans, label=optional_text, credit=optional_text),
    st.builds(
        Embed,
        platform=st.sampled_from(["twitter", "instagram", "bluesky", "mastodon"]),
        text_spans=spans,
        author=optional_text,
        handle=optional_text,
        date=st.none() | st.dates().map(lambda d: d.isoformat()),
        url=optional_text,
    ),
)
articles = st.builds(
    Article,
    headline=text,
    blocks=st.lists(blocks, max_size=8).map(tuple),
    standfirst=optional_text,
    bylines=st.lists(text, max_size=3).map(tuple),
    published=st.none() | st.dates().map(lambda d: d.isoformat()),
    publication=optional_text,
    language=st.sampled_from(["en", "en-GB", "es", "fr"]),
    source=optional_text,
    dropped=st.lists(
        st.builds(Dropped, kind=st.sampled_from(DroppedKind), text=text, reason=text, where=text),
        max_size=3,
    ).map(tuple),
)


@given(articles)
def test_json_round_trip_is_lossless(article: Article) -> None:
    assert loads(dumps(article)) == article


@given(articles)
def test_every_block_has_the_contract_keys(article: Article) -> None:
    data = json.loads(dumps(article))
    assert {"title", "bylines", "date", "language", "blocks", "dropped"} <= data.keys()
    for block in data["blocks"]:
        assert {"id", "type", "text"} <= block.keys()
        assert block["type"] in {"heading", "paragraph", "quote", "list", "figure", "embed"}
        if block["type"] == "figure":
            assert "credit" in block
        if block["type"] == "embed":
            assert {"author", "handle", "date"} <= block.keys()


def test_block_ids_are_unique_and_stable() -> None:
    blocks = (Paragraph(spans_of("Same text")), Paragraph(spans_of("Same text")))
    first, second = Article("H", blocks), Article("H", blocks)
    assert [b.id for b in first.blocks] == [b.id for b in second.blocks]
    assert len({b.id for b in first.blocks}) == 2


def test_figure_text_excludes_its_credit() -> None:
    figure = Figure(spans_of("People lit candles"), label="Vigil", credit="REUTERS")
    block = article_to_dict(Article("H", (figure,)))["blocks"][0]
    assert block["text"] == "Vigil: People lit candles"
    assert block["credit"] == "REUTERS"
    assert "REUTERS" not in block["text"]


def test_an_uncaptioned_figure_keeps_the_json_contract() -> None:
    """Its caption was only a credit: empty caption and text, the credit kept for the record;
    a label alone is its text."""
    article = Article("H", (Figure((), credit="PA"), Figure((), label="Vigil")))
    blocks = article_to_dict(article)["blocks"]
    assert [(b["caption"], b["text"], b["credit"]) for b in blocks] == [
        ([], "", "PA"),
        ([], "Vigil", None),
    ]
    assert loads(dumps(article)) == article


def test_dropped_kinds_are_the_enum_and_unknown_kinds_are_bugs() -> None:
    assert Dropped("image credit", "PA", "agency").kind is DroppedKind.IMAGE_CREDIT
    with pytest.raises(ValueError):
        Dropped("gossip", "x", "y")
