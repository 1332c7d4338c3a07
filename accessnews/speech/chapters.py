"""The chapter plan: which utterances start a chapter, and each chapter's title.

The rule (documented in the README):
1. Sections: the headline section (headline, byline, standfirst and every block before the
   first heading), then one section per heading.
2. A section longer than MAX_SECONDS of speech is split at block boundaries into parts: a part
   closes once it holds TARGET_SECONDS and the rest of the section still holds MIN_SECONDS, so
   no chapter is a stub. Lengths are estimated from word counts at the voice's rate (the plan
   is made before synthesis; the chapter *times* come from the audio itself).
3. Titles: a section's first part is titled by the headline or heading; a later part by the
   opening words of its first block (at most TITLE_WORDS words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spoken import Utterance

TARGET_SECONDS = 60
MIN_SECONDS = 30
MAX_SECONDS = 120
TITLE_WORDS = 8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class PlannedChapter:
    first: int  # index of the utterance that starts the chapter
    title: str


def words(text: str) -> int:
    return len(_WORD.findall(text))


def opening_words(text: str, limit: int = TITLE_WORDS) -> str:
    """The start of `text` as a title: its first sentence, cut to `limit` words with an ellipsis."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].strip(" \"'“”‘’")
    tokens = sentence.split()
    return " ".join(tokens) if len(tokens) <= limit else " ".join(tokens[:limit]) + "…"


def _sections(utterances: tuple[Utterance, ...]) -> list[list[int]]:
    sections: list[list[int]] = [[]]
    for index, utterance in enumerate(utterances):
        if utterance.kind == "heading" and sections[-1]:
            sections.append([])
        sections[-1].append(index)
    return sections


def _split(section: list[int], lengths: list[float]) -> list[list[int]]:
    """Cut one section into parts by the rule above (lengths in seconds, per utterance)."""
    if sum(lengths[i] for i in section) <= MAX_SECONDS:
        return [section]
    parts: list[list[int]] = [[]]
    remaining = sum(lengths[i] for i in section)
    current = 0.0
    for index in section:
        if current >= TARGET_SECONDS and remaining >= MIN_SECONDS:
            parts.append([])
            current = 0.0
        parts[-1].append(index)
        current += lengths[index]
        remaining -= lengths[index]
    return parts


def plan_chapters(utterances: tuple[Utterance, ...], rate_wpm: int) -> tuple[PlannedChapter, ...]:
    """Chapters for the utterances of one article, spoken at `rate_wpm`."""
    lengths = [words(u.text) * 60 / rate_wpm for u in utterances]
    chapters = []
    for section in _sections(utterances):
        for number, part in enumerate(_split(section, lengths)):
            first = utterances[part[0]]
            title = first.title if number == 0 else opening_words(first.title)
            chapters.append(PlannedChapter(part[0], title.strip() or opening_words(first.text)))
    return tuple(chapters)
