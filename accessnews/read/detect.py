"""Format and character-encoding detection by content, not only by file extension."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Dropped

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (use `accessnews batch` for archives)"),
    (b"\x1f\x8b", "a gzip file (use `accessnews batch` for archives)"),
    (b"ID3", "an MP3 file"),
    (b"\x7fELF", "a program binary"),
    (b"RIFF", "a RIFF (WAV/WebP) file"),
)
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|title|body|meta|main|article|section|header|div|p|h[1-6])\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|article|p|div|h[1-6])\b[^>]*>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Detected:
    format: str  # "html" or "text"


def refuse_non_text(data: bytes, name: str) -> None:
    """Raise a one-line InputError for empty, binary or non-article files."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not an article")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary data, not an article")


def detect_format(data: bytes) -> Detected:
    """HTML if the content starts like a page or carries block markup, else plain text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at the characters
        data = data[:131072].decode("utf-16", errors="replace").encode("utf-8")
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or len(_HTML_ANYWHERE.findall(data[:65536])) >= 3:
        return Detected("html")
    return Detected("text")


def codec_of(charset: str) -> str:
    """Python's codec for a declared charset; browsers read latin-1 as windows-1252 (WHATWG)."""
    codec = charset.strip().lower()
    return "cp1252" if codec in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"} else codec


def transcode(data: bytes, charset: str) -> bytes:
    """Bytes as UTF-8 when a transport (an HTTP header) declared their charset.

    Valid UTF-8 (or a BOM) is kept as it is: it outranks a server's default header.
    """
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(codec_of(charset)).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def _line_by_line(data: bytes) -> tuple[str, tuple[int, ...]] | None:
    """UTF-8 text with a few lines in windows-1252 (pasted from an older file), decoded line
    by line: the text and the numbers of the repaired lines; None if it is not such a file."""
    lines = data.split(b"\n")
    texts: list[str] = []
    repaired: list[int] = []
    utf8_lines = 0
    for number, line in enumerate(lines, start=1):
        try:
            texts.append(line.decode("utf-8"))
            utf8_lines += not line.isascii()
        except UnicodeDecodeError:
            texts.append(line.decode("cp1252", errors="replace"))
            repaired.append(number)
    if utf8_lines == 0 or len(repaired) > utf8_lines:  # mostly not UTF-8: a single encoding
        return None
    return "\n".join(texts), tuple(repaired)


def decode_repairing(data: bytes, name: str) -> tuple[str, tuple[int, ...]]:
    """Decode bytes to text: BOM, UTF-8, UTF-8 with some windows-1252 lines (their numbers are
    returned for the audit trail), a declared HTML charset, then statistical detection."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), ()
    declared = _META_CHARSET.search(data[:4096])
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    mixed = _line_by_line(data)
    if mixed is not None:
        return mixed
    if declared:
        try:
            return data.decode(codec_of(declared.group(1).decode("ascii"))), ()
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: unknown character encoding (not UTF-8 and not recognisable)")
    return str(best), ()


def decode(data: bytes, name: str) -> str:
    """The text of `data` (see `decode_repairing`)."""
    return decode_repairing(data, name)[0]


_TAG = re.compile(r"<[^>]*>")


def repairs(text: str, numbers: tuple[int, ...]) -> tuple[Dropped, ...]:
    """Audit entries for the lines that were not UTF-8 in a UTF-8 file (nothing was removed);
    an HTML line is shown without its markup."""
    lines = text.split("\n")
    reason = "not UTF-8 in a UTF-8 file: this line was read as windows-1252"
    return tuple(
        Dropped("encoding", " ".join(_TAG.sub(" ", lines[n - 1]).split())[:80], reason, f"line {n}")
        for n in numbers
        if n <= len(lines)
    )
