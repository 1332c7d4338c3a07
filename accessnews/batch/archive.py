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
from functools import partial
from pathlib import Path
from typing import IO

from ..errors import InputError
from .members import Member, looks_like_article
from .safety import Budget, Limits, Refused, printable, safe_parts
from .warc import warc_members

Opener = Callable[[], IO[bytes]]


def _member(
    name: str, opener: Opener | None, declared: int | None, budget: Budget, with_data: bool
) -> Member:
    """Judge one regular-file member; `opener` is None when it is a link or special file."""
    shown = printable(name)
    try:
        parts = safe_parts(name)
        if opener is None:
            raise Refused("refused: links and special files are not followed")
    except Refused as refusal:
        return Member(shown, problem=str(refusal), failed=True)
    if not looks_like_article(parts):
        return Member(shown, parts, problem="not an article (by its file type)")
    if not with_data:
        return Member(shown, parts)
    try:
        with opener() as stream:
            return Member(shown, parts, budget.read(stream, declared))
    except Refused as refusal:
        return Member(shown, parts, problem=str(refusal), failed=True)
    except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as error:
        return Member(shown, parts, problem=f"unreadable member: {error}", failed=True)


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
            yield _member(relative, opener, info.st_size if regular else None, budget, with_data)


def _nofollow_opener(path: Path) -> Opener:
    """Open without following a symlink swapped in after the walk looked at the name."""
    return lambda: os.fdopen(os.open(path, os.O_RDONLY | os.O_NOFOLLOW), "rb")


def _zip_name(info: zipfile.ZipInfo) -> str:
    """The member name as the archiver meant it: many tools write UTF-8 without the flag."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape")


def _zip(path: Path, budget: Budget, with_data: bool) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(f"{path}: not a readable zip archive ({error})") from None
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            # Unix tools record the file type in the high bits; most writers leave it 0.
            special = stat.S_IFMT(info.external_attr >> 16) not in (0, stat.S_IFREG)
            opener = None if special else partial(archive.open, info)
            yield _member(_zip_name(info), opener, info.file_size, budget, with_data)


def _tar_opener(archive: tarfile.TarFile, info: tarfile.TarInfo) -> Opener:
    def open_member() -> IO[bytes]:
        stream = archive.extractfile(info)
        if stream is None:  # tarfile has no stream for a member that is not a regular file
            raise tarfile.TarError("not a regular file")
        return stream

    return open_member


def _tar(path: Path, budget: Budget, with_data: bool) -> Iterator[Member]:
    try:
        archive = tarfile.open(path, "r|*", errors="surrogateescape")  # noqa: SIM115 - closed below
    except (tarfile.TarError, OSError) as error:
        raise InputError(f"{path}: not a readable tar archive ({error})") from None
    with archive:
        try:
            for info in archive:
                if info.isdir():
                    continue
                opener = _tar_opener(archive, info) if info.isreg() else None
                yield _member(info.name, opener, info.size, budget, with_data)
        except (tarfile.TarError, EOFError, OSError) as error:
            yield Member(
                printable(path.name), problem=f"archive is truncated: {error}", failed=True
            )


def _format(path: Path) -> Callable[[Path, Budget, bool], Iterator[Member]]:
    """The reader for an archive, by content where the format has a signature."""
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        return warc_members
    if zipfile.is_zipfile(path):
        return _zip
    if tarfile.is_tarfile(path):
        return _tar
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
