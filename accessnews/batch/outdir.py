"""OUTDIR belongs to one batch at a time; what a killed run left half-written is cleared.

Writers write to a hidden temporary name (`.NAME.XXXX.tmp`, or a `.accessnews-XXXX` folder for
the encoder) and rename; a `kill -9` can leave those behind. Holding an exclusive lock on OUTDIR
makes it safe to delete them: no other batch can be writing there.
"""

from __future__ import annotations

import fcntl
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import AccessnewsError

LOCK_NAME = ".accessnews-batch.lock"
_LEFTOVER_FILES = ".*.tmp"
_LEFTOVER_DIRS = (".accessnews-*", ".edition-*")


def _clear_leftovers(outdir: Path) -> None:
    for path in outdir.rglob(_LEFTOVER_FILES):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
    for pattern in _LEFTOVER_DIRS:
        for path in outdir.rglob(pattern):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


@contextmanager
def claimed(outdir: Path) -> Iterator[None]:
    """Hold OUTDIR for the duration of a run, after clearing a killed run's temporary files."""
    outdir.mkdir(parents=True, exist_ok=True)
    with open(outdir / LOCK_NAME, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AccessnewsError(
                f"{outdir}: another batch is writing there; wait for it or choose another -o"
            ) from None
        _clear_leftovers(outdir)
        yield
