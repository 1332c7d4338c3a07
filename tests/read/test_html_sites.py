"""Markup shapes of real news platforms (structure only; the text is invented for the tests)."""

from __future__ import annotations

from accessnews.model import Article, Embed, Figure, Paragraph
from accessnews.read import read_bytes

LONG = "The committee heard evidence from residents, engineers and the port authority all day. "


def _read(html: str) -> Article:
    return read_bytes(html.encode(), name="site.html")


def _paragraphs(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


def test_data_component_blocks_with_a_credit_beside_the_figcaption() -> None:
    article = _read(
        "<html lang='en-GB'><body><header data-component='global-header'>Home News Sport</header>"
        "<main><article><header><h1 id='main-heading'>Port plan approved</h1></header>"
        "<div data-component='byline-block'><span>By Ann Lee</span><span>Transport reporter</span>"
        "</div><figure><div><img src='p.jpg' alt=''><span role='text'>"
        "<span class='visually-hidden'>Image source, </span>Getty Images</span></div><figcaption>"
        "<span class='visually-hidden'>Image caption, </span>The port at dusk</figcaption></figure>"
        f"<div data-component='text-block'><p>{LONG}</p></div>"
        f"<div data-component='text-block'><p>{LONG}</p></div>"
        "<div data-component='links-block'><h2>Related topics</h2><a href='/t'>Ports</a></div>"
        "</article></main></body></html>"
    )
    assert article.bylines == ("Ann Lee",)
    (figure,) = [b for b in article.blocks if isinstance(b, Figure)]
    assert figure.text == "Image source, Getty Images Image caption, The port at dusk"
    assert _paragraphs(article) == [LONG.strip()] * 2
    assert {"page header", "byline"} <= {d.reason for d in article.dropped}


def test_unmarked_by_line_and_credit_text_inside_the_figcaption() -> None:
    article = _read(
        "<html><body><article id='story'><header><h1 data-testid='headline'>Port plan</h1>"
        "<p id='article-summary'>Residents won a delay.</p><figure role='group'><picture>"
        "<img alt='The port'></picture><figcaption><span class='css-j3'>The port.</span>"
        "<span class='css-cn'><span>Credit...</span><span>Bo Chen for The Daily</span></span>"
        "</figcaption></figure><div class='css-x'><p class='css-y'>By <a href='/by/ann-lee'>"
        "Ann Lee</a> and <a href='/by/bo-chen'>Bo Chen</a></p></div></header>"
        f"<section name='articleBody'><div><p>{LONG}</p><p>{LONG}</p></div></section>"
        "</article></body></html>"
    )
    assert article.standfirst == "Residents won a delay."
    assert article.bylines == ("Ann Lee", "Bo Chen")
    (figure,) = [b for b in article.blocks if isinstance(b, Figure)]
    assert (figure.text, figure.credit) == ("The port. Credit... Bo Chen for The Daily", None)
    assert _paragraphs(article) == [LONG.strip()] * 2


def test_paragraphs_as_divs_and_camel_case_body_classes() -> None:
    article = _read(
        "<html><body><div class='SiteHeader'><a href='/'>Wire</a></div>"
        "<div class='ArticleLayout'><div class='Sidebar'><a href='/a'>Markets</a></div>"
        "<div class='RichTextStoryBody'>"
        f"<div data-testid='paragraph-0'>{LONG}</div><div data-testid='paragraph-1'>{LONG}</div>"
        "<div class='ShareBar'>Share</div></div></div></body></html>"
    )
    assert _paragraphs(article) == [LONG.strip()] * 2
    assert {"sidebar", "share bar"} <= {d.reason for d in article.dropped}


def test_underscored_content_class_and_wordpress_parts() -> None:
    article = _read(
        "<html><body><div class='article__content'>"
        f"<p class='paragraph'>{LONG}</p>"
        "<div class='wp-caption'><img src='c.jpg' alt='x'><p class='wp-caption-text'>"
        "Divers at the pier. Photo by Cy Dee on Unsplash</p></div>"
        f"<p class='paragraph'>{LONG}</p>"
        "<div class='sharedaddy'>Share this: Facebook</div>"
        "<div id='jp-relatedposts'><h3>Related</h3><p>Older story</p></div>"
        "<div id='comments' class='comments-area'><p>First!</p></div></div></body></html>"
    )
    (figure,) = [b for b in article.blocks if isinstance(b, Figure)]
    assert figure.text == "Divers at the pier. Photo by Cy Dee on Unsplash"
    assert _paragraphs(article) == [LONG.strip()] * 2
    assert [d.reason for d in article.dropped] == ["share bar", "related stories", "comments"]


def test_an_image_outside_the_article_keeps_its_alt_text_in_the_audit() -> None:
    article = _read(
        "<html><body><div class='hero'><img src='h.jpg' alt='Divers at the pier'></div>"
        f"<div class='entry-content'><p>{LONG}</p><p>{LONG}</p></div></body></html>"
    )
    assert ("image", "Divers at the pier", "outside the article") in {
        (d.kind, d.text, d.reason) for d in article.dropped
    }


def test_credit_markup_wrapping_the_image_keeps_the_alt_text() -> None:
    article = _read(
        "<html><body><div class='story-body'><figure class='media-landscape'>"
        "<span class='image-and-copyright-container'><img alt='Divers at the pier' src='d.jpg'>"
        "<span class='off-screen'>Image copyright</span>"
        "<span class='story-image-copyright'>Reuters</span></span></figure>"
        f"<p>{LONG}</p><p>{LONG}</p></div></body></html>"
    )
    (figure,) = [b for b in article.blocks if isinstance(b, Figure)]
    assert (figure.text, figure.credit) == ("Divers at the pier", "Image copyright Reuters")


def test_an_embed_in_a_social_media_wrapper_is_not_a_share_bar() -> None:
    article = _read(
        f"<html><body><article><p>{LONG}</p><div class='social-media-embed'>"
        "<blockquote class='twitter-tweet'><p>High tide now.</p>&mdash; Port (@port)</blockquote>"
        "</div><div class='social-media-links'>Follow us</div>"
        f"<p>{LONG}</p></article></body></html>"
    )
    assert [b.text for b in article.blocks if isinstance(b, Embed)] == [
        "High tide now.\n— Port (@port)"
    ]
    assert [d.reason for d in article.dropped] == ["share bar"]


def test_a_windows_1252_line_in_a_utf8_page_is_repaired_and_recorded() -> None:
    """The same repair as for plain text, recorded for HTML too (the line shown without tags)."""
    data = (
        "<html><body><article><h1>Café opens</h1>\n<p>The café naïve menu is €5, and the "
        "terrace opens at noon every day of the week.</p>\n".encode()
        + "<p>The owner said “we are open” on Monday, to anyone passing.</p>\n".encode("cp1252")
        + b"</article></body></html>"
    )
    article = read_bytes(data, name="mixed.html")
    texts = [block.text for block in article.blocks]
    assert "The owner said “we are open” on Monday, to anyone passing." in texts
    assert texts[0].startswith("The café naïve menu is €5")
    repairs = [d for d in article.dropped if d.kind == "encoding"]
    assert [(d.where, d.text) for d in repairs] == [
        ("line 3", "The owner said “we are open” on Monday, to anyone passing.")
    ]


def test_syntax_highlighted_code_keeps_its_comment_and_tag_tokens() -> None:
    """Highlighters class a listing's tokens `token comment`, `hljs-tag`: not page chrome."""
    listing = (
        "<pre><code><span class='token comment'># start the server</span>\n"
        "serve --port 8080\n<span class='hljs-tag nav'>&lt;nav&gt;</span></code></pre>"
    )
    article = _read(
        f"<html><body><article><h1>Notes</h1><p>{LONG}</p>{listing}</article></body></html>"
    )
    assert _paragraphs(article)[-1] == "# start the server serve --port 8080 <nav>"
    assert not [d for d in article.dropped if d.kind == "page chrome"]
