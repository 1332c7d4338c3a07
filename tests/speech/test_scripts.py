"""Paragraphs in other scripts are read by espeak-ng's voice for that script, never refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from accessnews.model import Article, Paragraph, Span
from accessnews.speech.engine import VoiceSettings
from accessnews.speech.scripts import dominant_script, voice_for_script

from .conftest import _render

ENGLISH = VoiceSettings("gmw/en", 175)


@pytest.mark.parametrize(
    ("text", "script", "voice"),
    [
        ("The minister spoke for an hour.", "LATIN", "gmw/en"),
        ("قال الوزير إن المشروع سيكتمل.", "ARABIC", "sem/ar"),
        ("השר אמר שהפרויקט יושלם.", "HEBREW", "sem/he"),
        ("北京欢迎你。", "CJK", "sit/cmn"),
        ("東京は今日晴れです。", "HIRAGANA", "jpx/ja"),  # kanji among kana: Japanese
        ("서울은 오늘 맑습니다.", "HANGUL", "ko"),
        ("Министр говорил час.", "CYRILLIC", "zle/ru"),
        ("He quoted «قال» once.", "LATIN", "gmw/en"),  # mostly English stays English
        ("1, 2, 3.", None, "gmw/en"),
    ],
)
def test_the_paragraph_script_chooses_the_voice(text: str, script: str | None, voice: str) -> None:
    assert dominant_script(text) == script
    assert voice_for_script(text, ENGLISH).voice == voice
    assert voice_for_script(text, ENGLISH).rate == ENGLISH.rate


def test_an_english_article_with_arabic_and_chinese_paragraphs(tmp_path: Path) -> None:
    """Once refused ('7.8 s of audio for 2 words'); now each paragraph has its own voice."""
    paragraphs = (
        "The statement was read in three languages.",
        "قال الوزير إن المشروع سيكتمل في العام المقبل.",
        "北京欢迎你，这是一个很长的句子。",
        "The ceremony ended at noon.",
    )
    article = Article(
        "Three languages",
        language="en-GB",
        blocks=tuple(Paragraph((Span(text),)) for text in paragraphs),
    )
    rendered = _render(article, tmp_path, "three")
    assert rendered.result.warnings == ()
    assert 8 < rendered.result.duration < 40
