"""Embedded posts: attribution lines and the post text above them become Embeds."""

from __future__ import annotations

import pytest

from accessnews.clean.embeds import ATTRIBUTIONS, POST_NOISE, parse_attribution
from accessnews.clean.rule import Rule
from accessnews.model import Embed, ListBlock, Span, spans_of

from .helpers import PROSE, cleaned

TWEET = "Londoners light candles at a vigil in Trafalgar Square"
PROSE_ABOVE = "Masood was shot down by armed police and also later died."


@pytest.mark.parametrize(
    ("line", "platform", "author", "handle", "date"),
    [
        ("\u2014 Erin McLaughlin (@ErinCNN) March 23, 2017",
         "twitter", "Erin McLaughlin", "ErinCNN", "2017-03-23"),
        ("- Erin McLaughlin (@ErinCNN) 23 March 2017",
         "twitter", "Erin McLaughlin", "ErinCNN", "2017-03-23"),
        ("\u2014 Jane Doe \U0001f1ec\U0001f1e7\U0001f339 (@janedoe) March 23, 2017",
         "twitter", "Jane Doe \U0001f1ec\U0001f1e7\U0001f339", "janedoe", "2017-03-23"),
        ("A post shared by Jane Doe (@jane.doe) on Mar 23, 2017 at 5:01pm PDT",
         "instagram", "Jane Doe", "jane.doe", "2017-03-23"),
        ("\u2014 Jane Doe (@jane.bsky.social) March 23, 2025 at 5:01 PM",
         "bluesky", "Jane Doe", "jane.bsky.social", "2025-03-23"),
        ("\u2014 Jane Doe (@jane@mastodon.social) March 23, 2025",
         "mastodon", "Jane Doe", "jane@mastodon.social", "2025-03-23"),
        ("\u2014 (@ErinCNN) March 23, 2017", "twitter", None, "ErinCNN", "2017-03-23"),
    ],
)  # fmt: skip
def test_attribution_fields(
    line: str, platform: str, author: str | None, handle: str, date: str
) -> None:
    result = cleaned(PROSE_ABOVE, TWEET, line, PROSE)
    assert [type(b).__name__ for b in result.blocks] == ["Paragraph", "Embed", "Paragraph"]
    embed = result.blocks[1]
    assert (embed.platform, embed.author, embed.handle, embed.date) == (
        platform,
        author,
        handle,
        date,
    )
    assert embed.text == TWEET


@pytest.mark.parametrize("example", [e for _, r in ATTRIBUTIONS for e in r.examples])
def test_table_examples_parse(example: str) -> None:
    found = parse_attribution(example, whole=True)
    assert found is not None and found.handle and found.date


def test_the_attribution_line_is_kept_as_fields_not_dropped() -> None:
    result = cleaned(TWEET, "\u2014 Erin McLaughlin (@ErinCNN) March 23, 2017")
    assert result.dropped == ()


def test_a_posting_time_without_a_field_is_recorded() -> None:
    result = cleaned(TWEET, "A post shared by Jane Doe (@janedoe) on Mar 23, 2017 at 5:01pm PDT")
    (entry,) = result.dropped
    assert (entry.kind, entry.text) == ("embed attribution", "at 5:01pm PDT")
    assert entry.where == "in the post by Jane Doe"


def test_a_hyphen_attribution_read_as_a_list_item() -> None:
    attribution = ListBlock(False, (spans_of("Erin McLaughlin (@ErinCNN) March 23, 2017"),))
    (embed,) = cleaned(TWEET, attribution).blocks
    assert (embed.author, embed.text) == ("Erin McLaughlin", TWEET)


def test_short_unfinished_lines_above_join_the_post_finished_prose_does_not() -> None:
    result = cleaned(
        PROSE_ABOVE,
        "So proud of this city",
        TWEET,
        "\u2014 Erin McLaughlin (@ErinCNN) March 23, 2017",
    )
    assert [b.text for b in result.blocks] == [PROSE_ABOVE, f"So proud of this city\n{TWEET}"]


