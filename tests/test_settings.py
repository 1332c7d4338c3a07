"""User settings: flags > ACCESSNEWS_* > config.toml > the options' defaults; bad ones are one
line naming where they came from, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from accessnews.errors import UsageError
from accessnews.settings import render_options, resolve, user_lexicon

ROOT = Path(__file__).resolve().parent.parent
STORY = "Harbour barrier holds\n\nThe new barrier held back the highest tide in a decade.\n"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


def test_flags_win_over_environment_over_config(no_user_settings: Path, monkeypatch) -> None:
    _write(no_user_settings, "config.toml", 'rate = 150\ncells = 30\nvoice = "fr"\nlines = 20\n')
    monkeypatch.setenv("ACCESSNEWS_RATE", "160")
    monkeypatch.setenv("ACCESSNEWS_CELLS", "32")
    values = resolve({"rate": 170, "cells": None, "voice": None, "lines": None})
    assert {key: value.value for key, value in values.items()} == {
        "rate": 170, "cells": 32, "voice": "fr", "lines": 20
    }  # fmt: skip
    assert values["lines"].origin == str(no_user_settings / "config.toml")
    assert values["cells"].origin == "ACCESSNEWS_CELLS" and values["rate"].origin == "--rate"
    options = render_options({key: value.value for key, value in values.items()})
    assert (options.audio.rate, options.braille.cells, options.braille.lines) == (170, 32, 20)
    assert options.audio.bitrate == 64 and options.braille.page_numbers == "bottom"  # defaults


def test_user_lexicon_is_read_and_checked(no_user_settings: Path) -> None:
    assert user_lexicon() == ()
    _write(no_user_settings, "lexicon.toml", 'Ouse = "ooze"\n')
    assert user_lexicon() == (("Ouse", "ooze"),)
    _write(no_user_settings, "lexicon.toml", "Ouse = 3\n")
    with pytest.raises(UsageError, match="lexicon.toml: key 'Ouse': expected a string"):
        user_lexicon()


def _render(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run(
        [sys.executable, "-m", "accessnews", "render", "-", *args],
        input=STORY, capture_output=True, text=True, cwd=ROOT, timeout=120,
        env=os.environ | (env or {}),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("rate = 0\n", "config.toml: key rate: rate 0 is out of range; use 80-450"),
        ("cells = 10\n", "config.toml: key cells: cells 10 is too small: at least 20"),
        ('cells = "x"\n', "config.toml: key cells: expected int, got 'x'"),
        ("colour = 1\n", "config.toml: unknown key 'colour'; known keys: voice, engine, rate"),
        ("rate = \n", "config.toml: cannot read it (Invalid value"),
    ],
)
def test_a_bad_config_is_one_line_naming_file_and_key(
    no_user_settings: Path, tmp_path: Path, config: str, message: str
) -> None:
    _write(no_user_settings, "config.toml", config)
    done = _render("-o", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr


def test_a_bad_environment_value_names_the_variable(tmp_path: Path) -> None:
    done = _render("-o", str(tmp_path), env={"ACCESSNEWS_BITRATE": "65"})
    assert (done.returncode, done.stderr.count("\n")) == (2, 1)
    assert "ACCESSNEWS_BITRATE: key bitrate: bitrate 65 is not an MP3 bitrate" in done.stderr
    done = _render("-o", str(tmp_path), env={"ACCESSNEWS_INTERPOINT": "maybe"})
    assert done.stderr == "accessnews: error: ACCESSNEWS_INTERPOINT='maybe': expected bool\n"


def test_a_config_setting_reaches_the_output(no_user_settings: Path, tmp_path: Path) -> None:
    _write(no_user_settings, "config.toml", "cells = 30\n")
    done = _render("-o", str(tmp_path), "--no-audio")
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "article.brf").read_text(encoding="ascii").splitlines()
    assert max(map(len, lines)) == 30
