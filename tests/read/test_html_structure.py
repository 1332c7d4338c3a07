"""HTML shapes one at a time: blocks, inline spans, credits, embeds, metadata and bad pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accessnews.errors import InputError
from accessnews.model import Article, Embed, Figure, Heading, ListBlock, Paragraph, Quote, Span
from accessnews.read import read_bytes
from accessnews.read.html.header import split_byline
from accessnews.read.html.meta import iso_date, language_tag, split_site_name
from tests.read.outcome import assert_reads_or_fails_cleanly

PROSE = "<p>" + "The ferry left the harbour on time despite the wind and rain. " * 3 + "</p>"


def page(body: str, head: str = "", lang: str = "en") -> Article:
    html = (
        f"<html lang='{lang}'><head>{head}</head>"
        f"<body><article><h1>Headline</h1>{body}{PROSE}</article></body></html>"
    )
    return read_bytes(html.encode(), name="page.html")


def first(article: Article, kind: type):
    return next(block for block in article.blocks if isinstance(block, kind))


def test_inline_emphasis_code_links_and_whitespace() -> None:
    article = page(
        "<p>  A <em>very</em>\n  <strong>bold <i>claim</i></strong> about <code>x = 1</code>"
        " and <a href='https://example.org/a'>a link</a>,<br>then more. </p>",
        head="<base href='https://news.example/story/'>",
    )
    assert first(article, Paragraph).spans == (
        Span("A "),
        Span("very", italic=True),
        Span(" "),
        Span("bold ", bold=True),
        Span("claim", bold=True, italic=True),
        Span(" about "),
        Span("x = 1", code=True),
        Span(" and "),
        Span("a link", link="https://example.org/a"),
        Span(", then more."),
    )


def test_relative_links_are_made_absolute_against_the_page_address() -> None:
    article = page(
        "<p>See <a href='../other'>this</a> and <a href='#top'>that</a>.</p>",
        head="<link rel='canonical' href='https://news.example/a/story'>",
    )
    assert first(article, Paragraph).spans == (
        Span("See "),
        Span("this", link="https://news.example/other"),
        Span(" and that."),
    )


def test_headings_lists_and_quotes() -> None:
    article = page(
        "<h2>Sub</h2><h4>Deeper</h4><h1>Second h1</h1>"
        "<ul><li>One <b>bold</b></li><li>Two<ul><li>Two a</li></ul></li></ul>"
        "<ol><li>First</li><li>Second</li></ol>"
        "<blockquote><p>Said once.</p><p>Said twice.</p><footer>A Person</footer></blockquote>"
    )
    headings = [(b.level, b.text) for b in article.blocks if isinstance(b, Heading)]
    assert headings == [(2, "Sub"), (4, "Deeper"), (2, "Second h1")]
    bullets, numbers = (b for b in article.blocks if isinstance(b, ListBlock))
    assert (bullets.ordered, bullets.text) == (False, "One bold\nTwo\nTwo a")
    assert (numbers.ordered, numbers.text) == (True, "First\nSecond")
    quotes = [(q.text, q.cite) for q in article.blocks if isinstance(q, Quote)]
    assert quotes == [("Said once.", None), ("Said twice.", "A Person")]


def test_loose_content_in_a_list_is_an_item_in_its_place() -> None:
    """Invalid HTML that browsers still show: text and wrappers between a list's items."""
    article = page(
        "<ul><li>One</li><li></li>Loose text<li>Two</li><div>In a div</div></ul>"
        "<ol><div><li>Wrapped a</li><li>Wrapped b</li></div></ol>"
    )
    bullets, numbers = (b for b in article.blocks if isinstance(b, ListBlock))
    assert bullets.text == "One\nLoose text\nTwo\nIn a div"
    assert numbers.text == "Wrapped a\nWrapped b"


