"""Article metadata a page declares for machines: JSON-LD, og:/article: meta tags, title, lang.

These sources describe the article without being part of its visible text, so they are read
from the whole document before any element is removed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml.html import HtmlElement

from ...dates import parse_date
from ..language import language_tag

ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "BlogPosting",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "LiveBlogPosting",
    }
)
# Some sites wrap JSON-LD in a (commented) CDATA section, which the HTML parser keeps as text.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")
_MAX_SUFFIX_WORDS = 5


@dataclass(frozen=True)
class PageMeta:
    """What the page says about its article; None/empty where it says nothing."""

    headline: str | None = None
    title: str | None = None
    standfirst: str | None = None
    bylines: tuple[str, ...] = ()
    meta_bylines: tuple[str, ...] = ()
    published: str | None = None
    publication: str | None = None
    language: str | None = None
    base_url: str | None = None
    body_text: str | None = None


def clean_text(value: Any) -> str | None:
    """A metadata string with whitespace collapsed, or None for empty or non-strings."""
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def iso_date(value: str | None) -> str | None:
    """ISO 8601 date or datetime from a machine date, falling back to a written-out date."""
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return parse_date(text)
    return parsed.date().isoformat() if len(text) <= 10 else parsed.isoformat()


def _json_ld_items(doc: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, flattening lists and `@graph`."""
    for script in doc.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(_CDATA.sub("", script.text or ""), strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack[:0] = item["@graph"]


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(kind in ARTICLE_TYPES for kind in kinds if isinstance(kind, str))


def _names(value: Any) -> tuple[str, ...]:
    """Names of JSON-LD persons/organisations given as a string, an object or a list."""
    values = value if isinstance(value, list) else [value]
    names = (clean_text(v.get("name") if isinstance(v, dict) else v) for v in values)
    return tuple(n for n in names if n and not n.startswith(("http://", "https://")))


def _meta(doc: HtmlElement) -> dict[str, str]:
    """`<meta property|name=... content=...>` as a dict (first occurrence wins)."""
    found: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or "").lower()
        content = clean_text(meta.get("content"))
        if key and content and key not in found:
            found[key] = content
    return found


def split_site_name(title: str, site: str | None) -> tuple[str, str | None]:
    """`Headline | Site name` -> (headline, site name): the suffix is the site or a few words."""
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        # A dash also joins the parts of a headline ("Lee - Chen debate"): the site is shorter.
        dash = separator.strip() in "-–—"
        short = len(tail.split()) <= _MAX_SUFFIX_WORDS and not (dash and len(tail) >= len(head))
        if found and head and (tail == site or short):
            return head.strip(), tail.strip()
    return title, None


def _base_url(doc: HtmlElement, meta: dict[str, str]) -> str | None:
    base = doc.xpath("//base/@href | //link[@rel='canonical']/@href")
    return clean_text(base[0]) if base else meta.get("og:url")


def page_meta(doc: HtmlElement) -> PageMeta:
    """JSON-LD first (it names the article), then og:/article: meta tags, then `<title>`."""
    article = next((item for item in _json_ld_items(doc) if _is_article(item)), {})
    meta = _meta(doc)
    publisher = article.get("publisher")
    publication = (_names(publisher) or (None,))[0] or meta.get("og:site_name")
    title, suffix = split_site_name(clean_text(doc.findtext(".//title")) or "", publication)
    return PageMeta(
        headline=clean_text(article.get("headline")) or meta.get("og:title"),
        title=title or None,
        standfirst=clean_text(article.get("description"))
        or meta.get("og:description")
        or meta.get("description"),
        bylines=_names(article.get("author")),
        meta_bylines=_names(meta.get("article:author")) or _names(meta.get("author")),
        published=iso_date(
            clean_text(article.get("datePublished")) or meta.get("article:published_time")
        ),
        publication=publication or suffix,
        language=language_tag(doc.get("lang") or doc.get("xml:lang"))
        or language_tag(clean_text(article.get("inLanguage")))
        or language_tag(meta.get("og:locale"))
        or language_tag(meta.get("content-language")),
        base_url=_base_url(doc, meta),
        body_text=body if isinstance(body := article.get("articleBody"), str) else None,
    )
