"""The linter, the formatter and the type checker pass on the whole repository.

Each tool runs from the repository root with its configuration in pyproject.toml, from the
same environment as the tests (the `test` extra installs them).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CHECKS = {
    "ruff check": ["ruff", "check", "."],
    "ruff format": ["ruff", "format", "--check", "."],
    "mypy": ["mypy"],
}


@pytest.mark.parametrize("command", CHECKS.values(), ids=CHECKS.keys())
def test_tool_passes(command: list[str]) -> None:
    tool = BIN / command[0]
    if not tool.exists():
        pytest.fail(f"{tool} is missing: run ./dev setup (the test extra installs it)")
    result = subprocess.run(
        [str(tool), *command[1:]], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, (
        f"{' '.join(command)} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
    )
