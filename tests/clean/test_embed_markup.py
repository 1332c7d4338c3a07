"""Each platform's standard embed code, read and cleaned: the post becomes an Embed with the
author, handle and date its markup has; the furniture is dropped and recorded with its reason.

The markup follows each platform's published embed code; the texts are written for these tests.
"""

from __future__ import annotations

import pytest

from accessnews.clean import clean
from accessnews.clean.embeds import MARKUP_ATTRIBUTIONS
from accessnews.clean.rule import Rule
from accessnews.model import Article, Embed
from accessnews.read.html import read

PROSE = (
    "<p>The storm reached the coast overnight, and residents were told to stay inside until "
    "the morning. Officials said the worst had passed by dawn.</p>"
)
POST = "Shutters down before the storm"


def _instagram(button: str, shared_by: str) -> str:
    return (
        '<blockquote class="instagram-media" data-instgrm-captioned '
        'data-instgrm-permalink="https://www.instagram.com/p/AbC/?utm_source=ig_embed" '
        'data-instgrm-version="14"><div style="padding:16px;">'
        '<a href="https://www.instagram.com/p/AbC/" target="_blank"><div><div></div></div>'
        f'<div style="padding-top: 8px;"><div>{button}</div></div></a>'
        f'<p><a href="https://www.instagram.com/p/AbC/">{shared_by} Harbour Café (@harbourcafe)'
        "</a></p></div></blockquote>"
    )


def _facebook(posted_by: str, on: str, date: str) -> str:
    return (
        '<div class="fb-post" data-href="https://www.facebook.com/harbourcafe/posts/1">'
        '<blockquote cite="https://www.facebook.com/harbourcafe/posts/1" '
        f'class="fb-xfbml-parse-ignore"><p>{POST}</p>{posted_by} '
        f'<a href="https://www.facebook.com/harbourcafe">Harbour Café</a> {on}&nbsp;'
        f'<a href="https://www.facebook.com/harbourcafe/posts/1">{date}</a></blockquote></div>'
    )


TWEET = (
    '<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{post} '
    '<a href="https://t.co/Ab12Cd">pic.twitter.com/Ab12Cd</a></p>&mdash; Harbour Watch '
    '(@harbourwatch) <a href="https://twitter.com/harbourwatch/status/1?ref_src=twsrc%5Etfw">'
    "{date}</a></blockquote>"
    '<script async src="https://platform.twitter.com/widgets.js"></script>'
)
BLUESKY = (
    '<blockquote class="bluesky-embed" data-bluesky-uri="at://did:plc:abc/app.bsky.feed.post/3k">'
    f'<p lang="en">{POST}<br><br><a href="https://bsky.app/profile/did:plc:abc/post/3k">'
    "[image or embed]</a></p>&mdash; Harbour Watch "
    '(<a href="https://bsky.app/profile/did:plc:abc">@harbour.bsky.social</a>) '
    '<a href="https://bsky.app/profile/did:plc:abc/post/3k">March 23, 2025 at 5:01 PM</a>'
    "</blockquote>"
)
MASTODON = (
    '<blockquote class="mastodon-embed" '
    'data-embed-url="https://mastodon.social/@harbour/113/embed">'
    '<a href="https://mastodon.social/@harbour/113" target="_blank"><svg></svg>'
    "<div>Post by @harbour@mastodon.social</div><div>View on Mastodon</div></a></blockquote>"
)
THREADS = (
    '<blockquote class="text-post-media" '
    'data-text-post-permalink="https://www.threads.net/@harbourcafe/post/AbC">'
    '<a href="https://www.threads.net/@harbourcafe/post/AbC" target="_blank"><div><svg></svg>'
    "<div>Post by @harbourcafe</div><div>View on Threads</div></div></a></blockquote>"
)
TIKTOK = (
    '<blockquote class="tiktok-embed" cite="https://www.tiktok.com/@harbourcafe/video/71" '
    'data-video-id="71"><section><a target="_blank" title="@harbourcafe" '
    'href="https://www.tiktok.com/@harbourcafe?refer=embed">@harbourcafe</a> '
    f'{POST} <a title="storm" href="https://www.tiktok.com/tag/storm?refer=embed">#storm</a> '
    '<a title="♬ original sound - harbourcafe" '
    'href="https://www.tiktok.com/music/original-sound-71?refer=embed">'
    "♬ original sound - harbourcafe</a></section></blockquote>"
)

