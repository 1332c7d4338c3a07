"""The HTML samples read into the model: content found, chrome dropped with reasons, metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accessnews.model import Article, Embed, Figure, Heading, ListBlock, Paragraph, Quote
from accessnews.model_json import dumps, loads
from accessnews.read import read_source
from tests.conftest import SAMPLES


def _read(samples_dir: Path, name: str) -> Article:
    return read_source(str(samples_dir / name))


def _of(article: Article, kind: type) -> list:
    return [block for block in article.blocks if isinstance(block, kind)]


def _reasons(article: Article) -> set[str]:
    return {entry.reason for entry in article.dropped}


def _all_text(article: Article) -> str:
    return "\n".join(block.text for block in article.blocks)


@pytest.fixture(scope="module")
def figures() -> Article:
    return _read(SAMPLES, "10-harbour-barrier-figures.html")


def test_figure_credit_markup_is_separated_from_the_caption(figures: Article) -> None:
    credited = {fig.credit: fig.text for fig in _of(figures, Figure) if fig.credit}
    assert credited == {
        "Photo: Jane Roe/Marlow Herald": (
            "The barrier's two steel leaves met at 9.12pm as the tide peaked."
        ),
        "REUTERS/Tom Ashby": "Waves broke over the promenade wall shortly before high tide.",
        "© Marlow Bay Council": (
            "Engineers monitored the closure from the control room on the north pier"
        ),
        "Getty Images": "Some businesses on the quay still stacked sandbags as a precaution.",
        "PA Media": "The gate reopened at dawn, and the first fishing boats went out at 7am.",
    }


def test_textual_credits_stay_in_the_caption_for_the_cleaner(figures: Article) -> None:
    captions = [fig.text for fig in _of(figures, Figure) if fig.credit is None]
    assert any(c.endswith("Photograph: Sam Okafor/EPA") for c in captions)
    assert any(c.endswith("(AP Photo/Nick Wass)") for c in captions)


def test_alt_text_stands_in_for_a_missing_caption_and_bare_images_are_audited(
    figures: Article,
) -> None:
    assert "The salt marsh behind the barrier at low tide" in [f.text for f in _of(figures, Figure)]
    images = [d for d in figures.dropped if d.kind == "image"]
    assert [(d.text, d.reason) for d in images] == [
        ("/img/harbour-map.png", "no caption or alt text")
    ]


def test_embedded_posts_keep_their_whole_text_with_the_attribution_on_its_own_line(
    figures: Article,
) -> None:
    embeds = {embed.platform: embed for embed in _of(figures, Embed)}
    assert list(embeds) == ["twitter", "instagram", "bluesky", "mastodon"]
    tweet = embeds["twitter"].text.split("\n")
    assert tweet == [
        "The new barrier did its job tonight. Not a single street flooded in the old town. "
        "Remarkable engineering. pic.twitter.com/Xb71Qa9kLm",
        "— Priya Natarajan (@PriyaNatWx) October 14, 2026",
    ]
    assert embeds["twitter"].url == "https://twitter.com/PriyaNatWx/status/1846001234567890123"
    assert embeds["instagram"].text.split("\n")[-1] == (
        "A post shared by The Harbour Café (@harbourcafemarlow)"
    )
    assert embeds["bluesky"].text.endswith(
        "\n— Marlow Bay Lifeboat (@marlowlifeboat.bsky.social) October 15, 2026 at 12:24 AM"
    )
    assert embeds["mastodon"].text.endswith(
        "\n— Dr Daniela Ferreira (@d_ferreira@sciences.social) October 15, 2026"
    )
    assert all(e.author is None and e.handle is None and e.date is None for e in embeds.values())
    assert [q.text for q in _of(figures, Quote)] == [
        "We built it for the storms our grandchildren will see, not the ones we have now."
    ]


def test_structure_and_emphasis_survive(figures: Article) -> None:
    assert [h.text for h in _of(figures, Heading)] == [
        "How the gate works",
        "What the lifeboat crew saw",
    ]
    (steps,) = _of(figures, ListBlock)
    assert steps.ordered and len(steps.items) == 3
    spans = [s for p in _of(figures, Paragraph) for s in p.spans]
    assert any(s.bold and s.text == "Marlow Bay tidal barrier" for s in spans)
    assert any(s.italic and s.text == "float up" for s in spans)
    # No base URL is declared and the page is a local file: the link stays as written.
    assert any(s.link == "/barrier" and s.text == "council website" for s in spans)


def test_metadata_from_meta_tags_and_visible_header(figures: Article) -> None:
    assert figures.headline == "Harbour barrier holds as storm surge hits Marlow Bay"
    assert figures.standfirst.startswith("The £48m flood gate closed")
    assert figures.bylines == ("Hannah Whitcombe",)
    assert figures.published == "2026-10-14T22:40:00+01:00"
    assert figures.publication == "The Marlow Herald"
    assert figures.language == "en-GB"
    assert "Harbour barrier holds" not in _all_text(figures)


def test_page_chrome_is_dropped_with_a_reason_for_each_box(samples_dir: Path) -> None:
    article = _read(samples_dir, "11-council-budget-chrome.html")
    text = _all_text(article)
    for chrome in (
        "cookies",
        "Share on Facebook",
        "Advertisement",
        "Library campaign hands in",
        "Sign up to our free daily newsletter",
        "bookworm_77",
        "Most read",
        "Privacy policy",
        "Subscribe",
        "Schools brace",
    ):
        assert chrome not in text
    assert {
        "cookie banner",
        "navigation",
        "page header",
        "share bar",
        "advertisement",
        "related stories",
        "newsletter box",
        "comments",
        "sidebar",
        "footer",
        "subscribe prompt",
        "topic tags",
    } <= _reasons(article)
    assert all(len(entry.text) <= 100 for entry in article.dropped)
    assert [type(b).__name__ for b in article.blocks] == [
        "Paragraph", "Paragraph", "Paragraph", "Heading", "ListBlock",
        "Paragraph", "Quote", "Paragraph", "Paragraph",
    ]  # fmt: skip
    assert article.blocks[-1].spans[1].link == "https://www.northfield.example/budget-2026"


def test_json_ld_graph_gives_metadata(samples_dir: Path) -> None:
    article = _read(samples_dir, "11-council-budget-chrome.html")
    assert article.headline == "Northfield council approves budget with library cuts reversed"
    assert article.bylines == ("Tom Adeyemi", "Grace Liddell")
    assert article.published == "2026-02-26T21:05:00+00:00"
    assert article.publication == "Northfield Evening Post"
    assert article.language == "en-GB"
    assert article.standfirst.startswith("Councillors voted 31 to 19")


def test_windows_1252_page_comes_out_right(samples_dir: Path) -> None:
    article = _read(samples_dir, "12-village-bakery-cp1252.html")
    assert article.headline == "Village bakery’s “naïve” loaf wins national prize"
    text = _all_text(article)
    for expected in ("£4.20", "€3,000", "café", "‘A proper crust’", "— that’s the whole point.”"):
        assert expected in text
    assert "\ufffd" not in text
    assert article.bylines == ("Martha Quill",)
    assert article.published == "2026-06-09"
    assert article.publication == "Ashcombe Gazette"


def test_spanish_page(samples_dir: Path) -> None:
    article = _read(samples_dir, "13-festival-cometas-es.html")
    assert article.language == "es"
    assert article.bylines == ("Lucía Fernández Ortega",)
    assert article.published == "2026-09-20"
    (figure,) = _of(article, Figure)
    assert figure.credit == "Foto: EFE/Juan Pérez"
    assert "¡Y ya prepara la edición del año que viene!" in _all_text(article)
    assert "Compartir" not in _all_text(article)


def test_layout_without_semantic_markup_is_found_by_paragraph_density(samples_dir: Path) -> None:
    article = _read(samples_dir, "14-ferry-timetable-divs.html")
    assert len(_of(article, Paragraph)) == 6
    (figure,) = _of(article, Figure)
    assert figure.text.startswith("The MV Loch Carra at the Inchbeg slipway")
    assert article.bylines == ("Calum MacInnes", "Ishbel Ross")
    assert article.headline.startswith("Island ferry timetable cut")
    outside = [d.text for d in article.dropped if d.reason == "outside the article"]
    assert any("Harbour wall repairs delayed" in text for text in outside)


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("1?-*.html")))
def test_every_sample_keeps_prose_no_markup_and_round_trips(samples_dir: Path, name: str) -> None:
    article = _read(samples_dir, name)
    text = _all_text(article)
    assert len(_of(article, Paragraph)) >= 4
    assert not re.search(r"</?[a-z]+[ >]|&[a-z]+;", text)
    assert loads(dumps(article)) == article


def test_french_page_with_bem_classes(samples_dir: Path) -> None:
    article = _read(samples_dir, "15-velos-cargo-fr.html")
    assert (article.language, article.bylines) == ("fr-FR", ("Camille Roux",))
    assert article.standfirst.startswith("Depuis janvier, le centre historique est fermé")
    assert article.publication == "Le Courrier de l’Estuaire"
    credits = [f.credit for f in _of(article, Figure)]
    assert credits == ["Photo : Claire Martin / Le Courrier de l’Estuaire", None]
    assert _of(article, Figure)[1].text.endswith("Photo : AFP")
    assert isinstance(article.blocks[0], Paragraph)  # the meta row's "·" is not a paragraph
    assert "Depuis le 1er janvier" in _all_text(article)
    assert {"related stories", "subscribe prompt", "cookie banner"} <= _reasons(article)
