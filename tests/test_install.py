"""Install layouts: a wheel installed away from the checkout finds its data (voice profiles,
language rules, tables) through importlib.resources; without liblouis' bindings the audio is
still written; ./dev without root says which packages to ask for."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = "Harbour barrier holds\n\nThe new barrier held back the highest tide in a decade.\n"


def _setuptools_major() -> int:
    return int(version("setuptools").split(".")[0])


def _accessnews(
    *args: str, path: Path, cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The command with `path` first on sys.path (an install target, or a blocker module)."""
    env = os.environ | {"PYTHONPATH": str(path)}
    return subprocess.run(
        [sys.executable, "-m", "accessnews", *args],
        capture_output=True, text=True, cwd=cwd, env=env, input=stdin, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from a copy of the tree (a build writes build/ into its source),
    installed into a target folder: the layout `pip install .`, --user and pipx produce."""
    if _setuptools_major() < 77:
        pytest.skip("building needs setuptools>=77 (pyproject.toml); ./dev setup installs it")
    base = tmp_path_factory.mktemp("install")
    source = base / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyc")
    shutil.copytree(ROOT / "accessnews", source / "accessnews", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    target = base / "site"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
         "--no-build-isolation", "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    return target


def test_an_installed_wheel_finds_its_data_away_from_the_checkout(
    installed: Path, tmp_path: Path
) -> None:
    code = "import accessnews.speech.voices as v; print(v.VOICES_DIR)"
    env = os.environ | {"PYTHONPATH": str(installed)}
    where = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env
    ).stdout.strip()
    assert where == str(installed / "accessnews" / "voices")
    assert sorted(p.name for p in (installed / "accessnews" / "voices").iterdir()) == sorted(
        p.name for p in (ROOT / "accessnews" / "voices").iterdir()
    )
    assert "en-GB" in _accessnews("voices", path=installed, cwd=tmp_path).stdout
    done = _accessnews("render", "-", "-o", "out", path=installed, cwd=tmp_path, stdin=STORY)
    assert done.returncode == 0, done.stderr
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"article.mp3", "article.brf"}


def test_without_liblouis_bindings_the_audio_is_written_and_one_line_names_the_fix(
    tmp_path: Path,
) -> None:
    """A venv from a Python without python3-louis: a module that cannot be imported stands in."""
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "louis.py").write_text("raise ImportError(\"No module named 'louis'\")\n")
    done = _accessnews("render", "-", "-o", "out", path=blocker, cwd=tmp_path, stdin=STORY)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("\n") == 1
    assert "python3-louis" in done.stderr and "--no-braille" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".json", ".mp3", ".vtt"]
    version_lines = _accessnews("--version", path=blocker, cwd=tmp_path).stdout
    assert "liblouis unavailable (no braille" in version_lines


def test_dev_without_root_or_sudo_names_the_packages_and_stops(tmp_path: Path) -> None:
    """A user account (id -u is not 0), no sudo, packages missing: one paragraph, exit 1."""
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool in ("dirname", "grep", "cat", "env"):
        found = shutil.which(tool)
        assert found is not None
        (fake / tool).symlink_to(found)
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "dpkg-query").write_text("#!/bin/sh\nexit 1\n")  # nothing installed
    for script in ("id", "dpkg-query"):
        (fake / script).chmod(0o755)
    done = subprocess.run(
        ["/bin/bash", str(ROOT / "dev"), "setup"],
        capture_output=True, text=True, env={"PATH": str(fake)}, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("accessnews: these Debian packages are missing: espeak-ng ")
    assert "apt-get install --no-install-recommends espeak-ng" in done.stderr
    assert done.stderr.count("\n") == 1 and "sudo: command not found" not in done.stderr
