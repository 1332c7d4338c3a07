"""Lossless JSON form of the model: the public contract of `accessnews clean --json`.

Every block carries `id`, `type` and `text` (its plain text) so that other tools can read the
article without knowing the span format; the spans and per-type fields make the round-trip exact.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from .errors import InputError
from .model import (
    Article,
    Block,
    Dropped,
    Embed,
    Figure,
    Heading,
    Inlines,
    LanguageEvidence,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    block_type,
)

SCHEMA_VERSION = 1
_SPAN_DEFAULTS = {f.name: f.default for f in fields(Span) if f.name != "text"}


def spans_to_json(spans: Inlines) -> list[dict[str, Any]]:
    return [
        {"text": s.text}
        | {k: getattr(s, k) for k, d in _SPAN_DEFAULTS.items() if getattr(s, k) != d}
        for s in spans
    ]


def spans_from_json(data: list[dict[str, Any]]) -> Inlines:
    return tuple(Span(**item) for item in data)


def block_to_json(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"id": block.id, "type": block_type(block), "text": block.text}
    match block:
        case Heading():
            out |= {"level": block.level, "spans": spans_to_json(block.spans)}
        case Paragraph():
            out |= {"spans": spans_to_json(block.spans)}
        case Quote():
            out |= {"cite": block.cite, "spans": spans_to_json(block.spans)}
        case ListBlock():
            out |= {"ordered": block.ordered, "items": [spans_to_json(i) for i in block.items]}
        case Figure():
            out |= {
                "label": block.label,
                "caption": spans_to_json(block.caption),
                "credit": block.credit,
            }
        case Embed():
            out |= {
                "platform": block.platform,
                "author": block.author,
                "handle": block.handle,
                "date": block.date,
                "url": block.url,
                "spans": spans_to_json(block.text_spans),
            }
    return out


def block_from_json(data: dict[str, Any]) -> Block:
    kind = data["type"]
    if kind == "heading":
        return Heading(level=data["level"], spans=spans_from_json(data["spans"]))
    if kind == "paragraph":
        return Paragraph(spans=spans_from_json(data["spans"]))
    if kind == "quote":
        return Quote(spans=spans_from_json(data["spans"]), cite=data.get("cite"))
    if kind == "list":
        return ListBlock(
            ordered=data["ordered"], items=tuple(spans_from_json(i) for i in data["items"])
        )
    if kind == "figure":
        return Figure(
            caption=spans_from_json(data["caption"]),
            label=data.get("label"),
            credit=data.get("credit"),
        )
    if kind == "embed":
        return Embed(
            platform=data["platform"],
            text_spans=spans_from_json(data["spans"]),
            author=data.get("author"),
            handle=data.get("handle"),
            date=data.get("date"),
            url=data.get("url"),
        )
    raise InputError(f"unknown block type {kind!r} in model JSON")


def evidence_to_json(evidence: LanguageEvidence | None) -> dict[str, Any] | None:
    return asdict(evidence) if evidence is not None else None


def evidence_from_json(data: dict[str, Any] | None) -> LanguageEvidence | None:
    return LanguageEvidence(**data) if data is not None else None


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "title": article.headline,
        "standfirst": article.standfirst,
        "bylines": list(article.bylines),
        "date": article.published,
        "publication": article.publication,
        "language": article.language,
        "source": article.source,
        "language_evidence": evidence_to_json(article.language_evidence),
        "blocks": [block_to_json(b) for b in article.blocks],
        "dropped": [
            {"kind": d.kind, "text": d.text, "reason": d.reason, "where": d.where}
            for d in article.dropped
        ],
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    return Article(
        headline=data["title"],
        standfirst=data.get("standfirst"),
        bylines=tuple(data.get("bylines", ())),
        published=data.get("date"),
        publication=data.get("publication"),
        language=data.get("language", "en"),
        source=data.get("source"),
        blocks=tuple(block_from_json(b) for b in data.get("blocks", ())),
        dropped=tuple(Dropped(**d) for d in data.get("dropped", ())),
        language_evidence=evidence_from_json(data.get("language_evidence")),
    )


def dumps(article: Article) -> str:
    return json.dumps(article_to_dict(article), ensure_ascii=False, indent=2)


def loads(text: str) -> Article:
    return article_from_dict(json.loads(text))
