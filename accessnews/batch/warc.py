"""WARC (web archive) members: the HTML pages of an Internet Archive / Common Crawl capture.

Parsing is warcio's job (record framing, chunked and gzip transfer encodings); this module only
decides which records are articles and where their outputs go (host/path of the captured URL).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from .members import Member
from .safety import Budget, Refused, safe_parts

_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _url_name(url: str) -> str:
    """`https://host/a/b/?q=1` as the relative name `host/a/b/index-q=1`."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path or path.endswith("/"):
        path += "index"
    query = f"-{parts.query}" if parts.query else ""
    return f"{parts.hostname or 'unknown-host'}/{path.lstrip('/')}{query}"


def _content_type(record: ArcWarcRecord) -> str:
    http = record.http_headers
    header = http.get_header("Content-Type") if http else None
    header = header or record.rec_headers.get_header("Content-Type") or ""
    return header.split(";", 1)[0].strip().lower()


def _judge(record: ArcWarcRecord, budget: Budget, with_data: bool) -> Member:
    headers = record.rec_headers
    kind = record.rec_type
    url = headers.get_header("WARC-Target-URI") or ""
    name = url or f"{kind} record {headers.get_header('WARC-Record-ID') or ''}".strip()
    if kind not in ("response", "resource"):
        return Member(name, problem=f"WARC {kind} record, not a captured page")
    http = record.http_headers
    status = http.get_statuscode() if http is not None and kind == "response" else "200"
    if status != "200":
        return Member(name, problem=f"HTTP {status} response, not a page")
    content_type = _content_type(record)
    if not content_type.startswith(_PAGE_TYPES):
        return Member(name, problem=f"not an article ({content_type or 'no type'})")
    try:
        parts = safe_parts(_url_name(url))
        if not with_data:
            return Member(name, parts)
        return Member(name, parts, budget.read(record.content_stream(), None))
    except Refused as refusal:
        return Member(name, problem=str(refusal), failed=True)


def warc_members(path: Path, budget: Budget, with_data: bool) -> Iterator[Member]:
    """Every record of a .warc or .warc.gz, in order."""
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream):
                yield _judge(record, budget, with_data)
        except ArchiveLoadFailed as error:
            yield Member(path.name, problem=f"unreadable WARC record: {error}", failed=True)
