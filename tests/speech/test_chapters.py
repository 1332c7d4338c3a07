"""The chapter plan: headline chapter, one per section, long sections split by the rule."""

from __future__ import annotations

from accessnews.speech.chapters import (
    MAX_SECONDS,
    MIN_SECONDS,
    TARGET_SECONDS,
    opening_words,
    plan_chapters,
    words,
)
from accessnews.speech.spoken import Utterance

RATE = 180  # words per minute: 3 words a second


def utterance(index: int, seconds: int, kind: str = "paragraph", title: str = "") -> Utterance:
    text = " ".join(["word"] * (seconds * RATE // 60))
    return Utterance(f"b{index:03d}", kind, title or f"Paragraph {index} starts here.", text)


def lengths(utterances, plan) -> list[float]:
    firsts = [c.first for c in plan] + [len(utterances)]
    return [
        sum(words(u.text) * 60 / RATE for u in utterances[a:b])
        for a, b in zip(firsts, firsts[1:], strict=False)
    ]


def test_one_chapter_per_section_titled_by_headline_and_headings():
    utterances = (
        utterance(0, 3, "headline", "The headline"),
        utterance(1, 20),
        utterance(2, 5, "heading", "First section"),
        utterance(3, 30),
        utterance(4, 5, "heading", "Second section"),
        utterance(5, 30),
    )
    plan = plan_chapters(utterances, RATE)
    assert [(c.first, c.title) for c in plan] == [
        (0, "The headline"),
        (2, "First section"),
        (4, "Second section"),
    ]


def test_long_section_is_split_at_block_boundaries_into_navigable_chapters():
    utterances = (utterance(0, 3, "headline", "The headline"),) + tuple(
        utterance(i, 25) for i in range(1, 13)
    )  # 303 s in one section
    plan = plan_chapters(utterances, RATE)
    assert len(plan) >= 3
    assert plan[0].title == "The headline"
    for seconds in lengths(utterances, plan):
        assert MIN_SECONDS <= seconds <= MAX_SECONDS
    assert all(c.title.startswith("Paragraph") for c in plan[1:])


def test_no_stub_chapter_at_the_end_of_a_section():
    utterances = tuple(utterance(i, s) for i, s in enumerate((3, 62, 62, 10)))
    plan = plan_chapters(utterances, RATE)
    assert lengths(utterances, plan)[-1] >= MIN_SECONDS


def test_short_article_is_one_chapter():
    utterances = (utterance(0, 3, "headline", "H"), utterance(1, TARGET_SECONDS))
    assert len(plan_chapters(utterances, RATE)) == 1


def test_titles_from_content_are_the_opening_words_of_the_first_sentence():
    assert opening_words("Short one. Then more.") == "Short one."
    assert opening_words("“One two three four five six seven eight nine ten”") == (
        "One two three four five six seven eight…"
    )
