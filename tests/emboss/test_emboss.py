"""`accessnews emboss` through a real cupsd: the bytes at the device are the job accessnews built
(the profile's setup string, then the BRF exactly as rendered), for every profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessnews.cli import main
from accessnews.emboss import job
from accessnews.emboss.profiles import names, profile

from .conftest import Cups

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "10-harbour-barrier-figures.html"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample rendered for an Index Everest, as `render --embosser index-everest` writes it."""
    outdir = tmp_path_factory.mktemp("emboss")
    argv = ["render", str(SAMPLE), "--no-audio", "--embosser", "index-everest", "-o", str(outdir)]
    assert main(argv) == 0
    return outdir / f"{SAMPLE.stem}.brf"


def _emboss(cups: Cups, monkeypatch: pytest.MonkeyPatch, *argv: str) -> bytes:
    monkeypatch.setenv("CUPS_SERVER", cups.server)
    assert main(["emboss", *argv]) == 0
    return cups.device.next_job()


@pytest.mark.parametrize("name", names())
def test_device_gets_the_job_unchanged(
    name: str, rendered: Path, cups: Cups, monkeypatch: pytest.MonkeyPatch
) -> None:
    embosser = profile(name)
    interpoint = embosser.interpoint
    expected = job.job_bytes(job.read_brf(rendered.read_bytes(), "x"), embosser, interpoint)
    got = _emboss(cups, monkeypatch, str(rendered), "--printer", "braille", "--embosser", name)
    assert got == expected
    setup = embosser.setup_bytes(interpoint)
    if embosser.form_feed:  # the BRF file's own bytes follow the setup string
        assert got == setup + rendered.read_bytes()
    else:  # every page padded to the paper's lines, no form feed
        assert b"\f" not in got and got.count(b"\r\n") % embosser.paper.lines == 0


def test_index_setup_string_from_cups_filters(rendered: Path) -> None:
    """The ESC D parameters cups-filters' Index V4 driver sends, for this paper and sides."""
    everest = profile("index-everest")
    assert everest.setup_bytes(True) == b"\x1bDTM0,BI0,FO0,DP2,CH40,LP25,BT0;"
    assert profile("index-basic-d").setup_bytes(False) == b"\x1bDTM0,BI0,FO0,DP1,CH40,LP25,BT0;"


def test_raw_queue_copies_and_pef_input(
    rendered: Path, cups: Cups, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PEF is embossed as the BRF of the same pages; two copies are the job twice."""
    pef = rendered.with_suffix(".pef")
    got = _emboss(cups, monkeypatch, str(pef), "--printer", "raw", "--copies", "2")
    assert got == rendered.read_bytes() * 2


def test_article_is_brailled_for_the_paper(cups: Cups, monkeypatch: pytest.MonkeyPatch) -> None:
    got = _emboss(cups, monkeypatch, str(SAMPLE), "--printer", "raw", "--embosser", "generic:a4")
    pages = job.read_brf(got, "device").pages
    assert len(pages) > 1
    assert max(len(row) for page in pages for row in page) <= 28
    assert max(len(page) for page in pages) <= 25