@pytest.mark.parametrize("between", ["\n", "", "<!-- ad slot -->", " <!-- x --> "])
def test_double_line_breaks_separate_loose_paragraphs(between: str) -> None:
    """A comment between the two breaks is invisible: the paragraph break stays."""
    article = page(f"<div>First line<br>same paragraph.<br>{between}<br>Second paragraph.</div>")
    assert [b.text for b in article.blocks][:2] == [
        "First line same paragraph.",
        "Second paragraph.",
    ]


@pytest.mark.parametrize("wrap", ["{}", "<html><body>{}</body></html>"])
def test_a_bare_page_of_a_headline_and_paragraphs_is_the_article(wrap: str) -> None:
    """No article wrapper: the body itself is the article, so nothing is "outside" it."""
    html = wrap.format(
        "<h1>Harbour barrier opens</h1><p>The barrier opened on Monday.</p>"
        "<p>It protects two thousand homes.</p>"
    )
    article = read_bytes(html.encode(), name="bare.html")
    assert article.headline == "Harbour barrier opens"
    assert [b.text for b in article.blocks] == [
        "The barrier opened on Monday.",
        "It protects two thousand homes.",
    ]
    assert not article.dropped


def test_headline_h1_is_not_a_block_and_loose_text_is_a_paragraph() -> None:
    article = page("<div>Loose text in a div <em>with emphasis</em>.<div>Inner block.</div></div>")
    assert article.headline == "Headline"
    texts = [b.text for b in article.blocks]
    assert texts[:2] == ["Loose text in a div with emphasis.", "Inner block."]


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Flood <span class='credit'>Jane Roe</span>", "Jane Roe"),
        ("<p>Flood</p><cite>REUTERS/Tom Ashby</cite>", "REUTERS/Tom Ashby"),
        ("Flood<small>© Council</small>", "© Council"),
        ("<span>Flood</span> <span class='image-credit'>Getty</span>", "Getty"),
        ("Flood <span class='copyright-holder'>PA</span>", "PA"),
    ],
)
def test_credit_markup_shapes(caption: str, credit: str) -> None:
    article = page(
        f"<figure><img src='a.jpg' alt='alt'><figcaption>{caption}</figcaption></figure>"
    )
    figure = first(article, Figure)
    assert (figure.text, figure.credit, figure.label) == ("Flood", credit, None)


@pytest.mark.parametrize(
    ("figcaption", "caption", "credit"),
    [
        ("The pier at dawn <small>Ann Lee</small>", "The pier at dawn", "Ann Lee"),
        ("<span class='credit'>Ann Lee</span>", "The pier", "Ann Lee"),
        ("Taken at low tide", "The pier Taken at low tide", None),
    ],
)
def test_a_figcaption_just_after_its_figure_is_that_figures_caption(
    figcaption: str, caption: str, credit: str | None
) -> None:
    """Some templates close the figure before its caption: the caption still belongs to it,
    replacing the alt text it repeats and following one it does not."""
    article = page(
        f"<figure><img src='p.jpg' alt='The pier'></figure><figcaption>{figcaption}</figcaption>"
    )
    picture = first(article, Figure)
    assert (picture.text, picture.credit) == (caption, credit)
    assert not any(isinstance(b, Paragraph) and "Ann Lee" in b.text for b in article.blocks)


def test_figures_without_caption() -> None:
    article = page(
        "<figure><img src='a.jpg' alt='A boat'></figure><figure><img src='b.jpg'></figure>"
        "<p><img src='c.jpg' alt=''></p><img src='pixel.gif' width='1' height='1'>"
        "<amp-img src='d.jpg' alt='An AMP boat'></amp-img>"
    )
    assert [f.text for f in article.blocks if isinstance(f, Figure)] == ["A boat", "An AMP boat"]
    assert [(d.kind, d.text) for d in article.dropped] == [("image", "b.jpg"), ("image", "c.jpg")]


def test_a_figure_wrapping_an_embed_is_the_embed() -> None:
    article = page(
        "<figure class='embed'><blockquote class='twitter-tweet'><p>Post text</p>&mdash; A (@a)"
        " <a href='https://x.com/a/status/1'>May 1, 2026</a></blockquote></figure>"
    )
    embed = first(article, Embed)
    assert (embed.platform, embed.text, embed.url) == (
        "twitter",
        "Post text\n— A (@a) May 1, 2026",
        "https://x.com/a/status/1",
    )
    assert not any(isinstance(b, Figure) for b in article.blocks)