def test_a_long_paragraph_above_is_not_a_post() -> None:
    long_prose = " ".join([PROSE] * 8)
    result = cleaned(long_prose, "\u2014 Erin McLaughlin (@ErinCNN) March 23, 2017")
    assert [b.text for b in result.blocks] == [long_prose, ""]
    assert result.blocks[1].author == "Erin McLaughlin"


@pytest.mark.parametrize(("kind", "noise"), POST_NOISE)
def test_links_and_buttons_are_dropped_from_the_post_and_recorded(kind: str, noise: Rule) -> None:
    for example in noise.examples:
        result = cleaned(f"{TWEET} {example}", "\u2014 Erin McLaughlin (@ErinCNN) March 23, 2017")
        (embed,) = result.blocks
        assert embed.text == TWEET
        (entry,) = result.dropped
        assert (entry.kind, entry.text, entry.reason) == (kind, example, noise.reason)
        assert entry.where == "in the post by Erin McLaughlin"


def test_post_and_attribution_on_one_line() -> None:
    line = f"{TWEET} pic.twitter.com/Ab12Cd \u2014 Erin McLaughlin (@ErinCNN) March 23, 2017"
    result = cleaned(PROSE_ABOVE, line)
    assert [b.text for b in result.blocks] == [PROSE_ABOVE, TWEET]
    assert [d.kind for d in result.dropped] == ["embed link"]


def test_html_embed_with_attribution_in_its_text() -> None:
    spans = (
        Span(f"{TWEET} "),
        Span("pic.twitter.com/Ab12Cd", link="https://t.co/Ab12Cd"),
        Span("\n\u2014 Erin McLaughlin (@ErinCNN) "),
        Span("March 23, 2017", link="https://twitter.com/ErinCNN/status/1"),
    )
    result = cleaned(PROSE, Embed(platform="twitter", text_spans=spans))
    embed = result.blocks[1]
    assert (embed.text, embed.author, embed.handle, embed.date, embed.url) == (
        TWEET,
        "Erin McLaughlin",
        "ErinCNN",
        "2017-03-23",
        "https://twitter.com/ErinCNN/status/1",
    )
    assert [d.text for d in result.dropped] == ["pic.twitter.com/Ab12Cd"]


def test_html_embed_keeps_the_readers_platform_and_line_breaks() -> None:
    text = (
        "View this post on Instagram\nFirst line\nSecond line\n"
        "A post shared by Jane Doe (@janedoe) on March 23, 2017"
    )
    result = cleaned(Embed(platform="instagram", text_spans=spans_of(text)))
    (embed,) = result.blocks
    assert (embed.platform, embed.text, embed.author) == (
        "instagram",
        "First line\nSecond line",
        "Jane Doe",
    )
    assert [(d.kind, d.text) for d in result.dropped] == [
        ("boilerplate", "View this post on Instagram")
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Follow the live coverage from our reporter (@ErinCNN) on the ground.",
        "She tweeted - as @ErinCNN - that the crowd was growing.",
        "Erin McLaughlin (@ErinCNN) reported on March 23, 2017 that the crowd had grown.",
    ],
)
def test_prose_mentioning_handles_is_kept(line: str) -> None:
    result = cleaned(PROSE, line)
    assert [b.text for b in result.blocks] == [PROSE, line.replace(" - ", " \u2014 ")]
    assert result.dropped == ()


def test_html_embed_without_attribution_still_loses_buttons_and_links() -> None:
    text = "View this post on Instagram\nSandbags up, shutters down https://t.co/Ab12Cd"
    result = cleaned(Embed(platform="instagram", text_spans=spans_of(text), author="Harbour Café"))
    (embed,) = result.blocks
    assert (embed.text, embed.author) == ("Sandbags up, shutters down", "Harbour Café")
    assert [(d.kind, d.where) for d in result.dropped] == [
        ("embed link", "in the post by Harbour Café"),
        ("boilerplate", "in the post by Harbour Café"),
    ]
