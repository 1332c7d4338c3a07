"""Acceptance on the published reference article (../shared/seeds; skipped where absent)."""

from __future__ import annotations

import re
from pathlib import Path

from accessnews.model import Embed, Figure, Paragraph
from accessnews.outline import outline
from accessnews.pipeline import load_article
from accessnews.read import read_source

_DASHES = re.compile(r"^[-\u2013\u2014]+$")
_CAPTION = re.compile(r"^(?:Vigil|Tribute): .*\)$")


def _words(text: str) -> list[str]:
    """Word sequence, with every dash spelled one way (typography may respell dashes)."""
    return ["—" if _DASHES.match(word) else word for word in text.split()]


def test_reference_article(seed_path: Path) -> None:
    article = load_article(str(seed_path))
    assert article.headline.startswith("London attack: Crowds gather for Trafalgar Square vigil")
    assert article.bylines == ("Chloe Chaplain",)

    figures = [b for b in article.blocks if isinstance(b, Figure)]
    assert [(f.label, f.credit) for f in figures] == [
        ("Vigil", "REUTERS"),
        ("Tribute", "PA"),
        ("Vigil", "Amy Ashenden"),
        ("Tribute", "Getty Images"),
    ]
    for figure in figures:
        assert "(" not in figure.text and figure.credit not in figure.text

    (embed,) = [b for b in article.blocks if isinstance(b, Embed)]
    assert (embed.platform, embed.author, embed.handle, embed.date, embed.text) == (
        "twitter",
        "Erin McLaughlin",
        "ErinCNN",
        "2017-03-23",
        "Londoners light candles at a vigil in Trafalgar Square",
    )

    assert [(d.kind, d.text) for d in article.dropped] == [
        ("image credit", "REUTERS"),
        ("image credit", "PA"),
        ("image credit", "Amy Ashenden"),
        ("image credit", "Getty Images"),
    ]
    assert (
        "dropped image credit 'REUTERS' after the caption 'People lit candles…' "
        "(agency credit in parentheses)" in outline(article)
    )


def test_reference_paragraphs_kept_word_for_word(seed_path: Path) -> None:
    source = [b.text for b in read_source(str(seed_path)).blocks]
    attribution = next(i for i, text in enumerate(source) if text.startswith("\u2014 Erin"))
    captions = [i for i, text in enumerate(source) if _CAPTION.match(text)]
    assert len(captions) == 4
    skipped = {*captions, attribution - 1, attribution}
    kept = [_words(text) for i, text in enumerate(source) if i not in skipped]
    clean = load_article(str(seed_path))
    assert [_words(b.text) for b in clean.blocks if isinstance(b, Paragraph)] == kept
