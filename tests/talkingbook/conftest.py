"""One real render of the figure-rich sample as every talking-book format (shared by the tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "10-harbour-barrier-figures.html"
STEM = SAMPLE.stem


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """OUTDIR after `accessnews render SAMPLE --formats mp3,daisy,epub`."""
    outdir = tmp_path_factory.mktemp("talkingbook")
    command = [sys.executable, "-m", "accessnews", "render", str(SAMPLE), "-o", str(outdir)]
    done = subprocess.run(
        [*command, "--formats", "mp3,daisy,epub"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return outdir
