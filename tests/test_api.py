"""The Python API: read, clean and render in a few lines; bytes without a folder, paths with."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.mp3 import MP3

import accessnews
from accessnews.errors import UsageError
from accessnews.formats import DEFAULT_FORMATS, FORMATS

STORY = "Harbour barrier holds\n\nThe new barrier held back the highest tide in a decade.\n"


def test_import_accessnews_loads_no_reader_or_writer() -> None:
    """The API is exported lazily: `import accessnews` stays as cheap as the version string."""
    code = "import sys, accessnews; print(sorted(m for m in sys.modules if 'accessnews' in m))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.strip() == "['accessnews']"


def test_render_text_returns_the_outputs_as_bytes(tmp_path: Path) -> None:
    result = accessnews.render(STORY, bitrate=32, cells=32)
    wanted = {s.lstrip(".") for name in DEFAULT_FORMATS for s in FORMATS[name].suffixes}
    assert set(result.outputs) == wanted
    mp3 = tmp_path / "a.mp3"
    mp3.write_bytes(result.outputs["mp3"])  # type: ignore[arg-type]
    assert MP3(mp3).info.bitrate == 32000
    brf = result.outputs["brf"]
    assert isinstance(brf, bytes) and max(map(len, brf.decode("ascii").splitlines())) <= 32
    assert result.article.headline == "Harbour barrier holds"
    assert "audio" in result.report.summary() and not result.report.failures


def test_read_clean_render_to_a_folder_writes_what_render_refuses_to_overwrite(
    tmp_path: Path, samples_dir: Path
) -> None:
    """The files each format writes are the ones formats.FORMATS lists (what --no-clobber
    checks), named after the input file."""
    article = accessnews.clean(accessnews.read(samples_dir / "01-flood-defences.txt"))
    assert article.language == "en"
    braille = ["brf", "pef", "preview"]
    result = accessnews.render(samples_dir / "01-flood-defences.txt", tmp_path, formats=braille)
    written = sorted(p.name for p in tmp_path.iterdir())
    expected = [s for name in braille for s in FORMATS[name].suffixes]
    assert written == sorted(f"01-flood-defences{s}" for s in expected)
    assert result.outputs["brf"] == tmp_path / "01-flood-defences.brf"
    audio = accessnews.render(article, tmp_path, formats=["mp3", "m4b"], stem="flood", rate=220)
    assert sorted(p.name for p in audio.outputs.values()) == sorted(  # type: ignore[union-attr]
        f"flood{s}" for name in ("mp3", "m4b") for s in FORMATS[name].suffixes
    )


def test_render_bad_settings_raise_before_any_work() -> None:
    with pytest.raises(UsageError, match="rate 0 is out of range"):
        accessnews.render(STORY, rate=0)
    with pytest.raises(TypeError, match="unknown formats or settings: braid, volume"):
        accessnews.render(STORY, formats=["braid"], volume=3)  # type: ignore[call-arg]


def test_user_lexicon_changes_what_is_said() -> None:
    plain = accessnews.render(STORY, formats=["mp3"])
    said = accessnews.render(STORY, formats=["mp3"], lexicon={"barrier": "very long barricade"})
    assert len(said.outputs["mp3"]) > len(plain.outputs["mp3"])
