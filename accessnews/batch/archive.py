"""Archive readers: a directory tree, zip or tar yields its members one at a time, safely.

Members are streamed (a tar.gz is read in one pass, never unpacked to disk or held in memory),
and every member comes out as a `Member`, including the refused ones, so the report can
account for it.
"""

from __future__ import annotations

import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from .members import Member, Opener, judge
from .safety import Budget, Limits
from .tararchive import is_compressed, tar_members
from .warc import warc_members
from .ziparchive import looks_like_zip, zip_members


def _directory(
    root: Path, budget: Budget, with_data: bool, exclude: Path | None = None
) -> Iterator[Member]:
    """A folder tree in sorted order, leaving out `exclude` (an OUTDIR placed inside it)."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if exclude is None or (here / d).resolve() != exclude)
        names = sorted(files) + sorted(d for d in dirs if (here / d).is_symlink())
        for name in names:
            path = here / name
            info = path.lstat()
            regular = stat.S_ISREG(info.st_mode)
            relative = path.relative_to(root).as_posix()
            opener = _nofollow_opener(path) if regular else None
            yield judge(relative, opener, info.st_size if regular else None, budget, with_data)


def _nofollow_opener(path: Path) -> Opener:
    """Open without following a symlink swapped in after the walk looked at the name."""
    return lambda: os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb")


def _format(path: Path) -> Callable[[Path, Budget, bool], Iterator[Member]]:
    """The reader for an archive, by content where the format has a signature."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return warc_members
    if zipfile.is_zipfile(path) or looks_like_zip(path):
        return zip_members
    if is_compressed(path) or tarfile.is_tarfile(path):
        return tar_members
    raise InputError(f"{path}: not a directory, zip, tar(.gz/.bz2/.xz) or WARC archive")


DEFAULT_LIMITS = Limits()


def members(
    path: Path,
    limits: Limits = DEFAULT_LIMITS,
    *,
    with_data: bool = True,
    exclude: Path | None = None,
) -> Iterator[Member]:
    """Every member of the archive at `path`, in archive order; data only if `with_data`.

    `exclude` is a folder a directory archive must not descend into: the batch's own OUTDIR.
    """
    if not path.exists():
        raise InputError(f"{path}: no such file or directory")
    if path.is_dir():
        return _directory(path, Budget(limits), with_data, exclude and exclude.resolve())
    return _format(path)(path, Budget(limits), with_data)
