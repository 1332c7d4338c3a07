"""Editing text inside span sequences by character offsets of their plain text.

Rules are matched on a block's plain text; these helpers apply the result to the spans so that
emphasis and links on the words that remain are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from ..model import Inlines, Span

_SPACES = re.compile(r"\s+")


def map_spans(spans: Inlines, change: Callable[[str], str]) -> Inlines:
    """Each span's text rewritten by `change`; spans left empty disappear."""
    out = (replace(span, text=change(span.text)) for span in spans)
    return tuple(span for span in out if span.text)


def cut_spans(spans: Inlines, ranges: Iterable[tuple[int, int]]) -> Inlines:
    """The spans without the characters in `ranges` (offsets into the plain text)."""
    cuts = sorted(ranges)
    out: list[Span] = []
    offset = 0
    for span in spans:
        end = offset + len(span.text)
        kept = []
        position = offset
        for start, stop in cuts:
            if stop <= position or start >= end:
                continue
            kept.append(span.text[position - offset : max(start, position) - offset])
            position = max(position, min(stop, end))
        kept.append(span.text[position - offset :])
        text = "".join(kept)
        if text:
            out.append(replace(span, text=text))
        offset = end
    return tuple(out)


def slice_spans(spans: Inlines, start: int, stop: int) -> Inlines:
    """The spans covering plain-text offsets [start, stop)."""
    total = sum(len(span.text) for span in spans)
    return cut_spans(spans, ((0, start), (stop, total)))


def _squeeze(text: str, keep_newlines: bool) -> str:
    if not keep_newlines:
        return _SPACES.sub(" ", text)
    return _SPACES.sub(lambda m: "\n" if "\n" in m.group(0) else " ", text)


def tidy(spans: Inlines, *, keep_newlines: bool = False) -> Inlines:
    """Whitespace runs collapsed (also across span boundaries) and the ends stripped.

    Newlines survive only where asked (an embedded post's line breaks), as single newlines.
    """
    out: list[Span] = []
    after_space = True
    for span in spans:
        text = _squeeze(span.text, keep_newlines)
        if after_space:
            text = text.lstrip() if not out or out[-1].text.endswith("\n") else text.lstrip(" ")
        if out and text.startswith("\n") and out[-1].text.endswith(" "):
            out[-1] = replace(out[-1], text=out[-1].text.rstrip(" "))
        if text:
            out.append(replace(span, text=text))
            after_space = text[-1] in " \n"
    while out and not out[-1].text.rstrip():
        out.pop()
    if out:
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return tuple(out)
