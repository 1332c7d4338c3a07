"""The proof for sighted transcribers: read back with lxml (structure) and rendered by a real
headless Chromium where Debian's chromium is installed (skipped otherwise)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html

from accessnews.braille.proof import ProofText, prints_of, proof
from accessnews.braille.selfcheck import Difference
from accessnews.braille.translate import Translator
from accessnews.braille.writer import BrailleOptions, BrailleResult, BrailleWriter
from accessnews.model import Article

from .outputs import brf_pages


@pytest.fixture
def written(rich_article: Article, tmp_path: Path) -> BrailleResult:
    with BrailleWriter(BrailleOptions(table="en-ueb-g2.ctb", interpoint=True)) as writer:
        return writer.write(rich_article, tmp_path, "art")


def test_proof_pages_lines_and_blocks_match_the_brf(
    written: BrailleResult, rich_article: Article, tmp_path: Path
) -> None:
    document = html.parse(str(tmp_path / "art.proof.html")).getroot()
    assert document.get("lang") == rich_article.language
    assert not document.findall(".//script") and not document.xpath("//@src")
    assert document.findtext(".//h1").startswith("Braille proof: Harbour barrier")
    pages = brf_pages(tmp_path / "art.brf")
    sections = document.xpath("//section[@class='page']")
    assert len(sections) == len(pages) == written.pages
    for section, page in zip(sections, pages, strict=True):
        ascii_rows = [cell.text or "" for cell in section.xpath(".//td[@class='ascii']")]
        assert ascii_rows == page  # every embossed line, in order, blank ones included
        assert section.xpath(".//td[@class='dots']/@lang") == ["en-Brai"] * len(page)
    # Interpoint: page 1 numbered #A, page 2 (left-hand) not numbered.
    headings = [section.findtext("h2") for section in sections]
    assert headings[0] == "Braille page 1 (numbered #A)" and headings[1] == "Braille page 2"
    # Every block of the model is anchored by its own id beside its braille.
    for block in rich_article.blocks:
        (cell,) = document.xpath(f"//td[@id='{block.id}']")
        assert cell.getparent().get("data-block") == block.id
    figure = rich_article.blocks[1].id
    assert document.xpath(f"//tr[@data-block='{figure}']")[0].get("class") == "note"
    assert "Transcriber's note:" in document.xpath(f"string(//td[@id='{figure}'])")


def test_mismatches_are_highlighted(rich_article: Article, ueb: Translator) -> None:
    from accessnews.braille.formats import article_groups
    from accessnews.braille.layout import PageSetup, paginate
    from accessnews.braille.writer import style_for

    groups = article_groups(rich_article, style_for(ueb, "en"))
    pages = paginate(groups, PageSetup(), ueb.number)
    block = rich_article.blocks[0].id
    text = ProofText("T", "en", prints_of(groups), (Difference(block, "swung", "sung"),))
    document = html.fromstring(proof(pages, text))
    rows = document.xpath("//tr[contains(@class, 'mismatch')]")
    assert rows and {row.get("data-block") for row in rows} == {block}
    assert "print “swung” reads back as “sung”" in document.xpath(f"string(//td[@id='{block}'])")


def _chromium(*args: str) -> subprocess.CompletedProcess[bytes]:
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", *args]
    return subprocess.run(command, capture_output=True, timeout=60, check=True)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian's chromium is not installed")
def test_proof_renders_in_headless_chromium(written: BrailleResult, tmp_path: Path) -> None:
    page = (tmp_path / "art.proof.html").as_uri()
    dom = html.fromstring(_chromium("--dump-dom", page).stdout)
    assert len(dom.xpath("//section[@class='page']")) == written.pages
    assert dom.xpath("string(//td[@class='dots'])").startswith("\u2800")
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html lang='en'><title>x</title></html>")
    for source, shot in ((page, "proof.png"), (blank.as_uri(), "blank.png")):
        _chromium(f"--screenshot={tmp_path / shot}", "--window-size=1000,1000", source)
    # A PNG of a blank page is a few hundred bytes; the proof's braille and text are not.
    assert (tmp_path / "proof.png").stat().st_size > 20 * (tmp_path / "blank.png").stat().st_size
