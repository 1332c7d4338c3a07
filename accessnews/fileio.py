"""File access at the edges: atomic writes, an output folder that can be written, bounded reads
of regular files only, and the system's own reason when the system is what failed."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import InputError, UsageError

STDIN = "-"  # the input name that means standard input (clean, render)
# Temporary files end with this, so that a batch can recognise its own leftovers and no one
# else's (`.story.mp3.k3j4abcd.accessnews.tmp`).
TEMP_SUFFIX = ".accessnews.tmp"
# Failures that come from the machine, not from the article: the same article may well succeed
# once space is freed or permissions are fixed, so a batch retries them.
_ENVIRONMENTAL = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.ENOMEM}
)
# Of those, the ones that hold for the whole disk: every next article would fail the same way.
WHOLE_DISK = frozenset(os.strerror(code) for code in (errno.ENOSPC, errno.EDQUOT, errno.EROFS))
# Room an article's outputs need (a long article's MP3 is a few MB): less than this free in the
# output folder after a writer failed means the disk, not the writer, is the cause.
PROBE_BYTES = 4 * 1024 * 1024


def _umask() -> int:
    """The process umask (reading it means setting it, so set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; rename it over `target` only on success.

    For writers that hand a path to another tool (ffmpeg, mutagen) rather than bytes.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary shared files
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_folder(target: Path) -> Iterator[Path]:
    """Yield a temporary folder beside `target`; put it in `target`'s place only on success.

    For outputs that are folders of files (a DAISY book): a reader sees the old book or the
    new one, never half of each. The old folder is renamed aside, then removed.
    """
    import shutil

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    try:
        yield tmp
        old = None
        if target.exists():
            old = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
            )
            os.replace(target, old / target.name)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write bytes (or UTF-8 text) to `target` via a temporary file and a rename."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(target) as tmp, open(tmp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def environmental(error: OSError) -> str | None:
    """The system's reason ("No space left on device") if `error` is the machine's fault."""
    if error.errno in _ENVIRONMENTAL:
        return os.strerror(error.errno)
    return None


def space_problem(folder: Path, need: int = PROBE_BYTES) -> str | None:
    """Why `folder` cannot take `need` more bytes (full, read-only ...), or None if it can.

    Tools such as LAME only say that writing failed; reserving the room shows whether the
    disk is the cause.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=".space-probe.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as error:
        return environmental(error)
    try:
        os.posix_fallocate(fd, 0, need)
    except OSError as error:
        return environmental(error)
    finally:
        os.close(fd)
        with suppress(OSError):
            os.unlink(name)
    return None


def ensure_folder(folder: Path) -> None:
    """Create the output folder if needed; one line when it is a file or cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UsageError(f"{folder}: is a file, not a folder; choose another -o") from None
    except OSError as error:
        raise UsageError(f"{folder}: cannot create the output folder ({error.strerror})") from None
    if not folder.is_dir():  # a symbolic link to a file
        raise UsageError(f"{folder}: is a file, not a folder; choose another -o")
    if not os.access(folder, os.W_OK | os.X_OK):
        read_only = os.statvfs(folder).f_flag & os.ST_RDONLY
        why = os.strerror(errno.EROFS if read_only else errno.EACCES)
        raise UsageError(f"{folder}: cannot write in the output folder ({why})")


_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


def read_stdin(cap: int) -> bytes:
    """Standard input, up to `cap` bytes (a pipe from curl, a here-document)."""
    import sys

    data = sys.stdin.buffer.read(cap + 1)
    if len(data) > cap:
        raise InputError(f"standard input: too large for an article (limit {cap / 1e6:.0f} MB)")
    return data


def read_regular(path: Path, cap: int, name: str) -> bytes:
    """The bytes of a regular file of at most `cap` bytes; one-line InputError otherwise.

    Opened without blocking (a FIFO with no writer would wait forever) and read through the
    cap, so a file that grows, or a device such as /dev/zero, never fills the memory.
    """
    with os.fdopen(_open_regular(path, name), "rb") as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise InputError(f"{name}: too large for an article (limit {cap / 1e6:.0f} MB)")
    return data


def regular_head(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file, opened as `read_regular` opens it."""
    with os.fdopen(_open_regular(path, str(path)), "rb") as stream:
        return stream.read(size)


def _open_regular(path: Path, name: str) -> int:
    """A descriptor of a regular file, opened without blocking; one-line InputError for a
    directory or a special file."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError(f"{name}: is a directory, not an article")
        kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
        raise InputError(f"{name}: is {kind}, not a regular file; save the article first")
    return fd
