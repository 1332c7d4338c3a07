"""BRF: Braille ASCII pages for embossers; CR LF line ends, a form feed after every page."""

from __future__ import annotations

from collections.abc import Sequence

from .layout import Page


def brf(pages: Sequence[Page]) -> bytes:
    """The BRF bytes of laid-out pages (only 0x20-0x5F, CR, LF, FF; no trailing spaces)."""
    return brf_of_rows([page.rows for page in pages])


def brf_of_rows(pages: Sequence[Sequence[str]]) -> bytes:
    """The BRF bytes of pages given as rows of Braille ASCII (a PEF's pages, read back)."""
    text = "".join("".join(f"{row.rstrip()}\r\n" for row in rows) + "\f" for rows in pages)
    return text.encode("ascii")