def test_an_attribution_run_into_the_post_text_gets_its_own_line() -> None:
    article = page(
        "<blockquote class='twitter-tweet'>Open again — at last. &mdash; Ann Lee (@annlee) "
        "<a href='https://x.com/annlee/status/2'>May 2, 2026</a></blockquote>"
        "<blockquote class='twitter-tweet'>No attribution — just a dash.</blockquote>"
    )
    texts = [e.text for e in article.blocks if isinstance(e, Embed)]
    assert texts == [
        "Open again — at last.\n— Ann Lee (@annlee) May 2, 2026",
        "No attribution — just a dash.",
    ]


def test_frames_of_posts_are_audited_and_scripts_never_become_text() -> None:
    article = page(
        "<iframe class='mastodon-embed' src='https://mastodon.social/@ann/1234/embed'></iframe>"
        "<script>var secret = 1;</script><style>p{}</style>"
    )
    assert [(d.kind, d.text) for d in article.dropped] == [
        ("embed", "mastodon https://mastodon.social/@ann/1234/embed")
    ]
    assert "secret" not in " ".join(b.text for b in article.blocks)


def test_json_ld_in_a_list_with_types_list_and_author_strings() -> None:
    ld = (
        '[{"@type": "WebPage"}, {"@type": ["NewsArticle"], "headline": "LD headline",'
        ' "author": ["Ann Lee", {"name": "Bo Chen"}], "datePublished": "2026-01-02",'
        ' "inLanguage": "fr-FR", "publisher": {"name": "Le Journal"}}]'
    )
    html = (
        "<html><head><script type='application/ld+json'>" + ld + "</script></head>"
        "<body><main>" + PROSE + "</main></body></html>"
    )
    article = read_bytes(html.encode(), name="p.html")
    assert (article.headline, article.bylines, article.published) == (
        "LD headline",
        ("Ann Lee", "Bo Chen"),
        "2026-01-02",
    )
    assert (article.language, article.publication) == ("fr-FR", "Le Journal")


def test_a_standfirst_that_repeats_the_first_paragraph_is_not_kept() -> None:
    description = "<meta property='og:description' content='The ferry left the harbour...'>"
    assert page("", head=description).standfirst is None
    other = "<meta property='og:description' content='Gales did not stop the crossing.'>"
    assert page("", head=other).standfirst == "Gales did not stop the crossing."


def test_a_logo_h1_outside_the_article_is_not_the_headline() -> None:
    html = (
        "<html><head><title>Gales close the bridge | The Courier</title></head><body>"
        "<div id='top'><h1 class='logo'>The Courier</h1></div>"
        f"<div class='story'><h2>Gales close the bridge</h2>{PROSE}{PROSE}</div></body></html>"
    )
    article = read_bytes(html.encode(), name="p.html")
    assert article.headline == "Gales close the bridge"
    assert ("outside the article", "The Courier") in {(d.reason, d.text) for d in article.dropped}


def test_a_script_drawn_page_falls_back_to_the_json_ld_article_body() -> None:
    ld = '{"@type": "NewsArticle", "headline": "Drawn", "articleBody": "One.\\n\\nTwo  two."}'
    html = (
        f"<html><head><script type='application/ld+json'>{ld}</script></head>"
        "<body><div id='app'></div><script>render()</script></body></html>"
    )
    article = read_bytes(html.encode(), name="p.html")
    assert (article.headline, [b.text for b in article.blocks]) == ("Drawn", ["One.", "Two two."])


