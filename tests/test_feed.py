"""`accessnews feed`: a real batch folder, the feed read back with feedparser, every link a file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from mutagen.mp3 import MP3

from accessnews.feed.rss import PODCAST

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://news.example/audio/"


def _accessnews(*args: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "accessnews", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A batch folder of two articles (one in a sub-folder with a space in its name)."""
    root = tmp_path_factory.mktemp("feed")
    archive = root / "in"
    (archive / "local news").mkdir(parents=True)
    shutil.copy(ROOT / "samples/01-flood-defences.txt", archive)
    shutil.copy(ROOT / "samples/13-festival-cometas-es.html", archive / "local news")
    formats = ("--formats", "mp3,transcript")
    done = _accessnews("batch", archive, "-o", root / "out", *formats, "--jobs", "1")
    assert done.returncode == 0, done.stderr
    done = _accessnews("feed", root / "out", "--base-url", BASE.rstrip("/"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("feed.xml: 2 episodes")
    return root / "out"


def _local(outdir: Path, url: str) -> Path:
    """The file of OUTDIR a feed URL names (it must be under the base URL)."""
    assert url.startswith(BASE), url
    return outdir / unquote(urlsplit(url).path[len(urlsplit(BASE).path) :])


def test_feedparser_reads_every_episode(outdir: Path) -> None:
    feed = feedparser.parse(str(outdir / "feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert feed.feed.title == "Diario del Valle"  # the only publication named
    by_title = {entry.title: entry for entry in feed.entries}
    assert len(by_title) == 2
    cometas = next(e for t, e in by_title.items() if t.startswith("Más de 3.000 cometas"))
    assert cometas.published_parsed[:3] == (2026, 9, 20)  # the article's date
    for entry in feed.entries:
        (enclosure,) = entry.enclosures
        audio = _local(outdir, enclosure.href)
        assert enclosure.type == "audio/mpeg"
        assert int(enclosure.length) == audio.stat().st_size
        assert int(entry.itunes_duration) == round(MP3(audio).info.length)
        assert entry.id.startswith("urn:uuid:") and entry.guidislink is False
        assert entry.podcast_chapters["type"] == "application/json+chapters"
        assert _local(outdir, entry.podcast_chapters["url"]).suffixes[-2:] == [".chapters", ".json"]
    assert len({entry.id for entry in feed.entries}) == 2


def test_every_link_resolves_to_a_file(outdir: Path) -> None:
    root = ET.parse(outdir / "feed.xml").getroot()
    links = [e.get("url") or e.get("href") for e in root.iter() if e.get("url") or e.get("href")]
    links += [e.text for e in root.iter("link") if e.text and e.text != BASE]
    # atom:link self; per episode: audio, chapters, the timed and the HTML transcripts
    assert len(links) == 1 + 2 * 4
    for link in links:
        assert _local(outdir, str(link)).is_file(), link


def _transcripts(outdir: Path, kind: str) -> list[Path]:
    root = ET.parse(outdir / "feed.xml").getroot()
    found = [e for e in root.iter(f"{{{PODCAST}}}transcript") if e.get("type") == kind]
    return [_local(outdir, str(e.get("url"))) for e in found]


def test_timed_transcript_has_a_cue_per_sentence(outdir: Path) -> None:
    """Captions: cues in time order within the audio, the sentences as displayed."""
    for captions in _transcripts(outdir, "text/vtt"):
        text = captions.read_text(encoding="utf-8")
        assert text.startswith("WEBVTT\n\n")
        times = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})", text)
        seconds = [
            (int(h) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000,
             int(h2) * 3600 + int(m2) * 60 + int(s2) + int(ms2) / 1000)
            for h, m, s, ms, h2, m2, s2, ms2 in times
        ]  # fmt: skip
        assert len(seconds) > 10
        assert all(a < b for a, b in seconds)
        assert all(b1 <= a2 for (_, b1), (a2, _) in zip(seconds, seconds[1:], strict=False))
        audio = captions.with_name(captions.name.replace(".transcript.vtt", ".mp3"))
        assert seconds[-1][1] <= MP3(audio).info.length
    cometas = _transcripts(outdir, "text/vtt")[-1].read_text(encoding="utf-8")
    assert "Más de 3.000 cometas" in cometas


def test_html_transcript_is_the_model_text(outdir: Path) -> None:
    page = _transcripts(outdir, "text/html")[-1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="es">' in page
    assert "<h1>Más de 3.000 cometas" in page


@pytest.mark.parametrize(
    ("folder", "url", "message"),
    [
        ("missing", BASE, "is not a folder"),
        ("empty", BASE, "holds no article with audio"),
        ("empty", "ftp://news.example/", "is not an http(s) URL"),
        ("empty", "news.example/audio", "is not an http(s) URL"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, folder: str, url: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    done = _accessnews("feed", tmp_path / folder, "--base-url", url)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr
    assert not (tmp_path / "empty" / "feed.xml").exists()
