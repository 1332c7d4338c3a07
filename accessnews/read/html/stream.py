"""Pages streamed by React's server renderer: put each streamed part where the page shows it.

A streaming server sends the page's frame first, with an empty `<template id="P:n">` (or a
boundary `<template id="B:n">` followed by a "Loading…" fallback) where a part will go, and the
part itself later in the page as `<div hidden id="S:n">`; a script then moves it into place.
Saved as it was sent, such a page hides whole sections of its article in hidden divs, which
the chrome rules drop and the article element leaves out. The segment and its placeholder share
the number `n`.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_SEGMENT = re.compile(r"S:([0-9a-z]+)")
# A boundary's fallback runs from its template to the comment closing it (`<!--/$-->`);
# `<!--$-->`, `<!--$?-->` and `<!--$!-->` open nested boundaries.
_OPEN, _CLOSE = frozenset({"$", "$?", "$!"}), "/$"
_LABEL_WORDS = 3


def place_streamed_parts(body: HtmlElement) -> None:
    """Replace each placeholder with the hidden segment of the same number (nested segments
    land where their outer segment put their placeholder)."""
    segments = {}
    for div in body.iter("div"):
        found = _SEGMENT.fullmatch(div.get("id", ""))
        if found and div.get("hidden") is not None:
            segments[found.group(1)] = div
    if not segments:
        return
    templates = {t.get("id", ""): t for t in body.iter("template")}
    for number, segment in segments.items():
        placeholder = templates.get(f"P:{number}")
        boundary = templates.get(f"B:{number}")
        if placeholder is not None:
            _replace(placeholder, segment)
        elif boundary is not None:
            _drop_fallback(boundary)
            _replace(boundary, segment)


def _replace(template: HtmlElement, segment: HtmlElement) -> None:
    """Move the segment's content in place of the template; the emptied segment goes."""
    parent = template.getparent()
    if parent is None or template in segment.iterancestors():
        return
    index = parent.index(template)
    if segment.text and segment.text.strip():
        _append_text(parent, index, segment.text)
    for offset, child in enumerate(list(segment)):
        parent.insert(index + offset, child)
    template.drop_tree()  # keeps its tail text
    if segment.getparent() is not None:  # not already gone with a fallback around it
        segment.drop_tree()


def _append_text(parent: HtmlElement, index: int, text: str) -> None:
    """Text before the element at `index`: the tail of the one before it, or the parent's."""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


def _drop_fallback(boundary: HtmlElement) -> None:
    """Remove what a boundary shows until its part arrives ("Loading…"): the nodes up to the
    comment that closes it; in a page saved without its comments, the element right after the
    boundary when it is a few words of text alone (a spinner's label)."""
    fallback = []
    depth = 0
    sibling = boundary.getnext()
    while sibling is not None:
        if not isinstance(sibling.tag, str):  # a comment
            text = (sibling.text or "").strip()
            if text == _CLOSE and depth == 0:
                break
            depth += 1 if text in _OPEN else -1 if text == _CLOSE else 0
        fallback.append(sibling)
        sibling = sibling.getnext()
    else:
        following = boundary.getnext()
        short = following is not None and len(following.text_content().split()) <= _LABEL_WORDS
        fallback = [following] if short and not len(following) else []
    for node in fallback:
        node.drop_tree()
