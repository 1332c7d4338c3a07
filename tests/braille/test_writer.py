"""The writer end to end: real liblouis, files read back with lxml, the PEF schema and liblouis."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import louis
import pytest

from accessnews.braille.cells import to_unicode
from accessnews.braille.pef import meta_date
from accessnews.braille.writer import BrailleOptions, BrailleResult, BrailleWriter
from accessnews.errors import AccessnewsError, RenderError
from accessnews.model import Article, Paragraph, Span
from accessnews.pipeline import load_article

from .outputs import BRF_BYTES, brf_pages, pef_pages, relaxng_errors, schematron_violations


def render(article: Article, outdir: Path, **options: object) -> BrailleResult:
    with BrailleWriter(BrailleOptions(**options)) as writer:
        return writer.write(article, outdir, "art")


@pytest.fixture
def rich(rich_article: Article, tmp_path: Path) -> BrailleResult:
    return render(rich_article, tmp_path)


def test_four_files_written_atomically(rich: BrailleResult, tmp_path: Path) -> None:
    names = ["art.brf", "art.pef", "art.braille.txt", "art.proof.html"]
    assert [p.name for p in rich.files] == names
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in rich.files)
    assert rich.summary() == f"braille {rich.pages} pages, self-check {rich.accuracy:.1%} words"
    # liblouis reads the UEB italic and bold indicators back as escapes: counted apart.
    assert rich.accuracy == 1.0 and rich.check.unread == 4


def test_brf_bytes_lines_and_pages(rich: BrailleResult, tmp_path: Path) -> None:
    data = (tmp_path / "art.brf").read_bytes()
    assert set(data) <= BRF_BYTES
    pages = brf_pages(tmp_path / "art.brf")
    assert len(pages) == rich.pages
    for page in pages:
        assert len(page) <= 25
        assert all(len(line) <= 40 and line == line.rstrip() for line in page)


def test_pef_is_valid_and_matches_the_brf(
    rich: BrailleResult, tmp_path: Path, pef_schema_dir: Path
) -> None:
    pef = tmp_path / "art.pef"
    assert relaxng_errors(pef, pef_schema_dir) == ""
    assert schematron_violations(pef) == []
    brf = brf_pages(tmp_path / "art.brf")
    assert pef_pages(pef) == [[to_unicode(line) for line in page] for page in brf]
    text = pef.read_text(encoding="utf-8")
    for field in ("<dc:title>Harbour barrier", "<dc:creator>Hannah Cole", "<dc:language>en<"):
        assert field in text
    assert "<dc:date>2024-10-15</dc:date>" in text and "application/x-pef+xml" in text


@pytest.mark.parametrize(
    ("published", "day"),
    [("2024-10-15T22:30:00+01:00", "2024-10-15"), ("March 23, 2017", "2017-03-23"), (None, None)],
)
def test_pef_date(published: str | None, day: str | None) -> None:
    assert meta_date(published) == (day or date.today().isoformat())


def test_preview_shows_the_same_pages(rich: BrailleResult, tmp_path: Path) -> None:
    preview = (tmp_path / "art.braille.txt").read_text(encoding="utf-8")
    brf = brf_pages(tmp_path / "art.brf")
    expected = "".join(
        f"--- page {n} of {len(brf)} ---\n" + "".join(to_unicode(line) + "\n" for line in page)
        for n, page in enumerate(brf, start=1)
    )
    assert preview == expected


def _back(tmp_path: Path) -> str:
    brf = (tmp_path / "art.brf").read_text(encoding="ascii")
    return louis.backTranslateString(["en-us-brf.dis", "en-ueb-g2.ctb"], brf)


def test_block_formats(rich: BrailleResult, tmp_path: Path) -> None:
    lines = [line for page in brf_pages(tmp_path / "art.brf") for line in page]
    # Figure: a transcriber's note in 7-5, opening with "Image:" and the label.
    assert any(line.startswith("      @.<,IMAGE3 ,/ORM3") for line in lines)
    # Lists in 1-3 with their numbers or the UEB bullet (dots 456, 256).
    assert "#A4 ,AIR IS PUMP$ IN4" in lines and "_4 QUIET /REETS" in lines
    # Embedded post boxed: opened by a full line of dots 2356, closed by one of dots 1245.
    assert lines.count("7" * 40) == 1 and lines.count("G" * 40) == 1
    lead = lines.index("7" * 40) + 1
    assert lines.index("G" * 40) > lead
    assert lines[lead : lead + 2] == [
        ",BLUESKY PO/ BY ,M>L[ ,BAY ,LIFEBOAT",
        '  "<@AM>L[LIFEBOAT">1 #BJBD-#AJ-#AF3',
    ]
    # Quotation as displayed material with its attribution in cell 5.
    assert "    ,- ,RU? ,AN&" in lines
    # Heading in cell 5 after a blank line.
    heading = lines.index('    ,H[ ! GATE "WS')
    assert lines[heading - 1] == ""


def test_credit_is_never_brailled(rich: BrailleResult, tmp_path: Path) -> None:
    back = " ".join(_back(tmp_path).lower().split())
    assert "waves broke over the promenade wall" in back
    assert "reuters" not in back and "ashby" not in back


def test_reference_article_self_check(seed_path: Path, tmp_path: Path) -> None:
    result = render(load_article(str(seed_path)), tmp_path)
    assert result.accuracy >= 0.97
    assert result.pages == len(brf_pages(tmp_path / "art.brf"))


def test_english_samples_self_check(samples_dir: Path, tmp_path: Path) -> None:
    articles = [load_article(str(path)) for path in sorted(samples_dir.glob("*.*"))]
    english = [article for article in articles if article.language.startswith("en")]
    assert english
    with BrailleWriter(BrailleOptions()) as writer:
        for article in english:
            result = writer.write(article, tmp_path, "sample")
            assert result.accuracy >= 0.97, (article.source, result.details())


def test_small_pages_interpoint_top_numbers_running_head(
    rich_article: Article, tmp_path: Path, pef_schema_dir: Path
) -> None:
    result = render(
        rich_article,
        tmp_path,
        cells=28,
        lines=12,
        interpoint=True,
        page_numbers="top",
        running_head=True,
    )
    pages = brf_pages(tmp_path / "art.brf")
    assert result.pages == len(pages) > 2
    assert all(len(line) <= 28 for page in pages for line in page)
    assert pages[0][-1] != "" and pages[0][0].endswith("#A")
    assert pages[1][0].strip().startswith(",H>B\\R") and "#" not in pages[1][0]
    assert pages[2][0].endswith("#C")
    assert 'duplex="true"' in (tmp_path / "art.pef").read_text(encoding="utf-8")
    assert relaxng_errors(tmp_path / "art.pef", pef_schema_dir) == ""
    assert schematron_violations(tmp_path / "art.pef") == []


def test_untranslatable_character_is_described_and_reported(tmp_path: Path) -> None:
    article = Article("Vigil", blocks=(Paragraph((Span("Candles \U0001f56f lit."),)),))
    result = render(article, tmp_path)
    assert [(item.char, item.where) for item in result.untranslatable] == [
        ("\U0001f56f", article.blocks[0].id)
    ]
    assert result.summary().endswith(", 1 character without braille described in notes")
    assert "U+1F56F" in result.details()
    brf = (tmp_path / "art.brf").read_text(encoding="ascii")
    # Its Unicode name in transcriber's note indicators, never a liblouis dots escape.
    assert "C&LES @.<C&LE@.> LIT4" in brf and "\\" not in brf


def test_a_drawn_rule_is_one_note_and_its_words_do_not_fail_the_self_check(
    tmp_path: Path,
) -> None:
    """Text art from a real page: runs of box-drawing characters were one note per character
    (15 braille pages of "box drawings light horizontal") and their words counted as errors."""
    art = "\u250c" + "\u2500" * 40 + "\u2510"
    article = Article(
        "Plan",
        blocks=(
            Paragraph((Span(f"The site plan: {art} shows three phases of work."),)),
            Paragraph((Span("Work on the second phase starts next spring, the council said."),)),
        ),
    )
    result = render(article, tmp_path)
    brf = (tmp_path / "art.brf").read_text(encoding="ascii")
    assert brf.count("@.<") == 3  # corner, one run of 40, corner
    assert result.accuracy is not None and result.accuracy >= 0.95


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cells": 12}, "cells 12 is too small: at least 20"),
        ({"lines": 4}, "lines 4 is too small: at least 7"),
        ({"page_numbers": "left"}, "page numbers 'left': choose bottom, top, none"),
        ({"table": "nope.ctb"}, "unknown braille table 'nope.ctb'; choose one of: en-ueb-g2.ctb"),
    ],
)
def test_bad_options_are_one_line_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(AccessnewsError) as error:
        BrailleOptions(**options)
    assert str(error.value).startswith(message) and "\n" not in str(error.value)


def test_tables_load_once_per_writer(rich_article: Article, tmp_path: Path) -> None:
    french = Article("Marché", language="fr", blocks=(Paragraph((Span("Le marché ouvre."),)),))
    with BrailleWriter(BrailleOptions()) as writer:
        writer.write(rich_article, tmp_path, "a")
        first = writer._translator("en-ueb-g2.ctb")
        writer.write(rich_article, tmp_path, "b")
        writer.write(french, tmp_path, "c")
        assert writer._translator("en-ueb-g2.ctb") is first
        assert sorted(writer._translators) == ["en-ueb-g2.ctb", "fr-bfu-g2.ctb"]


def test_cli_summary(seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from accessnews.cli import main

    assert main(["render", str(seed_path), "--no-audio", "-o", str(tmp_path), "-v"]) == 0
    out = capsys.readouterr().out
    assert "braille 5 pages, self-check" in out and "braille table en-ueb-g2.ctb" in out
    assert (tmp_path / "000_3af8e3a32a6fdc5a.pef").is_file()


def test_a_block_with_no_braille_fails_loudly(tmp_path: Path) -> None:
    article = Article("Vigil", blocks=(Paragraph(()),))
    with pytest.raises(RenderError, match="braille layout lost blocks b000-"):
        render(article, tmp_path)


def test_article_without_headline_or_bylines(tmp_path: Path) -> None:
    article = Article("", blocks=(Paragraph((Span("Only a paragraph."),)),))
    result = render(article, tmp_path)
    assert brf_pages(tmp_path / "art.brf")[0][0] == "  ,ONLY A P>AGRAPH4"
    assert result.accuracy == 1.0


@pytest.mark.parametrize("table", ["es-g2.ctb", "de-g2.ctb"])
def test_forward_only_tables_are_not_checked(tmp_path: Path, table: str) -> None:
    """liblouis marks these tables `direction: forward`: a back-translation score would be
    meaningless, so the result says "not checked" instead of a number."""
    article = Article("Titular", language="es", blocks=(Paragraph((Span("La casa grande."),)),))
    result = render(article, tmp_path, table=table)
    assert result.accuracy is None and result.check is None and result.warnings == ()
    assert f"not checked ({table} is forward-only in liblouis)" in result.summary()
    assert "not checked" in result.details()


def test_a_low_self_check_is_a_warning(tmp_path: Path) -> None:
    article = Article("Titular", language="es", blocks=(Paragraph((Span("La casa grande."),)),))
    good = render(article, tmp_path, table="es-g1.ctb")
    assert good.accuracy == 1.0 and good.warnings == ()
    (warning,) = replace(good, accuracy=0.9).warnings
    assert warning.startswith("braille self-check 90.0% of words is below 95% with es-g1.ctb")
