"""Atomic writes: complete files under final names, ordinary permissions, no leftovers."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from accessnews.fileio import _umask, atomic_path, write_atomic


def test_write_atomic_creates_a_readable_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    write_atomic(target, "héllo")
    assert target.read_text(encoding="utf-8") == "héllo"
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == 0o666 & ~_umask()
    assert os.listdir(target.parent) == ["out.txt"]


def test_failure_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"partial")
        raise RuntimeError("writer failed")
    assert os.listdir(tmp_path) == []
