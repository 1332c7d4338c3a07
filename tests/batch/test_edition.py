"""--edition: one MP3 with nested chapters and one braille volume with a contents page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, html
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from accessnews.batch import BatchSettings, run_batch
from accessnews.braille.translate import Translator
from accessnews.braille.writer import BrailleOptions
from accessnews.errors import AccessnewsError
from accessnews.render import RenderOptions
from accessnews.speech.writer import AudioOptions
from tests.braille.outputs import brf_pages, schematron_violations

from .conftest import write_zip

BRAILLE_ONLY = RenderOptions(audio=None, braille=BrailleOptions())


def _body(page: list[str]) -> list[str]:
    """A page without its page-number row and the blank fill above it."""
    return [row for row in page[:-1] if row.strip()]


def test_audio_and_braille_edition(tmp_path: Path, articles: dict, pef_schema_dir: Path) -> None:
    chosen = {name: articles[name] for name in ("a.txt", "news/b.md")}
    out = tmp_path / "out"
    options = RenderOptions(audio=AudioOptions(), braille=BrailleOptions())
    settings = BatchSettings(jobs=2, edition=True)
    report = run_batch(write_zip(tmp_path / "day.zip", chosen), out, options, settings)
    assert not report.failed, report.summary()
    edition = json.loads((out / "report.json").read_text())["edition"]
    assert edition["articles"] == 2

    tag = ID3(out / "edition.mp3")
    tocs = {toc.element_id: toc for toc in tag.getall("CTOC")}
    chapters = {chap.element_id: chap for chap in tag.getall("CHAP")}
    top = tocs["toc"]
    assert top.flags & 1 and top.flags & 2  # top-level, ordered
    assert top.child_element_ids == ["a1", "a2"]
    length_ms = MP3(out / "edition.mp3").info.length * 1000
    previous_end = 0
    for number, stem in enumerate(("a", "news/b"), start=1):
        article = tocs[f"a{number}"]
        headline = json.loads((out / f"{stem}.model.json").read_text())["title"]
        assert article.sub_frames["TIT2"].text == [headline]
        own = json.loads((out / f"{stem}.chapters.json").read_text())["chapters"]
        sections = [chapters[c] for c in article.child_element_ids]
        assert [c.sub_frames["TIT2"].text[0] for c in sections] == [c["title"] for c in own]
        assert sections[0].start_time >= previous_end
        previous_end = sections[-1].end_time
    assert abs(previous_end - length_ms) < 200
    sidecar = json.loads((out / "edition.chapters.json").read_text())["chapters"]
    assert [c["title"] for c in sidecar] == [
        tocs["a1"].sub_frames["TIT2"].text[0],
        tocs["a2"].sub_frames["TIT2"].text[0],
    ]
    vtt = (out / "edition.chapters.vtt").read_text()
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == 2
    probed = subprocess.run(
        ["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(out / "edition.mp3")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(probed.stdout)["chapters"]) == len(chapters)

    schema = etree.RelaxNG(etree.parse(str(pef_schema_dir / "pef-2008-1.rng")))
    assert schema.validate(etree.parse(str(out / "edition.pef")))
    assert schematron_violations(out / "edition.pef") == []
    pages = brf_pages(out / "edition.brf")
    assert len(pages) == edition["pages"]
    english = Translator("en-ueb-g2.ctb")
    contents = english.back_translate(" ".join(row.strip() for row in pages[0]))
    assert contents.split()[0] == "Contents"
    for stem, start in zip(("a", "news/b"), edition["starts"], strict=True):
        own = brf_pages(out / f"{stem}.brf")
        assert _body(pages[start - 1]) == _body(own[0])  # each article starts on a new page
        headline = json.loads((out / f"{stem}.model.json").read_text())["title"]
        first_word = english.translate_text(headline).split()[0]
        entry = next(n for n, row in enumerate(pages[0]) if row.startswith(first_word))
        rows = pages[0][entry : entry + 3]  # the entry, guide dots and its start page
        assert any(row.endswith(f'" {english.number(start)}') for row in rows)
        assert pages[0][entry:][0:3] and any(
            row.endswith(f'" {english.number(start)}') for row in pages[0][entry : entry + 3]
        )


def test_interpoint_edition_starts_articles_on_right_hand_pages(
    tmp_path: Path, articles: dict
) -> None:
    options = RenderOptions(braille=BrailleOptions(interpoint=True, lines=12))
    archive, settings = write_zip(tmp_path / "a.zip", articles), BatchSettings(jobs=2, edition=True)
    report = run_batch(archive, tmp_path / "out", options, settings)
    assert report.edition is not None and "error" not in report.edition
    assert all(start % 2 == 1 for start in report.edition["starts"])
    pages = brf_pages(tmp_path / "out" / "edition.brf")
    assert len(pages) == report.edition["pages"]
    assert schematron_violations(tmp_path / "out" / "edition.pef") == []
    blank = [n for n, page in enumerate(pages, start=1) if not "".join(page).strip()]
    assert blank and all(n % 2 == 0 and n + 1 in report.edition["starts"] for n in blank)
    # The edition's proof shows the same pages, contents entries beside their headlines.
    proof = html.parse(str(tmp_path / "out" / "edition.proof.html")).getroot()
    assert len(proof.xpath("//section[@class='page']")) == len(pages)
    assert proof.xpath("string(//td[@id='contents-0'])").strip()

    edition = tmp_path / "out" / "edition.brf"
    made = edition.stat().st_mtime_ns
    again = run_batch(archive, tmp_path / "out", options, settings)
    assert again.edition == report.edition | {"reason": "unchanged since the last run"}
    assert edition.stat().st_mtime_ns == made and "unchanged since" in again.summary()
    changed = {**articles, "a.txt": articles["a.txt"] + b"\n\nA late correction.\n"}
    third = run_batch(write_zip(archive, changed), tmp_path / "out", options, settings)
    assert third.edition is not None and "reason" not in third.edition
    assert edition.stat().st_mtime_ns != made


def test_an_edition_without_writers_is_refused_before_any_work(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", {"a.txt": b"Headline\n\nText."})
    with pytest.raises(AccessnewsError, match="--edition needs audio or braille"):
        run_batch(archive, tmp_path / "out", RenderOptions(), BatchSettings(edition=True))
    assert not (tmp_path / "out").exists()


def test_an_edition_of_nothing_fails_cleanly(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "a.zip", {"logo.png": b"\x89PNG"})
    report = run_batch(archive, tmp_path / "out", BRAILLE_ONLY, BatchSettings(jobs=1, edition=True))
    assert report.failed and report.edition == {
        "error": "edition: no article of the archive was rendered"
    }
    assert "edition FAILED" in report.summary()


def test_volume_pages_is_a_setting_of_the_command_line(tmp_path: Path, articles: dict) -> None:
    """`--volume-pages` reaches the edition: a small limit splits it, the default does not."""
    archive = write_zip(tmp_path / "a.zip", articles)
    common = ["batch", str(archive), "--edition", "--no-audio", "--lines", "12"]
    for limit, several in (("8", True), (None, False)):
        out = tmp_path / f"out-{limit}"
        extra = ["--volume-pages", limit] if limit else []
        done = subprocess.run(
            [sys.executable, "-m", "accessnews", *common, "-o", str(out), *extra],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert (out / "edition-2.brf").exists() is several
        assert (out / "edition.brf").exists() is not several
    bad = ["-o", str(tmp_path / "x"), "--volume-pages", "0"]
    done = subprocess.run(
        [sys.executable, "-m", "accessnews", *common, *bad],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr


def test_a_long_edition_is_split_into_volumes_at_article_boundaries(
    tmp_path: Path, articles: dict
) -> None:
    options = RenderOptions(braille=BrailleOptions(lines=12, volume_pages=8))
    archive, settings = write_zip(tmp_path / "a.zip", articles), BatchSettings(jobs=2, edition=True)
    report = run_batch(archive, tmp_path / "out", options, settings)
    assert report.edition is not None and "error" not in report.edition
    out, count = tmp_path / "out", report.edition["volumes"]
    assert count > 1 and not (out / "edition.brf").exists()
    volumes = [brf_pages(out / f"edition-{n}.brf") for n in range(1, count + 1)]
    assert sum(len(pages) for pages in volumes) == report.edition["pages"]
    # The PEF holds one volume element per BRF file, with the same pages.
    pef = etree.parse(str(out / "edition.pef"))
    ns = {"p": "http://www.daisy.org/ns/2008/pef", "dc": "http://purl.org/dc/elements/1.1/"}
    pef_volumes = pef.xpath("//p:volume", namespaces=ns)
    assert [len(v.xpath(".//p:page", namespaces=ns)) for v in pef_volumes] == [
        len(pages) for pages in volumes
    ]
    assert schematron_violations(out / "edition.pef") == []
    title = pef.xpath("string(//dc:title)", namespaces=ns)
    english = Translator("en-ueb-g2.ctb")
    head = english.translate_text(title).split()[0]
    starts = list(report.edition["starts"])
    for number, pages in enumerate(volumes, start=1):
        # Own title page ("Volume 2 of 3") and own contents, numbered from 1.
        title_page = english.back_translate(" ".join(row.strip() for row in pages[0]))
        assert f"Volume {number} of {count}" in title_page
        assert english.back_translate(pages[1][0].strip()) == "Contents"
        contents = [row for page in pages[1 : starts[0] - 1] for row in page]
        listed = sum('" #' in row for row in contents)  # an entry ends: guide dots, page number
        own, starts = starts[:listed], starts[listed:]
        assert listed and own == sorted(own) and own[-1] <= len(pages)
    assert starts == []  # every article is listed and starts in exactly one volume
    # Editions carry the running head (the edition's title) on an article's later pages.
    heads = [page[0].strip() for pages in volumes for page in pages[3:]]
    assert any(row.startswith(head) for row in heads)


@pytest.mark.parametrize("formats", [("mp3", "m4b"), ("m4b", "pef")])
def test_m4b_edition(tmp_path: Path, articles: dict, formats: tuple[str, ...]) -> None:
    """edition.m4b holds every section of every article as flat chapters, read back by mutagen;
    with the MP3 too they share the section times, and without it the articles' own M4B
    chapters are used. The braille edition writes only the braille formats asked for."""
    from mutagen.mp4 import MP4

    chosen = {name: articles[name] for name in ("a.txt", "news/b.md")}
    out = tmp_path / "out"
    options = RenderOptions(audio=AudioOptions(), braille=BrailleOptions(), formats=formats)
    report = run_batch(
        write_zip(tmp_path / "day.zip", chosen), out, options, BatchSettings(jobs=1, edition=True)
    )
    assert not report.failed, report.summary()
    edition = json.loads((out / "report.json").read_text())["edition"]
    if "mp3" in formats:
        assert edition["files"][:4] == [
            "edition.mp3", "edition.chapters.json", "edition.chapters.vtt", "edition.m4b",
        ]  # fmt: skip
    else:  # only what was asked for: no MP3, no BRF, no proof
        assert edition["files"] == ["edition.m4b", "edition.pef"]
    m4b = MP4(out / "edition.m4b")
    titles = [c.title for c in m4b.chapters]
    own = [c.title for stem in ("a", "news/b") for c in MP4(out / f"{stem}.m4b").chapters]
    assert titles == own and m4b.tags is not None and m4b.tags["©gen"] == ["Speech"]
    starts = [round(c.start * 1000) for c in m4b.chapters]
    assert starts == sorted(starts) and starts[0] == 0
    assert abs(m4b.info.length - edition["duration"]) < 0.2
    if "mp3" in formats:
        sections = sorted(ID3(out / "edition.mp3").getall("CHAP"), key=lambda c: c.start_time)
        assert [c.start_time for c in sections] == starts
