"""The second opinion (trafilatura's text) on where a page's article is, with real trafilatura."""

from __future__ import annotations

import lxml.html

from accessnews.model import Figure, Paragraph
from accessnews.read import read_bytes
from accessnews.read.html.chrome import strip_chrome
from accessnews.read.html.signal import locate

# Pages written for these tests: a story of several paragraphs, long enough for a signal.
STORY = [
    "The harbour board voted on Monday to rebuild the old ferry pier before the winter storms.",
    "Engineers said the timber piles had rotted faster than expected after two wet summers.",
    "Fishing crews will moor at the north quay while the work goes on, the board said.",
    "The mayor said the town would pay a third of the cost and the port the rest of it.",
    "Work starts in March and the pier should reopen to foot passengers in the autumn.",
]
MENU = "".join(f"<li><a href='/s/{i}'>Section number {i} of the site</a></li>" for i in range(30))


def _page(article: str) -> bytes:
    return (
        "<html lang='en'><body><header><h1>Pier to be rebuilt</h1></header>"
        f"<nav><ul>{MENU}</ul></nav>{article}"
        "<footer><p>Copyright of the Harbour Gazette, all rights reserved.</p></footer>"
        "</body></html>"
    ).encode()


def _paragraphs(text: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in text)


def test_article_sections_classed_as_widgets_are_kept() -> None:
    """Page builders put each section of the story in its own `widget`."""
    sections = "".join(f"<div class='widget widget-block'><p>{line}</p></div>" for line in STORY)
    html = _page(f"<div class='content'>{sections}</div>")
    article = read_bytes(html, name="p.html")
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == STORY


def test_a_figure_beside_the_signals_paragraphs_stays_in_the_article() -> None:
    figure = (
        "<figure><img src='pier.jpg' alt=''><figcaption>The old pier at low tide"
        " <small>Photo: Ann Lee</small></figcaption></figure>"
    )
    html = _page(
        f"<div class='story'><div class='text'>{_paragraphs(STORY[:3])}</div>{figure}"
        f"<div class='text'>{_paragraphs(STORY[3:])}</div></div>"
    )
    article = read_bytes(html, name="p.html")
    (picture,) = [b for b in article.blocks if isinstance(b, Figure)]
    assert (picture.text, picture.credit) == ("The old pier at low tide", "Photo: Ann Lee")
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == STORY


def test_a_repeated_passage_counts_once_and_short_runs_not_at_all() -> None:
    body = lxml.html.fromstring(
        f"<body><div id='a'>{_paragraphs(STORY)}</div><div id='b'>{_paragraphs(STORY)}</div>"
        "<p>Share</p></body>"
    )
    signal = locate(body, " ".join(STORY) + " Share")
    assert signal is not None
    first, second = body.get_element_by_id("a"), body.get_element_by_id("b")
    assert signal.share(first) == 1.0
    assert signal.share(second) == 0.0


def test_no_signal_below_fifty_words() -> None:
    body = lxml.html.fromstring(f"<body>{_paragraphs(STORY[:1])}</body>")
    assert locate(body, STORY[0]) is None


def test_a_hidden_pop_up_with_a_copy_of_the_story_is_chrome_even_if_it_is_large() -> None:
    """A closed "republish this story" box holds the headline and the story's HTML source as
    text: larger than the story and holding the h1, but none of the signal's text."""
    source = "&lt;p&gt;" + " ".join(STORY * 4) + "&lt;/p&gt;"
    box = (
        "<div id='box' style='display:none'><h1>Pier to be rebuilt</h1>"
        f"<p>Republish this story under our licence.</p><textarea>{source}</textarea></div>"
    )
    body = lxml.html.fromstring(f"<body><article>{_paragraphs(STORY)}{box}</article></body>")
    dropped = strip_chrome(body, locate(body, " ".join(STORY)))
    assert not body.xpath("//*[@id='box']")
    assert [d.reason for d in dropped] == ["hidden"]
    assert [p.text for p in body.iter("p")] == STORY


def test_a_table_of_contents_is_page_chrome_even_when_the_signal_holds_its_text() -> None:
    """Its links repeat the subheadings, so trafilatura's text holds it; a list of links that
    all lead into the page, with its title, is chrome. Footnote back-links are not."""
    headings = ["The vote", "The cost"]
    contents = "".join(f"<li><a href='#s{i}'>{h}</a></li>" for i, h in enumerate(headings))
    sections = "".join(
        f"<h2 id='s{i}'>{h}</h2>{_paragraphs(STORY)}" for i, h in enumerate(headings)
    )
    notes = "<ol><li>A note on the figures used by the board. <a href='#r1'>↩</a></li></ol>"
    html = _page(
        f"<div class='story'><div><p>Jump to:</p><ul>{contents}<li><a href='#n'>Notes</a></li>"
        f"</ul></div>{sections}{notes}</div>"
    )
    article = read_bytes(html, name="p.html")
    texts = [b.text for b in article.blocks]
    assert texts[:2] == ["The vote", STORY[0]]
    assert texts[-1] == "A note on the figures used by the board. ↩"
    assert any(d.reason == "table of contents" for d in article.dropped)
