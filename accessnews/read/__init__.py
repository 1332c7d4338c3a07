"""Readers: one module per input format, each `read(data: bytes, *, name: str) -> Article`.

`read_source` fetches (http(s) URLs) or loads the input, detects its format by content (not by
the file extension) and dispatches.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..fileio import read_regular
from ..model import Article
from . import text
from .detect import detect_format, transcode

MAX_INPUT_BYTES = 20 * 1024 * 1024


class Reader(Protocol):
    """A format's reader: bytes to a raw Article (`base_url`: the page's address, if any)."""

    def __call__(self, data: bytes, *, name: str, base_url: str | None) -> Article: ...


def _html(data: bytes, *, name: str, base_url: str | None) -> Article:
    # Imported here: lxml and the HTML reader take ~30 ms to import, and every CLI run of a
    # plain-text article would pay it.
    from . import html

    return html.read(data, name=name, base_url=base_url)


def _text(data: bytes, *, name: str, base_url: str | None) -> Article:
    return text.read(data, name=name)  # plain text has no relative links to resolve


# Each format detect_format names, and its reader.
READERS: dict[str, Reader] = {"html": _html, "text": _text}


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def load_bytes(source: str) -> bytes:
    """The raw bytes of a file, with one-line errors for what a user can get wrong."""
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(
                f"{source}: {size / 1e6:.0f} MB is too large for an article "
                f"(limit {MAX_INPUT_BYTES / 1e6:.0f} MB)"
            )
        return read_regular(path, MAX_INPUT_BYTES, source)
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot read ({error.strerror})") from None


def read_bytes(
    data: bytes, *, name: str, charset: str | None = None, base_url: str | None = None
) -> Article:
    """Parse bytes of any supported format into a raw Article.

    `charset` is what a transport (an HTTP header) declared; `base_url` is the page's address.
    """
    if charset:
        data = transcode(data, charset)
    return READERS[detect_format(data).format](data, name=name, base_url=base_url)


def read_source(source: str, *, public_only: bool = False) -> Article:
    """Read a file path or an http(s) URL into a raw (uncleaned) Article.

    `public_only`: a URL, and every address it redirects to, must be on a public address.
    """
    if is_url(source):
        # Imported here: http.client and the TLS stack, for URLs only.
        from .fetch import DEFAULT_POLICY, PUBLIC_ONLY, fetch

        policy = PUBLIC_ONLY if public_only else DEFAULT_POLICY
        page = fetch(source, max_bytes=MAX_INPUT_BYTES, policy=policy)
        return read_bytes(page.data, name=source, charset=page.charset, base_url=page.url)
    return read_bytes(load_bytes(source), name=source)
