"""Shared fixtures: the project's samples and the reference article from ../shared (optional)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_3af8e3a32a6fdc5a.txt"
PEF_SCHEMA_DIR = SHARED / "pef"


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
