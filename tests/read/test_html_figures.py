"""Figures as real pages mark them up (structure only; the text is invented for the tests):
screen-reader labels, credit markup around a caption, images that scripts draw, figures in list
items, lead images outside the article's text, and captions that are only a credit."""

from __future__ import annotations

from accessnews.clean import clean
from accessnews.model import Article, Figure, ListBlock, Paragraph
from accessnews.read import read_bytes

LONG = "The harbour board met on Monday to hear the engineers' report on the sea wall. "


def _read(body: str, head: str = "") -> Article:
    html = f"<html lang='en'><head>{head}</head><body>{body}</body></html>"
    return read_bytes(html.encode(), name="page.html")


def _story(inside: str) -> Article:
    return _read(f"<article><h1>Sea wall</h1><p>{LONG}</p>{inside}<p>{LONG}</p></article>")


def _figures(article: Article) -> list[tuple[str, str | None]]:
    return [(b.text, b.credit) for b in article.blocks if isinstance(b, Figure)]


def test_screen_reader_labels_leave_the_caption_and_mark_the_credit() -> None:
    """A picture word opening the figure goes (the writers say their own); "Credit" glued to the
    name becomes a marker the cleaner reads; a label with nothing after it leaves no caption."""
    article = _story(
        "<figure><span class='sr'>Photo</span><img src='a.jpg' alt=''><figcaption>"
        "<span>The wall at low tide.</span><span><span class='sr'>Credit</span>Ann Lee/PA</span>"
        "</figcaption></figure>"
        "<figure><div><span>Image</span><img src='b.jpg'></div><figcaption><span>Credit</span>"
        "</figcaption></figure>"
    )
    assert _figures(article) == [("The wall at low tide. Credit: Ann Lee/PA", None), ("", None)]
    labels = [(d.text, d.reason) for d in article.dropped if d.kind == "caption prefix"]
    assert labels == [("Photo", "screen-reader label")] + [("Image", "screen-reader label")] + [
        ("Credit", "screen-reader label")
    ]
    assert _figures(clean(article)) == [("The wall at low tide.", "Ann Lee/PA"), ("", None)]


def test_credit_markup_around_the_caption_is_not_all_credit() -> None:
    """A figcaption classed as the credit that holds the caption's own element: the caption is
    read, and the element marked as its author (class or itemprop) is the credit."""
    article = _story(
        "<figure><picture><img srcset='w.jpg 800w'></picture><figcaption class='lead__credit'>"
        "<span class='lead__caption'>Boats in the outer harbour</span> "
        "<span class='lead__attribution' itemprop='creator'>Bo Chen/Reuters</span>"
        "</figcaption></figure>"
        "<figure><img src='c.jpg'><figcaption>Gulls on the pier <span itemprop='copyrightHolder'>"
        "Cy Diaz</span></figcaption></figure>"
    )
    assert _figures(article) == [
        ("Boats in the outer harbour", "Bo Chen/Reuters"),
        ("Gulls on the pier", "Cy Diaz"),
    ]


def test_a_captioned_figure_whose_image_is_gone_is_still_a_figure() -> None:
    """A script draws the image (or chrome rules took its wrapper): the caption still makes a
    figure; a captioned quotation or a widget with text of its own does not."""
    article = _story(
        "<figure><div class='lazy-container'></div><figcaption>Divers inspect the gate</figcaption>"
        "</figure>"
        "<figure><blockquote><p>We built it to last.</p></blockquote><figcaption>The engineer"
        "</figcaption></figure>"
        "<figure><div>Poor Fair Good</div><figcaption>Key</figcaption></figure>"
    )
    assert _figures(article) == [("Divers inspect the gate", None)]
    assert "We built it to last." in [b.text for b in article.blocks]


def test_figures_in_list_items_are_figures() -> None:
    """A teaser list's pictures: a bulleted list is split after the item, a numbered list keeps
    its numbers and its figures follow it; the item's text no longer holds the credit."""
    item = (
        "<li><figure><img src='{0}.jpg'><figcaption>Credit: Ann Lee</figcaption></figure>{0}</li>"
    )
    article = _story(
        f"<ul>{item.format('First')}{item.format('Second')}</ul>"
        f"<ol>{item.format('Third')}{item.format('Fourth')}</ol>"
    )
    shapes = [
        (type(b).__name__, b.text) for b in article.blocks if isinstance(b, ListBlock | Figure)
    ]
    figure = ("Figure", "Credit: Ann Lee")
    assert shapes == [
        ("ListBlock", "First"),
        figure,
        ("ListBlock", "Second"),
        figure,
        ("ListBlock", "Third\nFourth"),
        figure,
        figure,
    ]


def test_gallery_slides_of_an_image_and_a_caption_are_figures() -> None:
    """A carousel's list items, each only an image and its figcaption (no `<figure>`), are
    figures, not a list of credit lines."""
    slide = (
        "<li><div><img src='{0}.jpg' alt='The {0} pier'></div>"
        "<figcaption>Credit: Bo Chen</figcaption></li>"
    )
    article = clean(_story(f"<ul>{slide.format('north')}{slide.format('south')}</ul>"))
    assert _figures(article) == [("The north pier", "Bo Chen"), ("The south pier", "Bo Chen")]
    assert not [b for b in article.blocks if isinstance(b, ListBlock)]


def test_a_lead_figure_between_the_headline_and_the_text_leads_the_article() -> None:
    """The lead image sits in the article's header, outside the element that holds its text:
    it becomes the first block. A figure above the headline is the page's, not the story's."""
    article = _read(
        "<div class='page'><figure><img src='logo.png'><figcaption>Harbour Times</figcaption>"
        "</figure><header><h1>Sea wall</h1><figure><img src='lead.jpg'><figcaption>The sea wall "
        "from the air</figcaption></figure></header>"
        f"<div class='story-body'><p>{LONG}</p><p>{LONG}</p></div></div>"
    )
    assert _figures(article)[0] == ("The sea wall from the air", None)
    assert isinstance(article.blocks[0], Figure)
    assert "Harbour Times" not in [b.text for b in article.blocks]
    assert all(isinstance(b, Paragraph) for b in article.blocks[1:])


def test_a_figure_whose_caption_is_only_a_credit_stays_uncaptioned() -> None:
    """The picture is there: it stays a figure, with no caption and its credit split off (its
    alt text is the caption when it has one); a figure with no caption element, no credit and
    no alt text is still dropped as before."""
    article = clean(
        _story(
            "<figure><img src='a.jpg' alt=''><figcaption>Photo: Ann Lee</figcaption></figure>"
            "<figure><img src='b.jpg'><figcaption><small>Bo Chen</small></figcaption></figure>"
            "<figure><img src='d.jpg' alt='A crane lifts a block'><figcaption>Photo: Cy Diaz/AP"
            "</figcaption></figure><figure><img src='c.jpg'></figure>"
        )
    )
    assert _figures(article) == [
        ("", "Ann Lee"),
        ("", "Bo Chen"),
        ("A crane lifts a block", "Cy Diaz/AP"),
    ]
    assert ("image", "c.jpg") in [(d.kind, d.text) for d in article.dropped]
