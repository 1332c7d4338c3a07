"""Shared fixtures: the project's samples and the reference article from ../shared (optional)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_3af8e3a32a6fdc5a.txt"
PEF_SCHEMA_DIR = SHARED / "pef"


@pytest.fixture(autouse=True)
def no_user_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Every test (and the commands it runs) sees an empty config folder and no ACCESSNEWS_*
    variables, so a developer's own config.toml never changes a result."""
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    for name in [name for name in os.environ if name.startswith("ACCESSNEWS_")]:
        monkeypatch.delenv(name)
    return config / "accessnews"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def seed_path() -> Path:
    """The published reference article; tests using it skip where ../shared is absent."""
    if not SEED.is_file():
        pytest.skip("reference article ../shared/seeds/ not present")
    return SEED


@pytest.fixture
def pef_schema_dir() -> Path:
    if not (PEF_SCHEMA_DIR / "pef-2008-1.rng").is_file():
        pytest.skip("PEF schema ../shared/pef/ not present")
    return PEF_SCHEMA_DIR


@contextmanager
def tmpfs(path: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A small tmpfs mounted at `path` (a full or read-only disk); skips unless root can mount."""
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)
