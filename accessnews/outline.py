"""A readable outline of a clean article and its audit trail, for `accessnews clean`."""

from __future__ import annotations

import textwrap
from collections import Counter
from collections.abc import Iterable

from . import model
from .model import Article, Block, Embed, Figure, Heading, ListBlock, block_type, plain


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _describe(block: Block) -> str:
    match block:
        case Heading():
            return f"{'#' * block.level} {block.text}"
        case Figure():
            return f"[image] {block.text}" + (f"  (credit: {block.credit})" if block.credit else "")
        case Embed():
            who = " ".join(
                x for x in (block.author, f"(@{block.handle})" if block.handle else None) if x
            )
            posted = f"{block.platform} post by {who or 'unknown'}, {block.date or 'undated'}"
            return f"[{posted}] {block.text}"
        case ListBlock():
            return "\n".join(
                f"{f'{number}.' if block.ordered else '-'} {plain(item)}"
                for number, item in enumerate(block.items, start=1)
            )
        case _:
            return block.text


def describe_language(article: Article) -> str:
    """The language line of the outline: the tag and how it was chosen."""
    evidence = article.language_evidence
    if evidence is None:
        return article.language
    parts = [evidence.source]
    if evidence.detected is not None and evidence.confidence is not None:
        parts.append(f"text reads as {evidence.detected} at {evidence.confidence:.2f}")
    if evidence.declared is not None and evidence.source != "declared":
        parts.append(f"page declares {evidence.declared}")
    return f"{article.language} ({'; '.join(parts)})"


def outline(article: Article) -> str:
    """Metadata, one entry per block (id, type, shortened text), then what cleaning dropped."""
    lines = [f"Title:    {article.headline}"]
    for label, value in (
        ("Standfirst", article.standfirst),
        ("By", ", ".join(article.bylines) or None),
        ("Date", article.published),
        ("Publication", article.publication),
        ("Language", describe_language(article)),
        ("Source", article.source),
    ):
        if value:
            lines.append(f"{label + ':':<10}{value}")
    lines.append(f"\n{len(article.blocks)} blocks:")
    for block in article.blocks:
        body = textwrap.indent(_describe(block), " " * 22).lstrip()
        lines.append(f"  {block.id}  {block_type(block):<9} {_shorten(body, 200)}")
    lines.append(f"\n{len(article.dropped)} dropped:")
    for item in article.dropped:
        where = f" {item.where}" if item.where else ""
        lines.append(f"  dropped {item.kind} '{_shorten(item.text)}'{where} ({item.reason})")
    if article.dropped:
        lines += ["\ndropped by family (kind: reason):", *family_counts(article.dropped)]
    return "\n".join(lines)


def family_counts(dropped: Iterable[model.Dropped]) -> list[str]:
    """How many entries each rule family (kind and reason) dropped, one line each: a reviewer
    scans these for false positives before reading single entries."""
    families = Counter((item.kind, item.reason) for item in dropped)
    return [f"  {count:6d}  {kind}: {reason}" for (kind, reason), count in sorted(families.items())]