def test_facebook_and_tiktok_embeds() -> None:
    article = page(
        "<div class='fb-post' data-href='https://www.facebook.com/harbour/posts/1'>"
        "<blockquote class='fb-xfbml-parse-ignore'><p>Open again today.</p>Posted by "
        "<a href='https://www.facebook.com/harbour'>Harbour Café</a> on Monday</blockquote></div>"
        "<blockquote class='tiktok-embed' cite='https://www.tiktok.com/@ann/video/7'><section>"
        "<a href='https://www.tiktok.com/@ann'>@ann</a> Waves on the pier</section></blockquote>"
    )
    embeds = [(e.platform, e.text, e.url) for e in article.blocks if isinstance(e, Embed)]
    assert embeds == [
        (
            "facebook",
            "Open again today.\nPosted by Harbour Café on Monday",
            "https://www.facebook.com/harbour/posts/1",
        ),
        ("tiktok", "@ann Waves on the pier", "https://www.tiktok.com/@ann/video/7"),
    ]


def test_times_and_author_boxes_after_the_first_paragraph_stay_in_the_text() -> None:
    article = page(
        "<p class='byline'>By Ann Lee</p>" + PROSE + "<div><time>10:42</time></div>"
        "<p>Update: the ferry is back.</p><div class='author-bio'>Ann Lee covers the islands.</div>"
    )
    assert article.bylines == ("Ann Lee",)
    texts = [b.text for b in article.blocks]
    assert texts[1:4] == ["10:42", "Update: the ferry is back.", "Ann Lee covers the islands."]


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By: Ann Lee | CNN", ("Ann Lee", "CNN")),
        ("BY ANN LEE AND BO CHEN", ("ANN LEE", "BO CHEN")),
        ("Por Lucía Gil y Ana Mora", ("Lucía Gil", "Ana Mora")),
        ("By John E Smith", ("John E Smith",)),
    ],
)
def test_byline_shapes(line: str, names: tuple[str, ...]) -> None:
    assert split_byline(line) == names


def test_json_ld_in_a_cdata_section() -> None:
    ld = '<![CDATA[\n{"@type": "NewsArticle", "author": {"name": "Ann Lee"}}\n]]>'
    article = page("", head=f"<script type='application/ld+json'>{ld}</script>")
    assert article.bylines == ("Ann Lee",)


def test_byline_elements_and_title_fallback() -> None:
    html = (
        "<html><head><title>A quiet day | The Daily Example</title></head><body><div>"
        "<p class='byline'>By Ann Lee, Bo Chen and Cy Dee, Staff Reporter</p>" + PROSE + PROSE
        + "</div></body></html>"
    )  # fmt: skip
    article = read_bytes(html.encode(), name="p.html")
    assert article.headline == "A quiet day"
    assert article.publication == "The Daily Example"
    assert article.bylines == ("Ann Lee", "Bo Chen", "Cy Dee")
    assert ("metadata", "byline") in {(d.kind, d.reason) for d in article.dropped}


@pytest.mark.parametrize(
    ("raw", "tag"),
    [
        ("en_GB", "en-GB"),
        ("EN-gb", "en-GB"),
        ("es", "es"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("", None),
    ],
)
def test_language_tags_are_normalised(raw: str, tag: str | None) -> None:
    assert language_tag(raw) == tag


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2026-02-26T21:05:00Z", "2026-02-26T21:05:00+00:00"),
        ("2026-02-26T21:05:00.000+01:00", "2026-02-26T21:05:00+01:00"),
        ("2026-09-20", "2026-09-20"),
        ("Thu, 26 Feb 2026 21:05:00 GMT", "2026-02-26"),
        ("yesterday", None),
        (None, None),
    ],
)
def test_dates_become_iso_8601(raw: str | None, iso: str | None) -> None:
    assert iso_date(raw) == iso


def test_site_name_suffix() -> None:
    assert split_site_name("A - B - The Post", "The Post") == ("A - B", "The Post")
    long = "Why the tide turned: a very long headline with many words in it"
    assert split_site_name(f"Storm - {long}", None) == (f"Storm - {long}", None)
    assert split_site_name("Lee - Chen debate: what we learned", None) == (
        "Lee - Chen debate: what we learned",
        None,
    )


