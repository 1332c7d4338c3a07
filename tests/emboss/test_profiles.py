"""Embosser profiles and braille inputs, without CUPS: geometry, refusals, PEF and BRF reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessnews.cli import main
from accessnews.emboss import job
from accessnews.emboss.profiles import geometry, names, profile
from accessnews.errors import InputError, UsageError

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "01-flood-defences.txt"


def test_every_profile_and_paper_loads() -> None:
    for name in names():
        for paper in profile(name).papers:
            chosen = profile(f"{name}:{paper}")
            assert chosen.paper.name == paper and chosen.paper.cells >= 20
            assert chosen.setup_bytes(chosen.interpoint).isascii()
    assert profile("index-everest:a4").paper.cells == 28


def test_bad_names_and_one_sided_models() -> None:
    with pytest.raises(UsageError, match="unknown embosser 'tiger'"):
        profile("tiger")
    with pytest.raises(UsageError, match="no paper 'a4'"):
        profile("romeo:a4")
    with pytest.raises(UsageError, match="one side only"):
        geometry("romeo", None, None, True)
    assert main(["emboss", str(SAMPLE), "--embosser", "romeo", "--interpoint"]) == 2
    assert main(["emboss", str(SAMPLE), "--copies", "0"]) == 2


def test_embosser_sets_render_geometry_unless_given() -> None:
    assert geometry(None, None, None, None) == (None, None, None)  # BrailleOptions' defaults
    assert geometry("juliet:letter", None, None, None) == (29, 23, True)
    assert geometry("juliet:letter", None, None, False) == (29, 23, False)  # --no-interpoint
    assert geometry("index-everest:a4", 26, None, None) == (26, 25, True)


def test_render_with_embosser_fits_its_paper(tmp_path: Path) -> None:
    argv = ["render", str(SAMPLE), "--no-audio", "--embosser", "generic:a4", "-o", str(tmp_path)]
    assert main(argv) == 0
    brf = (tmp_path / f"{SAMPLE.stem}.brf").read_bytes()
    pages = job.read_brf(brf, "x").pages
    assert max(len(row) for page in pages for row in page) <= 28
    assert max(len(page) for page in pages) <= 25
    pef = job.read_pef((tmp_path / f"{SAMPLE.stem}.pef").read_bytes(), "x")
    assert pef.brf == brf  # the PEF's pages, read back, are the BRF's bytes
    # A BRF rendered at 40 cells is refused on A4 paper, with the command that fits it.
    argv = ["render", str(SAMPLE), "--no-audio", "-o", str(tmp_path / "wide")]
    assert main(argv) == 0
    wide = job.read_brf((tmp_path / "wide" / f"{SAMPLE.stem}.brf").read_bytes(), "wide.brf")
    with pytest.raises(UsageError, match="render it with --embosser index-everest:a4"):
        job.job_bytes(wide, profile("index-everest:a4"), False)


def test_emboss_refuses_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.brf"
    bad.write_bytes(b"AB\x00C\r\n\f")
    with pytest.raises(InputError, match="not a BRF file: it holds byte 0x00"):
        job.read_brf(bad.read_bytes(), "bad.brf")
    assert main(["emboss", str(bad), "--embosser", "generic"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a BRF file" in err
    assert main(["emboss", str(tmp_path / "none.pef")]) == 2
    not_pef = tmp_path / "x.pef"
    not_pef.write_text("<html/>")
    with pytest.raises(InputError, match="root element is not pef"):
        job.read_pef(not_pef.read_bytes(), "x.pef")


def test_padded_pages_without_form_feeds() -> None:
    braille = job.read_brf(b"AB\r\nC\r\n\fD\r\n\f", "x")
    data = job.job_bytes(braille, profile("generic-no-ff"), False)
    assert data == b"AB\r\nC\r\n" + b"\r\n" * 23 + b"D\r\n" + b"\r\n" * 24
