"""DAISY 2.02 books checked against the specification's rules (daisy202.py) and read back."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from mutagen.mp3 import MP3, BitrateMode

from .conftest import STEM
from .daisy202 import XHTML, audio_seconds, check_book


def test_book_keeps_the_daisy_202_rules(rendered: Path) -> None:
    book = rendered / f"{STEM}.daisy"
    assert sorted(p.name for p in book.iterdir()) == [
        "a001.html",
        "a001.mp3",
        "a001.smil",
        "ncc.html",
    ]
    assert check_book(book) == []


def test_every_sentence_is_synchronised(rendered: Path) -> None:
    book = rendered / f"{STEM}.daisy"
    text_ids = set(re.findall(r'<span id="([^"]+-s\d+)"', (book / "a001.html").read_text()))
    smil = ET.parse(book / "a001.smil").getroot()
    targets = [t.get("src", "").partition("#")[2] for t in smil.iter("text")]
    assert len(text_ids) > 40
    assert set(targets) == text_ids  # every sentence found in the text has its own par
    assert len(targets) == len(set(targets))


def test_ncc_lists_the_headline_and_every_heading(rendered: Path) -> None:
    ncc = ET.parse(rendered / f"{STEM}.daisy" / "ncc.html").getroot()
    items = [(e.tag[len(XHTML) :], "".join(e.itertext())) for e in ncc.find(f"{XHTML}body") or []]
    assert items == [
        ("h1", "Harbour barrier holds as storm surge hits Marlow Bay"),
        ("h2", "How the gate works"),
        ("h2", "What the lifeboat crew saw"),
    ]


def test_text_is_the_model_with_captions_without_credits(rendered: Path) -> None:
    text = (rendered / f"{STEM}.daisy" / "a001.html").read_text()
    assert "Waves broke over the promenade wall" in text
    assert "REUTERS" not in text and "Getty" not in text
    assert '<div class="figure"' in text  # XHTML 1.0 has no <figure>


def test_audio_is_constant_bitrate_mp3_as_long_as_the_book(rendered: Path) -> None:
    audio = rendered / f"{STEM}.daisy" / "a001.mp3"
    info = MP3(audio).info
    assert info.bitrate_mode in (BitrateMode.CBR, BitrateMode.UNKNOWN) and info.bitrate == 64000
    seq = ET.parse(rendered / f"{STEM}.daisy" / "a001.smil").getroot().find("body/seq")
    assert seq is not None
    book_seconds = float(seq.get("dur", "0s")[:-1])
    # At most two MP3 frames (2 x 1152 samples: 0.104 s) of encoder padding after the book.
    assert 0 <= audio_seconds(audio) - book_seconds < 0.105


def test_books_and_article_mp3_carry_the_one_shared_encode(rendered: Path) -> None:
    """One LAME encode serves the MP3, the DAISY book and the EPUB (speech/shared.py)."""
    audio = (rendered / f"{STEM}.daisy" / "a001.mp3").read_bytes()
    with zipfile.ZipFile(rendered / f"{STEM}.epub") as epub:
        assert epub.read("EPUB/audio.mp3") == audio
    article_mp3 = (rendered / f"{STEM}.mp3").read_bytes()
    assert article_mp3.startswith(b"ID3") and article_mp3.endswith(audio)
    assert len(article_mp3) - len(audio) < 16_384  # no more than the tag before it


def test_checker_finds_what_breaks_a_book(rendered: Path, tmp_path: Path) -> None:
    """The checker is not vacuous: each kind of damage is reported."""
    book = shutil.copytree(rendered / f"{STEM}.daisy", tmp_path / "book")
    smil = (book / "a001.smil").read_text()
    first_end = re.search(r'clip-end="npt=([\d.]+)s"', smil)
    assert first_end is not None
    smil = smil.replace(first_end.group(0), 'clip-end="npt=0.000s"', 1)
    smil = re.sub(r'src="a001.html#[^"]+"', 'src="a001.html#nowhere"', smil, count=1)
    (book / "a001.smil").write_text(smil)
    ncc = (
        (book / "ncc.html")
        .read_text()
        .replace('"ncc:tocItems" content="3"', '"ncc:tocItems" content="4"')
    )
    (book / "ncc.html").write_text(ncc.replace("<h2", "<h3", 1).replace("</h2>", "</h3>", 1))
    (book / "stray.txt").write_text("x")
    found = "\n".join(check_book(book))
    for expected in (
        "begins at or after its end",
        "gap or overlap",
        "does not resolve",
        "ncc:tocItems 4 but 3 items",
        "skips from 1 to 3",
        "ncc:files 4 but the book has 5 files",
        "files nothing refers to: ['stray.txt']",
    ):
        assert expected in found


def test_edition_is_one_book_of_every_article(tmp_path: Path, samples_dir: Path) -> None:
    """`batch --edition`: articles at level 1, their sections at level 2, times added up."""
    archive = tmp_path / "in"
    archive.mkdir()
    for name in ("02-library-budget.md", "13-festival-cometas-es.html"):
        shutil.copy(samples_dir / name, archive)
    command = [
        sys.executable,
        "-m",
        "accessnews",
        "batch",
        str(archive),
        "-o",
        str(tmp_path / "out"),
    ]
    done = subprocess.run(
        [*command, "--formats", "daisy", "--edition", "--jobs", "1"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    book = tmp_path / "out" / "edition.daisy"
    assert check_book(book) == []
    ncc = ET.parse(book / "ncc.html").getroot()
    levels = [e.tag[len(XHTML) :] for e in ncc.find(f"{XHTML}body") or []]
    assert levels.count("h1") == 2 and set(levels) == {"h1", "h2"}
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert "edition.daisy/ncc.html" in report["edition"]["files"]


def test_an_uncaptioned_figure_is_the_word_image_and_has_its_clip(tmp_path: Path) -> None:
    """A figure whose caption was only a credit: the book's text shows "Image", as the
    narration says it, its clip points at the figure, and the credit is nowhere."""
    page = tmp_path / "wall.html"
    page.write_text(
        "<html lang='en'><body><article><h1>Sea wall</h1><p>The wall held overnight.</p>"
        "<figure><img src='w.jpg' alt=''><figcaption>Photo: Ann Lee/PA</figcaption></figure>"
        "<p>Repairs start on Monday.</p></article></body></html>"
    )
    command = [sys.executable, "-m", "accessnews", "render", str(page), "-o", str(tmp_path)]
    done = subprocess.run(
        [*command, "--formats", "daisy"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    book = tmp_path / "wall.daisy"
    assert check_book(book) == []
    text = (book / "a001.html").read_text()
    figure = re.search(r'<div class="figure" id="([^"]+)"><p class="caption">Image</p></div>', text)
    assert figure is not None and "Lee" not in text
    smil = ET.parse(book / "a001.smil").getroot()
    assert f"a001.html#{figure.group(1)}" in [t.get("src") for t in smil.iter("text")]