def test_chrome_table_does_not_take_the_article_container() -> None:
    html = (
        "<html><body><div class='page has-comments share-enabled'>" + PROSE * 3 + "</div>"
        "<div class='share-tools'>Share this</div></body></html>"
    )
    article = read_bytes(html.encode(), name="p.html")
    assert len(article.blocks) == 3
    assert [(d.reason, d.text) for d in article.dropped] == [("share bar", "Share this")]


def test_paid_parts_and_body_classes_are_not_mistaken_for_prompts() -> None:
    html = (
        "<html><body><h1>Paid</h1><div class='paywall article-body'>"
        f"<p>Free part.</p><div class='subscriber-only'>{PROSE}</div></div>"
        "<div class='subscribe-box'>Subscribe now</div></body></html>"
    )
    article = read_bytes(html.encode(), name="p.html")
    assert [b.text for b in article.blocks] == ["Free part.", PROSE[3:-4].strip()]
    assert [d.reason for d in article.dropped] == ["subscribe prompt"]


def test_a_related_box_of_article_cards_is_chrome() -> None:
    cards = "".join(
        f"<article><h3>Other story {i}</h3><p>Teaser {i}.</p></article>" for i in range(9)
    )
    html = (
        f"<html><body><article><h1>Main</h1>{PROSE * 2}</article>"
        f"<section class='more-stories'>{cards}</section></body></html>"
    )
    article = read_bytes(html.encode(), name="p.html")
    assert [d.reason for d in article.dropped] == ["related stories"]
    assert len(article.blocks) == 2


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a></nav><footer>© 2026</footer></body></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<!DOCTYPE html><html><body><div class='cookie-banner'><p>We use cookies.</p></div>"
        "<script>app()</script></body></html>",
    ],
)
def test_a_page_without_article_text_is_one_clear_error(html: str) -> None:
    with pytest.raises(InputError, match=r"^p\.html: no article text found \(") as caught:
        read_bytes(html.encode(), name="p.html")
    assert "\n" not in str(caught.value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            ["<p>", "</p>", "<div class='ad'>", "</div>", "<figure>", "<img alt='x'>",
             "<figcaption>", "<blockquote class='twitter-tweet'>", "</blockquote>", "<ul><li>",
             "<h2>", "<a href='::'>", "<em>", "<br>", "&amp;", "<!-- c -->", "<article>",
             "<?xml version='1.0' encoding='utf-8'?>", "<script>", "</script>", "<h1>", "<nav>",
             "<time datetime='2020-01-01'>", "<p class='byline'>By Ann Lee", "<header>",
             "<div class='share'>", "<br><br>", "<table><tr><td>", "<li>", "</ul>", "<main>"]
        )
        | st.text(max_size=20),
        max_size=30,
    )
)  # fmt: skip
def test_arbitrary_html_reads_or_fails_cleanly(parts: list[str]) -> None:
    data = ("<html><body>" + "".join(parts)).encode("utf-8", "surrogatepass")
    assert_reads_or_fails_cleanly(data, "fuzz.html")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text found"),
        (b"<html><body><p>" + bytes(range(0x80, 0x100)) * 12, "unknown character encoding"),
    ],
)
def test_cli_reports_a_bad_page_in_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    page_file = tmp_path / "bad.html"
    page_file.write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "accessnews", "clean", str(page_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_figure_holding_a_table_or_sections_is_walked_as_content() -> None:
    """A data table in a `<figure>`, or text that unclosed markup left inside one, is the
    article's, not a caption."""
    article = page(
        "<figure><img src='t.png' alt='Chart'><table><tr><td>Steel</td><td>12 kg</td></tr>"
        "</table><figcaption>Materials</figcaption></figure>"
        "<figure><img src='p.jpg' alt=''><h2>The tests</h2><p>We tried each one.</p></figure>"
    )
    texts = [b.text for b in article.blocks if not isinstance(b, Figure)]
    assert "The tests" in texts and "We tried each one." in texts
    assert any("Steel" in text for text in texts)
