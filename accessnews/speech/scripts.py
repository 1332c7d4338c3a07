"""The voice for a paragraph in another script: the article's voice reads Latin letters; a
paragraph written mostly in Arabic, Hebrew, CJK, Cyrillic... is read by espeak-ng's voice for
that script (scripts.toml) instead of being spelled out letter by letter."""

from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter
from dataclasses import replace
from functools import cache

from ..data import data
from .engine import VoiceSettings

SCRIPT_VOICES = data(__package__, "scripts.toml")
_KANA = ("HIRAGANA", "KATAKANA")


@cache
def _voices() -> dict[str, str]:
    return tomllib.loads(SCRIPT_VOICES.read_text(encoding="utf-8"))


def dominant_script(text: str) -> str | None:
    """The script of most letters in `text` (first word of their Unicode names), or None."""
    scripts = Counter(
        unicodedata.name(char, "?").split(" ", 1)[0] for char in text if char.isalpha()
    )
    if not scripts:
        return None
    if any(scripts[kana] for kana in _KANA) and "CJK" in scripts:
        scripts["HIRAGANA"] += scripts.pop("CJK")  # kanji among kana: Japanese
    return scripts.most_common(1)[0][0]


def voice_for_script(text: str, settings: VoiceSettings) -> VoiceSettings:
    """`settings`, with espeak-ng's voice for the paragraph's script when that is not Latin."""
    voice = _voices().get(dominant_script(text) or "LATIN")
    return settings if voice is None else replace(settings, voice=voice)
