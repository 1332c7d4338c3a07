"""Plain-text and Markdown-ish articles as people save them.

The shape: headline on the first line (or a `# ` heading), then an optional byline and date,
then blank-line-separated blocks: `##` headings, `-`/`*`/`1.` lists, `>` quotations and
paragraphs with `*italic*`, `**bold**`, `` `code` `` and `[links](url)`. The reader parses
only; caption lines, embedded posts and boilerplate are left to the cleaning transforms.
"""

from __future__ import annotations

import re

from ..dates import find_date
from ..errors import InputError
from ..model import (
    Article,
    Block,
    Heading,
    Inlines,
    ListBlock,
    Paragraph,
    Quote,
    Span,
)
from .detect import decode_repairing, refuse_non_text, repairs
from .mojibake import repair_mojibake

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+(.*)$")
_QUOTE = re.compile(r"^\s{0,3}>\s?(.*)$")
_INLINE = re.compile(
    r"\[(?P<ltext>[^\]\n]+)\]\((?P<url>[^)\s]+)\)"
    r"|(?P<bmark>\*\*|__)(?P<bold>\S(?:.*?\S)?)(?P=bmark)"
    r"|(?<![\w*])\*(?P<istar>[^\s*](?:[^*]*?[^\s*])?)\*(?![\w*])"
    r"|(?<!\w)_(?P<iund>[^\s_](?:[^_]*?[^\s_])?)_(?!\w)"
    r"|`(?P<code>[^`\n]+)`"
)
_BYLINE_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|and|y|et|de|van|von|der|la|le|da|di)$")
_MAX_BYLINE_WORDS = 12


def parse_inlines(text: str) -> Inlines:
    """Markdown-ish inline markup to spans; text without markup stays one span."""
    spans: list[Span] = []
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()]))
        if match["ltext"] is not None:
            spans.append(Span(match["ltext"], link=match["url"]))
        elif match["bold"] is not None:
            spans.append(Span(match["bold"], bold=True))
        elif match["code"] is not None:
            spans.append(Span(match["code"], code=True))
        else:
            spans.append(Span(match["istar"] or match["iund"], italic=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def _chunks(text: str) -> list[list[str]]:
    """Blank-line-separated groups of non-empty lines."""
    chunks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            chunks[-1].append(line.rstrip())
        elif chunks[-1]:
            chunks.append([])
    return [c for c in chunks if c]


def _join(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines)


def _split_markers(lines: list[str], pattern: re.Pattern[str]) -> list[str] | None:
    """Item texts if every line starts an item or continues the previous one, else None."""
    if not pattern.match(lines[0]):
        return None
    items: list[str] = []
    for line in lines:
        match = pattern.match(line)
        if match:
            items.append(match.group(1).strip())
        elif line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        else:
            return None
    return items


def _blocks_of(lines: list[str]) -> list[Block]:
    """One chunk of lines to blocks; a heading line may lead a paragraph without a blank line."""
    heading = _HEADING.match(lines[0])
    if heading:
        rest = _blocks_of(lines[1:]) if len(lines) > 1 else []
        return [Heading(len(heading.group(1)), parse_inlines(heading.group(2))), *rest]
    body = [quoted.group(1) for line in lines if (quoted := _QUOTE.match(line))]
    if len(body) == len(lines):  # every line is quoted
        return [Quote(parse_inlines(_join(part))) for part in _chunks("\n".join(body))]
    for pattern, ordered in ((_BULLET, False), (_NUMBERED, True)):
        items = _split_markers(lines, pattern)
        if items and (len(items) > 1 or ordered is False):
            return [ListBlock(ordered, tuple(parse_inlines(item) for item in items))]
    return [Paragraph(parse_inlines(_join(lines)))]


def _looks_like_byline(line: str) -> bool:
    """ "By Name", or a short run of capitalised names with no sentence punctuation."""
    if line.lower().startswith(("by ", "por ", "par ", "von ")):
        return True
    words = line.replace(",", " ").split()
    return (
        0 < len(words) <= _MAX_BYLINE_WORDS
        and not line.rstrip().endswith((".", "!", "?", ":", "”", '"'))
        and all(_BYLINE_WORD.match(w) for w in words)
    )


def _split_byline(line: str) -> tuple[str, ...]:
    body = re.sub(r"^(?:by|por|par|von)\s+", "", line.strip(), flags=re.IGNORECASE)
    names = re.split(r",\s*|\s+(?:and|y|et|und|&)\s+", body)
    return tuple(n.strip() for n in names if n.strip())


def _line_date(line: str) -> str | None:
    """The ISO date of a line that is a date (with at most a few words around it), else None."""
    found = find_date(line)
    if found is None or len(line) > len(found[1].group(0)) + 40:
        return None
    return found[0]


def _is_date_line(line: str) -> bool:
    return _line_date(line) is not None


def read(data: bytes, *, name: str) -> Article:
    """Parse a plain-text or Markdown-ish article."""
    refuse_non_text(data, name)
    text, repaired = decode_repairing(data, name)
    text, unmangled = repair_mojibake(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _chunks(text)
    if not chunks:
        raise InputError(f"{name}: no article text")
    first = chunks.pop(0)
    heading = _HEADING.match(first[0])
    headline = heading.group(2) if heading else first[0].strip()
    if len(first) > 1:
        chunks.insert(0, first[1:])

    bylines: tuple[str, ...] = ()
    published: str | None = None
    while chunks and len(chunks[0]) == 1 and len(chunks[0][0]) <= 120:
        line = chunks[0][0].strip()
        if not bylines and _looks_like_byline(line) and not _is_date_line(line):
            bylines = _split_byline(line)
        elif published is None and (date := _line_date(line)) is not None:
            published = date
        else:
            break
        chunks.pop(0)

    blocks = [block for chunk in chunks for block in _blocks_of(chunk)]
    if not blocks:
        raise InputError(f"{name}: no article text after the headline")
    return Article(
        headline=headline,
        blocks=tuple(blocks),
        bylines=bylines,
        published=published,
        source=name,
        dropped=(*repairs(text, repaired), *unmangled),
    )
