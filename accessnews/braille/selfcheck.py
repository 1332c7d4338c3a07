"""Self-check: back-translate the braille as laid out and compare its words with the print text.

liblouis' round trip is not perfect (apostrophes, dashes, all-caps passages, emphasis
indicators), so the result is a word accuracy plus the list of what differs, block by block.
Words are compared case-insensitively on their letters and digits only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .cells import NOTE_CLOSE, NOTE_OPEN
from .layout import Group, Page

_NON_WORD = re.compile(r"[^\w]+|_")


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

    @property
    def accuracy(self) -> float:
        return max(0.0, 1 - self.errors / self.words) if self.words else 1.0


def words(text: str) -> list[str]:
    """The words of a text for comparison: lower case, punctuation as separators."""
    return _NON_WORD.sub(" ", text.lower()).split()


def braille_by_source(pages: Sequence[Page]) -> dict[str, str]:
    """The braille text of each source as it stands on the pages, furniture left out."""
    joined: dict[str, list[str]] = {}
    for page in pages:
        for line in page.lines:
            if line.source is not None and line.kind in ("text", "note"):
                joined.setdefault(line.source, []).append(line.text.strip())
    return {source: " ".join(parts) for source, parts in joined.items()}


def self_check(
    groups: Sequence[Group], pages: Sequence[Page], back_translate: Callable[[str], str]
) -> SelfCheck:
    """Compare each group's print words with the back-translation of its laid-out braille."""
    braille = braille_by_source(pages)
    total = errors = 0
    differences: list[Difference] = []
    for group in groups:
        expected = words(" ".join(para.print for para in group.paras))
        cells = braille.get(group.source, "").removeprefix(NOTE_OPEN).removesuffix(NOTE_CLOSE)
        got = words(back_translate(cells)) if cells else []
        matcher = SequenceMatcher(None, expected, got, autojunk=False)
        total += len(expected)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                errors += max(i2 - i1, j2 - j1)
                differences.append(
                    Difference(group.source, " ".join(expected[i1:i2]), " ".join(got[j1:j2]))
                )
    return SelfCheck(total, errors, tuple(differences))
