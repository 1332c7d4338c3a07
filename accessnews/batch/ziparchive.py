"""Zip archives: members in central-directory order, and the damage zipfile would pass over.

zipfile trusts the central directory: members missing from it (a directory that disagrees with
the end record's member count) are silently absent, a zip cut short is "not a zip file", and
an encrypted member raises a bare RuntimeError. Each becomes a one-line problem here.
"""

from __future__ import annotations

import stat
import struct
import zipfile
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from ..errors import InputError
from .members import Member, judge
from .safety import Budget, printable

_END_RECORD = b"PK\x05\x06"
_END_FORMAT = "<4s4H2LH"  # signature, disks, entries here, entries in total, size, offset, comment
_END_SEARCH = 22 + 65535  # the end record is within the last 22 bytes plus the longest comment
_ZIP64_COUNT = 0xFFFF
_ENCRYPTED = 0x1


def looks_like_zip(path: Path) -> bool:
    """A zip by its first bytes, even when it is cut short and zipfile no longer sees one."""
    with open(path, "rb") as stream:
        return stream.read(4) == b"PK\x03\x04"


def _declared_count(path: Path) -> int | None:
    """How many members the end record says the archive has (None for zip64 or unreadable)."""
    with open(path, "rb") as stream:
        size = stream.seek(0, 2)
        stream.seek(max(0, size - _END_SEARCH))
        tail = stream.read()
    at = tail.rfind(_END_RECORD)
    if at < 0 or len(tail) - at < struct.calcsize(_END_FORMAT):
        return None
    total = struct.unpack_from(_END_FORMAT, tail, at)[4]
    return None if total == _ZIP64_COUNT else int(total)


def _name(info: zipfile.ZipInfo) -> str:
    """The member name as the archiver meant it: many tools write UTF-8 without the flag."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "surrogateescape")


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        size = path.stat().st_size
        raise InputError(
            f"{path}: damaged zip archive: {error} ({size} bytes; the list of members at the "
            "end of the file is missing or unreadable, the file may be cut short)"
        ) from None


def zip_members(path: Path, budget: Budget, with_data: bool) -> Iterator[Member]:
    """Every member of a zip, then a failed member if the archive is damaged."""
    with _open(path) as archive:
        infos = archive.infolist()
        for info in infos:
            if info.is_dir():
                continue
            name = _name(info)
            if info.flag_bits & _ENCRYPTED:
                problem = "refused: encrypted (password-protected) member"
                yield Member(printable(name), problem=problem, failed=True)
                continue
            # Unix tools record the file type in the high bits; most writers leave it 0.
            special = stat.S_IFMT(info.external_attr >> 16) not in (0, stat.S_IFREG)
            opener = None if special else partial(archive.open, info)
            yield judge(name, opener, info.file_size, budget, with_data)
    declared = _declared_count(path)
    if declared is not None and declared != len(infos):
        why = (
            f"damaged archive: its end record lists {declared} members but its central "
            f"directory holds {len(infos)} ({len(infos)} read; the others are missing)"
        )
        yield Member(printable(path.name), problem=why, failed=True)
