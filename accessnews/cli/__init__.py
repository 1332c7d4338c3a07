"""The command line: the only package that parses arguments, prints and tunes start-up.

Importing it loads only the collector's tuning (startup.py), so that `python -m accessnews`
and the `accessnews` command turn the collector off before the command's modules load.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .startup import collector


def run() -> None:
    """`python -m accessnews` and the `accessnews` command: `main` with the collector off
    during start-up (see startup.py)."""
    collector("start")
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command line (`argv`, or the process's own arguments) and return its exit code."""
    from .shell import dispatch

    status = dispatch(argv)
    if argv is None:  # run as the command: the process exits next
        collector("exit")
    return status
