"""OUTDIR belongs to one batch at a time; what a killed run left half-written is cleared.

Writers write to a hidden temporary name (`.NAME.XXXXXXXX.accessnews.tmp`, or a
`.accessnews-XXXXXXXX` folder holding an encoder's output and log, or the narration's PCM)
and rename; a kill can leave those behind. Only this tool's own leftovers are removed, and
only where it was writing: the folders of the articles the manifest says were started and
never finished, and the batch's own files at the top of OUTDIR. OUTDIR is never walked, so a
user's `.session.tmp` or `.accessnews-cache/` beside the outputs is never touched. Holding an
exclusive lock on OUTDIR makes the clearing safe: no other batch can be writing there.
"""

from __future__ import annotations

import fcntl
import re
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..errors import AccessnewsError
from ..fileio import TEMP_SUFFIX, ensure_folder

LOCK_NAME = ".accessnews-batch.lock"
# An encoder's or the narration's working folder (tempfile's 8 random characters) and the only
# files they hold (speech/pipe.py, speech/writer.py, speech/m4b.py).
_ENCODER_DIR = re.compile(r"\.accessnews-[a-z0-9_]{8}")
_ENCODER_FILES = frozenset({"audio.mp3", "audio.m4a", "encoder.log", "narration.pcm"})
_RANDOM = r"[a-z0-9_]{8}"  # what mkstemp puts between the prefix and the suffix


def _own_temp(prefix: str) -> re.Pattern[str]:
    """The temporary names atomic_path gives the outputs whose names start with `prefix`."""
    return re.compile(rf"\.{re.escape(prefix)}(?:.*\.)?{_RANDOM}{re.escape(TEMP_SUFFIX)}")


def _is_encoder_dir(path: Path) -> bool:
    if not (_ENCODER_DIR.fullmatch(path.name) and path.is_dir()) or path.is_symlink():
        return False
    return {child.name for child in path.iterdir()} <= _ENCODER_FILES


def _clear(folder: Path, prefixes: Iterable[str]) -> None:
    """Remove, in `folder` only, the temporaries of outputs starting with one of `prefixes`."""
    patterns = [_own_temp(prefix) for prefix in prefixes]
    try:
        entries = list(folder.iterdir())
    except OSError:
        return  # the folder is gone or unreadable: nothing of ours to clear
    for path in entries:
        if path.is_symlink():
            continue
        if path.is_file() and any(p.fullmatch(path.name) for p in patterns):
            path.unlink(missing_ok=True)
        elif _is_encoder_dir(path):
            shutil.rmtree(path, ignore_errors=True)


def clear_leftovers(outdir: Path, stems: Iterable[str], own_names: Iterable[str]) -> None:
    """Remove what a killed run left: temporaries of the unfinished articles (`stems`, in their
    own folders) and of the batch's own files (`own_names`, at the top of OUTDIR)."""
    by_folder: dict[PurePosixPath, list[str]] = {}
    for stem in stems:
        relative = PurePosixPath(stem)
        by_folder.setdefault(relative.parent, []).append(relative.name + ".")
    for folder, prefixes in by_folder.items():
        _clear(outdir / folder, prefixes)
    _clear(outdir, [f"{name}." for name in own_names])


@contextmanager
def claimed(outdir: Path) -> Iterator[None]:
    """Hold OUTDIR for the duration of a run (no other batch may write there meanwhile)."""
    ensure_folder(outdir)
    with open(outdir / LOCK_NAME, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AccessnewsError(
                f"{outdir}: another batch is writing there; wait for it or choose another -o"
            ) from None
        yield
