"""A Unicode braille preview for sighted proofreaders: the BRF's pages, visibly separated."""

from __future__ import annotations

from collections.abc import Sequence

from .cells import to_unicode
from .layout import Page


def preview(pages: Sequence[Page]) -> str:
    """The pages in Unicode braille, each after a "--- page N ---" separator line."""
    parts = []
    for page in pages:
        rows = "".join(f"{to_unicode(row.rstrip())}\n" for row in page.rows)
        parts.append(f"--- page {page.number} of {len(pages)} ---\n{rows}")
    return "".join(parts)
