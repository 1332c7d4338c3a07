"""WARC (web archive) members: the HTML pages of an Internet Archive / Common Crawl capture.

Parsing is warcio's job (record framing, chunked and gzip transfer encodings); this module only
decides which records are articles and where their outputs go (host/path of the captured URL).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

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


def _damaged(path: Path, why: object, read: int) -> Member:
    problem = f"damaged WARC file: {why} ({read} record(s) read; anything after that is missing)"
    return Member(path.name, problem=problem, failed=True)


def warc_members(path: Path, budget: Budget, with_data: bool) -> Iterator[Member]:
    """Every record of a .warc or .warc.gz, in order; then a failed member if it is damaged."""
    read = 0
    with open(path, "rb") as stream, contextlib.redirect_stderr(io.StringIO()):
        # warcio prints its own warnings about bad lengths; they become the report's line here.
        records = ArchiveIterator(stream)
        try:
            for record in records:
                member = _judge(record, budget, with_data)
                records.read_to_end()
                missing = getattr(record.raw_stream, "limit", 0)
                if missing > 0:  # its Content-Length runs past the end of the file
                    why = f"the record of {member.name} is {missing} bytes short of its length"
                    yield _damaged(path, why, read)
                    return
                read += 1
                yield member
        except AttributeError:  # warcio's own bug on a record cut inside its headers
            yield _damaged(path, "a record's headers are cut short", read)
        except (ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, OSError) as error:
            yield _damaged(path, error, read)
