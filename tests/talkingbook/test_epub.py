"""EPUB 3 with Media Overlays: EPUBCheck's verdict, and the overlay read back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from .conftest import STEM
from .daisy202 import audio_seconds, clock_seconds

SMIL = "{http://www.w3.org/ns/SMIL}"
OPF = "{http://www.idpf.org/2007/opf}"


def _epubcheck() -> list[str]:
    """The command: Debian's /usr/bin/epubcheck is the jar itself, run with java."""
    found = shutil.which("epubcheck")
    if found is None or shutil.which("java") is None:
        pytest.skip("epubcheck is not installed (./dev test installs it)")
    return ["java", "-jar", os.path.realpath(found)]


def test_epubcheck_finds_no_error_and_no_warning(rendered: Path) -> None:
    done = subprocess.run(
        [*_epubcheck(), str(rendered / f"{STEM}.epub")], capture_output=True, text=True, timeout=120
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "No errors or warnings detected" in report, report
    assert not re.search(r"^(ERROR|WARNING|FATAL)", report, re.MULTILINE), report


def test_overlay_has_a_par_per_sentence_within_the_audio(rendered: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(rendered / f"{STEM}.epub") as book:
        assert book.namelist()[0] == "mimetype"
        assert book.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        text = book.read("EPUB/text.xhtml").decode()
        overlay = ET.fromstring(book.read("EPUB/text.smil"))
        package = ET.fromstring(book.read("EPUB/package.opf"))
        (tmp_path / "audio.mp3").write_bytes(book.read("EPUB/audio.mp3"))
    sentences = set(re.findall(r'<span id="([^"]+-s\d+)"', text))
    pars = list(overlay.iter(f"{SMIL}par"))
    targets = {p.find(f"{SMIL}text").get("src", "").partition("#")[2] for p in pars}  # type: ignore[union-attr]
    assert len(sentences) > 40 and targets == sentences
    clips = [p.find(f"{SMIL}audio") for p in pars]
    ends = [clock_seconds(c.get("clipEnd", "")) for c in clips if c is not None]
    durations = {
        m.get("refines"): clock_seconds(m.text or "")
        for m in package.iter(f"{OPF}meta")
        if m.get("property") == "media:duration"
    }
    assert durations["#overlay"] == durations[None] == ends[-1]
    assert ends[-1] <= audio_seconds(tmp_path / "audio.mp3")


def test_figures_keep_captions_not_credits(rendered: Path) -> None:
    with zipfile.ZipFile(rendered / f"{STEM}.epub") as book:
        text = book.read("EPUB/text.xhtml").decode()
        nav = book.read("EPUB/nav.xhtml").decode()
    assert text.count("<figcaption>") == 8
    assert "Jane Roe" not in text and "PA Media" not in text
    assert "How the gate works" in nav and "What the lifeboat crew saw" in nav
