"""Readers: one module per input format, each `read(data: bytes, *, name: str) -> Article`.

`read_source` fetches or loads the input, detects its format by content and dispatches.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Article
from . import text

MAX_INPUT_BYTES = 20 * 1024 * 1024


def load_bytes(source: str) -> bytes:
    """The raw bytes of a file, with one-line errors for what a user can get wrong."""
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{source}: is a directory, not an article")
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"{source}: {size / 1e6:.0f} MB is too large for an article "
                f"(limit {MAX_INPUT_BYTES / 1e6:.0f} MB)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror})") from None


def read_bytes(data: bytes, *, name: str) -> Article:
    """Parse bytes of any supported format into a raw Article."""
    return text.read(data, name=name)


def read_source(source: str) -> Article:
    """Read a file path into a raw (uncleaned) Article."""
    return read_bytes(load_bytes(source), name=source)
