"""Braille lines and pages from translated blocks: BANA Braille Formats 2016, as pure functions.

liblouis translates but neither breaks lines nor paginates, so this module does both over Braille
ASCII strings (one character per cell). Cell positions are 1-based as BANA writes them: a "3-1"
paragraph starts in cell 3 and runs over to cell 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

CENTRE_MARGIN = 3  # blank cells at least on each side of a centred heading (BANA Formats §4)
NUMBER_GAP = 3  # blank cells at least before a braille page number (BANA Formats §1.15)
KEEP_LINES = 2  # a heading is followed by at least this many lines of text on its page
BOX_OPEN = "7"  # dots 2356: the full-width line that opens boxed material (BANA Formats §3.9)
BOX_CLOSE = "G"  # dots 1245: the full-width line that closes it


@dataclass(frozen=True)
class Para:
    """One run of braille with its margins; `print` is the text it was translated from."""

    cells: str
    print: str = ""
    first: int = 1
    runover: int = 1
    centred: bool = False
    note: bool = False  # a transcriber's note (its cells hold the code's note indicators)
    rule: str = ""  # a full-width box line of this cell instead of text (BOX_OPEN, BOX_CLOSE)


@dataclass(frozen=True)
class Group:
    """The braille of one block (or one front-matter item) and how it sits among the others."""

    source: str
    paras: tuple[Para, ...]
    blank_before: bool = False
    blank_after: bool = False
    keep_with_next: bool = False


@dataclass(frozen=True)
class PageSetup:
    cells: int = 40
    lines: int = 25
    page_numbers: str = "bottom"  # "bottom" | "top" | "none"
    interpoint: bool = False
    running_head: str = ""  # braille of the headline, shortened to fit; "" for none


@dataclass(frozen=True)
class Line:
    """One braille line; `source` names the block its text came from (None for page furniture)."""

    text: str
    source: str | None = None
    kind: str = "text"  # "text" | "note" | "rule" | "blank" | "fill" | "number" | "head"


BLANK = Line("", None, "blank")
FILL = Line("", None, "fill")  # empty rows above a bottom page number: not a blank line of text


@dataclass(frozen=True)
class Page:
    number: int
    lines: tuple[Line, ...]

    @property
    def rows(self) -> tuple[str, ...]:
        return tuple(line.text for line in self.lines)


def wrap(cells: str, first_width: int, rest_width: int) -> list[str]:
    """Break braille into lines between braille words; only a word longer than a line is cut."""
    lines: list[str] = []
    current = ""
    for word in cells.split():
        width = first_width if not lines else rest_width
        if not current and len(word) <= width:
            current = word
        elif current and len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            if current:
                lines.append(current)
                width = rest_width
            while len(word) > width:
                lines.append(word[:width])
                word, width = word[width:], rest_width
            current = word
    if current:
        lines.append(current)
    return lines


def shorten(cells: str, width: int) -> str:
    """The leading whole braille words of `cells` that fit in `width` (a running head)."""
    head = ""
    for word in cells.split():
        longer = f"{head} {word}" if head else word
        if len(longer) > width:
            break
        head = longer
    return head


def lay_out_group(group: Group, cells: int) -> list[Line]:
    """The lines of one group at a given line length, margins and indicators applied."""
    lines: list[Line] = []
    for para in group.paras:
        if para.rule:
            lines.append(Line(para.rule * cells, group.source, "rule"))
            continue
        text = para.cells
        kind = "note" if para.note else "text"
        if para.centred:
            width = cells - 2 * CENTRE_MARGIN
            for row in wrap(text, width, width):
                lines.append(Line(" " * ((cells - len(row)) // 2) + row, group.source, kind))
            continue
        first, rest = " " * (para.first - 1), " " * (para.runover - 1)
        rows = wrap(text, cells - len(first), cells - len(rest))
        lines.extend(
            Line((first if i == 0 else rest) + row, group.source, kind)
            for i, row in enumerate(rows)
        )
    return lines


def _shows_number(setup: PageSetup, number: int) -> bool:
    """Interpoint: only right-hand (odd) pages carry a number (BANA lets left-hand ones omit it)."""
    return setup.page_numbers != "none" and (not setup.interpoint or number % 2 == 1)


def _top_line(setup: PageSetup, number: int, label: str) -> Line | None:
    """Line 1: the running head centred (pages after the first) and/or a top page number."""
    head = setup.running_head if number > 1 else ""
    shown = label if setup.page_numbers == "top" and _shows_number(setup, number) else ""
    if not head and not shown:
        return None
    row = [" "] * setup.cells
    if head:
        start = (setup.cells - len(head)) // 2
        row[start : start + len(head)] = head
    if shown:
        row[setup.cells - len(shown) :] = shown
    return Line("".join(row).rstrip(), None, "head" if head else "number")


def _body_rows(setup: PageSetup, number: int, label: str) -> int:
    """How many lines of text fit on page `number`."""
    reserved = (setup.page_numbers == "bottom") + (_top_line(setup, number, label) is not None)
    return setup.lines - reserved


def _assemble(setup: PageSetup, number: int, label: str, body: list[Line]) -> Page:
    lines = list(body)
    top = _top_line(setup, number, label)
    if top is not None:
        lines.insert(0, top)
    if setup.page_numbers == "bottom" and _shows_number(setup, number):
        lines.extend([FILL] * (setup.lines - 1 - len(lines)))
        lines.append(Line(" " * (setup.cells - len(label)) + label, None, "number"))
    return Page(number, tuple(lines))


def _kept(groups: Sequence[Group], laid: Sequence[list[Line]], index: int, blank: bool) -> int:
    """Lines a kept group needs on its page: itself and KEEP_LINES lines of the next group."""
    need = blank + len(laid[index])
    if index + 1 < len(groups):
        between = groups[index].blank_after or groups[index + 1].blank_before
        need += between + min(KEEP_LINES, len(laid[index + 1]))
    return need


def paginate(
    groups: Sequence[Group], setup: PageSetup, label: Callable[[int], str]
) -> tuple[Page, ...]:
    """Pages of braille from groups; `label(n)` is the braille page number of page n.

    Blank lines are never doubled, never at the top or the bottom of a page; a group marked
    keep_with_next (a heading) moves to a new page unless KEEP_LINES lines of the next group fit
    after it.
    """
    laid = [lay_out_group(group, setup.cells) for group in groups]
    pages: list[Page] = []
    body: list[Line] = []
    number = 1
    room = _body_rows(setup, number, label(number))

    def new_page() -> None:
        nonlocal body, number, room
        pages.append(_assemble(setup, number, label(number), body))
        body, number = [], number + 1
        room = _body_rows(setup, number, label(number))

    blank_after = False
    for index, (group, lines) in enumerate(zip(groups, laid, strict=True)):
        blank = bool(body) and (group.blank_before or blank_after)
        if group.keep_with_next and body and len(body) + _kept(groups, laid, index, blank) > room:
            new_page()
            blank = False
        if blank:
            if len(body) + 1 < room:
                body.append(BLANK)
            else:
                new_page()
        for line in lines:
            if len(body) >= room:
                new_page()
            body.append(line)
        blank_after = group.blank_after
    if body:
        pages.append(_assemble(setup, number, label(number), body))
    return tuple(pages)
