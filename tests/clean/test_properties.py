"""Property tests: no transform crashes on any text; prose that matches no rule survives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from accessnews.clean import TRANSFORMS, clean
from accessnews.clean.boilerplate import BOILERPLATE
from accessnews.clean.credits import CREDIT_SHAPES, Kind
from accessnews.model import Article, Embed, Figure, Heading, Paragraph, spans_of

from .helpers import article_of

# Any Unicode, with the characters the rules care about made likely.
_TEXT = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from("()[]-—–:@/©….\n\t\u00a0\u200b\x07 "),
        st.sampled_from(["REUTERS", "Getty Images", "Photo", "Credit", "Image caption", "@h"]),
    ),
    max_size=16,
).map("".join)
_BLOCK = st.one_of(
    _TEXT.map(lambda t: Paragraph(spans_of(t))),
    _TEXT.map(lambda t: Heading(2, spans_of(t))),
    st.builds(lambda c, k: Figure(caption=spans_of(c), credit=k or None), _TEXT, _TEXT),
    _TEXT.map(lambda t: Embed(platform="twitter", text_spans=spans_of(t))),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCK, max_size=8))
def test_no_transform_crashes_on_arbitrary_text(blocks: list) -> None:
    article = Article(headline="H", blocks=tuple(blocks))
    for transform in TRANSFORMS:
        assert isinstance(transform(article), Article)
    result = clean(article)
    for block in result.blocks:
        assert block.text == block.text.strip()
        assert not isinstance(block, Paragraph) or block.text
    assert all(entry.kind and entry.text for entry in result.dropped)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéüñ", min_size=1, max_size=10)


@st.composite
def _prose(draw: st.DrawFn) -> str:
    """A paragraph of finished sentences: commas, parentheses and quotes, but no rule's shape."""
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(_WORD, min_size=2, max_size=14))
        words[0] = words[0].capitalize()
        if len(words) > 4 and draw(st.booleans()):
            words[2] = f"({words[2]}"
            words[3] = f"{words[3]})"
        if draw(st.booleans()):
            words[1] += ","
        sentence = " ".join(words) + draw(st.sampled_from(".!?"))
        sentences.append(f"\u201c{sentence}\u201d" if draw(st.booleans()) else sentence)
    return " ".join(sentences)


_RULE_LINES = [e for r in BOILERPLATE for e in r.examples] + [
    e for shape in CREDIT_SHAPES for e in shape.rule.examples if shape.kind is not Kind.NAME
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_prose(), st.sampled_from(_RULE_LINES)), min_size=1, max_size=8))
def test_prose_matching_no_rule_survives_word_for_word(lines: list[str]) -> None:
    prose = [line for line in lines if line not in _RULE_LINES]
    result = clean(article_of(*lines))
    kept = [b.text.split() for b in result.blocks if isinstance(b, Paragraph)]
    assert kept == [line.split() for line in prose]
