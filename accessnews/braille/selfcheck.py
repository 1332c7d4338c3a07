"""Self-check: back-translate the BRF and compare its words with the print text, block by block.

liblouis' round trip is not perfect (apostrophes, dashes, all-caps passages), so the result is a
word accuracy plus the list of what differs, block by block. Words are compared
case-insensitively on their letters and digits only. liblouis 3.24 cannot back-translate UEB
emphasis indicators and writes them as escapes ("\\46/"): those are counted apart, not as words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..errors import RenderError
from .layout import Group, Page

_NON_WORD = re.compile(r"[^\w]+|_")
# How liblouis back-translates cells it cannot read (UEB emphasis indicators): "\46/".
_UNREAD = re.compile(r"\\[0-9a-f]+/")


@dataclass(frozen=True)
class Difference:
    source: str
    expected: str
    got: str

    def __str__(self) -> str:
        return f"{self.source}: {self.expected!r} -> {self.got!r}"


@dataclass(frozen=True)
class SelfCheck:
    """Word accuracy as 1 - word error rate: substituted, lost and inserted words all count."""

    words: int
    errors: int
    differences: tuple[Difference, ...]
    unread: int = 0  # indicators liblouis could not back-translate: not words, not counted

    @property
    def accuracy(self) -> float:
        return max(0.0, 1 - self.errors / self.words) if self.words else 1.0


def words(text: str) -> list[str]:
    """The words of a text for comparison: lower case, punctuation as separators."""
    return _NON_WORD.sub(" ", text.lower()).split()


def braille_by_source(pages: Sequence[Page], brf: bytes) -> dict[str, str]:
    """The braille text of each source as the BRF holds it, page furniture left out.

    The BRF's rows are read back from its bytes; the layout only says which block each row
    belongs to, so what is checked is what the embosser gets.
    """
    rows = [page.split(b"\r\n")[:-1] for page in brf.split(b"\f")[:-1]]
    if [len(page) for page in rows] != [len(page.lines) for page in pages]:
        raise RenderError("the BRF does not hold the pages that were laid out")
    joined: dict[str, list[str]] = {}
    for page, page_rows in zip(pages, rows, strict=True):
        for line, row in zip(page.lines, page_rows, strict=True):
            if line.source is not None and line.kind in ("text", "note"):
                joined.setdefault(line.source, []).append(row.decode("ascii").strip())
    return {source: " ".join(parts) for source, parts in joined.items()}


def self_check(
    groups: Sequence[Group],
    pages: Sequence[Page],
    brf: bytes,
    back_translate: Callable[[str], str],
    note: tuple[str, str] = ("", ""),
    print_form: Callable[[str], str] = str,
) -> SelfCheck:
    """Compare each group's print words with the back-translation of its braille in the BRF;
    `note` are the transcriber's note indicators, left out of the back-translation, and
    `print_form` gives the print text as the braille says it (characters without braille as
    the words of their notes)."""
    braille = braille_by_source(pages, brf)
    total = errors = unread = 0
    differences: list[Difference] = []
    for group in groups:
        expected = words(print_form(" ".join(para.print for para in group.paras)))
        cells = braille.get(group.source, "")
        for indicator in note:
            cells = cells.replace(indicator, " ") if indicator else cells
        back = back_translate(cells) if cells else ""
        unread += len(_UNREAD.findall(back))
        got = words(_UNREAD.sub("", back))
        matcher = SequenceMatcher(None, expected, got, autojunk=False)
        total += len(expected)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                errors += max(i2 - i1, j2 - j1)
                differences.append(
                    Difference(group.source, " ".join(expected[i1:i2]), " ".join(got[j1:j2]))
                )
    return SelfCheck(total, errors, tuple(differences), unread)