# markup, (platform, text, author, handle, date), what is dropped (kind, text)
CASES = {
    "twitter": (
        TWEET.format(post=POST, date="March 23, 2017"),
        ("twitter", POST, "Harbour Watch", "harbourwatch", "2017-03-23"),
        [("embed link", "pic.twitter.com/Ab12Cd")],
    ),
    "twitter in German": (
        TWEET.format(post=POST, date="23. März 2017"),
        ("twitter", POST, "Harbour Watch", "harbourwatch", "2017-03-23"),
        [("embed link", "pic.twitter.com/Ab12Cd")],
    ),
    "bluesky": (
        BLUESKY,
        ("bluesky", POST, "Harbour Watch", "harbour.bsky.social", "2025-03-23"),
        [("boilerplate", "[image or embed]"), ("embed attribution", "at 5:01 PM")],
    ),
    "mastodon": (
        MASTODON,
        ("mastodon", "", None, "harbour@mastodon.social", None),
        [("boilerplate", "View on Mastodon")],
    ),
    "threads": (
        THREADS,
        ("threads", "", None, "harbourcafe", None),
        [("boilerplate", "View on Threads")],
    ),
    "tiktok": (
        TIKTOK,
        ("tiktok", f"{POST} #storm", None, "harbourcafe", None),
        [("boilerplate", "♬ original sound \u2014 harbourcafe")],
    ),
    "facebook": (
        _facebook("Posted by", "on", "Thursday, March 23, 2017"),
        ("facebook", POST, "Harbour Café", None, "2017-03-23"),
        [("embed attribution", "Thursday")],
    ),
    "facebook in French": (
        _facebook("Publié par", "sur", "23 mars 2017"),
        ("facebook", POST, "Harbour Café", None, "2017-03-23"),
        [],
    ),
    **{
        f"instagram ({lang})": (
            _instagram(button, shared_by),
            ("instagram", "", "Harbour Café", "harbourcafe", None),
            [("boilerplate", button)],
        )
        for lang, button, shared_by in (
            ("en", "View this post on Instagram", "A post shared by"),
            ("es", "Ver esta publicación en Instagram", "Una publicación compartida por"),
            ("fr", "Voir cette publication sur Instagram", "Une publication partagée par"),
            ("de", "Diesen Beitrag auf Instagram ansehen", "Ein Beitrag geteilt von"),
            ("it", "Visualizza questo post su Instagram", "Un post condiviso da"),
            ("pt", "Ver essa foto no Instagram", "Uma publicação compartilhada por"),
        )
    },
}


def _page(markup: str) -> Article:
    page = f"<html><body><article><h1>Storm</h1>{PROSE}{markup}{PROSE}</article></body></html>"
    return clean(read(page.encode(), name="storm.html"))


@pytest.mark.parametrize(("markup", "fields", "furniture"), CASES.values(), ids=CASES.keys())
def test_embed_markup_becomes_an_embed_with_its_fields(
    markup: str,
    fields: tuple[str, str, str | None, str | None, str | None],
    furniture: list[tuple[str, str]],
) -> None:
    article = _page(markup)
    (embed,) = [b for b in article.blocks if isinstance(b, Embed)]
    assert (embed.platform, embed.text, embed.author, embed.handle, embed.date) == fields
    assert [(d.kind, d.text) for d in article.dropped] == furniture
    assert all(d.reason and d.where.startswith("in the post by") for d in article.dropped)


def test_a_youtube_player_is_recorded_with_its_link() -> None:
    frame = (
        '<iframe width="560" height="315" src="https://www.youtube.com/embed/AbCdEfGhIjk" '
        'title="YouTube video player" allowfullscreen></iframe>'
    )
    article = _page(frame)
    assert not [b for b in article.blocks if isinstance(b, Embed)]
    (entry,) = article.dropped
    assert (entry.kind, entry.text, entry.reason) == (
        "embed",
        "youtube https://www.youtube.com/embed/AbCdEfGhIjk",
        "embedded frame without text",
    )


def test_prose_posted_by_someone_on_a_date_stays_prose() -> None:
    line = "The video was posted by the mayor on March 3, 2024."
    article = _page(f"<p>{line}</p>")
    assert line in [b.text for b in article.blocks]
    assert not [b for b in article.blocks if isinstance(b, Embed)]


@pytest.mark.parametrize(("platform", "line"), MARKUP_ATTRIBUTIONS, ids=lambda v: str(v)[:20])
def test_markup_only_lines_match_their_examples(platform: str, line: Rule) -> None:
    assert platform and all(line.pattern.search(example) for example in line.examples)
