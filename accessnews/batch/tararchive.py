"""Tar archives (plain, gzip, bzip2, xz) read in one pass, with proof they were read to the end.

tarfile stops quietly at the first header it cannot read once past the first member, so an
archive cut at a member boundary looks complete. Here the compressed stream is read through
gzip/bz2/lzma, which raise when the stream ends before its end marker (and check its CRC), and
after the last member the tar end-of-archive block must be present: anything else is a damaged
archive, reported with what was read.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, cast

from ..errors import InputError
from .members import Member, Opener, judge
from .safety import Budget, printable

# Leading bytes of each compressed stream and the reader that decompresses it.
_COMPRESSED: tuple[tuple[bytes, Callable[[Path], io.BufferedIOBase]], ...] = (
    (b"\x1f\x8b", gzip.GzipFile),
    (b"BZh", bz2.BZ2File),
    (b"\xfd7zXZ\x00", lzma.LZMAFile),
)
_TAIL_BYTES = 64 * 1024  # more than tarfile reads ahead of the header it is looking at


def _decompressor(path: Path) -> Callable[[Path], io.BufferedIOBase] | None:
    with open(path, "rb") as stream:
        head = stream.read(6)
    return next((opener for magic, opener in _COMPRESSED if head.startswith(magic)), None)


def is_compressed(path: Path) -> bool:
    """Whether the file starts like a gzip, bzip2 or xz stream (a .tar.gz cut short included)."""
    return _decompressor(path) is not None


class _Tracked:
    """The (decompressed) tar stream, remembering how much it delivered and its last 64 KB.

    A stream that ends early first delivers every byte before the cut, then raises: so the
    members before the cut are still read.
    """

    def __init__(self, raw: io.BufferedIOBase) -> None:
        self.raw = raw
        self.position = 0
        self.tail = b""
        self._error: EOFError | OSError | None = None

    def read(self, size: int = -1) -> bytes:
        if self._error is not None:
            raise self._error
        data = bytearray()
        try:
            while size < 0 or len(data) < size:
                chunk = self.raw.read1(size - len(data) if size >= 0 else -1)
                if not chunk:
                    break
                data += chunk
        except (EOFError, OSError) as error:
            if not data:
                raise
            self._error = error
        self.position += len(data)
        self.tail = (self.tail + data)[-_TAIL_BYTES:]
        return bytes(data)

    def block_at(self, offset: int) -> bytes | None:
        """The 512-byte block that starts at `offset`, if it was delivered and is still held."""
        start = offset - (self.position - len(self.tail))
        return self.tail[start : start + tarfile.BLOCKSIZE] if start >= 0 else None

    def drain(self) -> None:
        """Read to the end, so a compressed stream checks its end marker and CRC."""
        while self.raw.read(1024 * 1024):
            pass


def _open(path: Path) -> io.BufferedIOBase:
    opener = _decompressor(path)
    return open(path, "rb") if opener is None else opener(path)  # noqa: SIM115 - caller closes


def _opener(archive: tarfile.TarFile, info: tarfile.TarInfo) -> Opener:
    def open_member() -> IO[bytes]:
        stream = archive.extractfile(info)
        if stream is None:  # tarfile has no stream for a member that is not a regular file
            raise tarfile.TarError("not a regular file")
        return stream

    return open_member


def _damaged(path: Path, why: str, read: list[str]) -> Member:
    last = f", the last one {read[-1]}" if read else ""
    what = f"{len(read)} member(s) read{last}; anything after that is missing"
    return Member(printable(path.name), problem=f"damaged archive: {why} ({what})", failed=True)


def _check_end(archive: tarfile.TarFile, stream: _Tracked) -> None:
    """Raise EOFError unless the end-of-archive block follows the last member."""
    if stream.block_at(archive.offset) != bytes(tarfile.BLOCKSIZE):
        raise EOFError("it ends without the end-of-archive marker")
    stream.drain()


def tar_members(path: Path, budget: Budget, with_data: bool) -> Iterator[Member]:
    """Every member of a tar archive, then a failed member if the archive is damaged."""
    with _open(path) as raw:
        stream = _Tracked(raw)
        try:
            archive = tarfile.open(  # noqa: SIM115 - closed below
                fileobj=cast(IO[bytes], stream),
                mode="r|",
                errors="surrogateescape",
            )
        except (tarfile.TarError, EOFError, OSError) as error:
            raise InputError(f"{path}: not a readable tar archive ({error})") from None
        read: list[str] = []
        with archive:
            try:
                for info in archive:
                    read.append(printable(info.name))
                    if info.isdir():
                        continue
                    opener = _opener(archive, info) if info.isreg() else None
                    yield judge(info.name, opener, info.size, budget, with_data)
                _check_end(archive, stream)
            except (tarfile.TarError, EOFError, OSError) as error:
                yield _damaged(path, str(error) or type(error).__name__, read)
