"""What the rest of accessnews knows about one speech engine, without loading it."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class EngineSpec:
    """One engine: its pyttsx3 driver, the prosody it honours and what it needs installed.

    `rates` is the speaking-rate range (words per minute) the engine can honour; `max_piece`
    bounds the characters handed to one synthesis (memory and retry cost); `languages` are
    the primary language subtags it reads (empty: whatever its voices declare);
    `script_voices` says whether paragraphs in another script may switch to its voice for that
    script (speech/scripts.toml names espeak-ng voices).
    """

    name: str  # what --engine and a voice profile's `engine` key say
    label: str  # how reports and tags name it
    driver: str  # module of its pyttsx3 driver
    rates: range
    max_piece: int
    languages: tuple[str, ...] = ()
    script_voices: bool = False
    requires: tuple[str, ...] = ()  # modules its driver imports that may not be installed
    extra: str | None = None  # the pip extra that installs them

    def missing(self) -> str | None:
        """Why the engine cannot run here (one line naming the fix), or None when it can."""
        absent = [module for module in self.requires if importlib.util.find_spec(module) is None]
        if not absent:
            return None
        return (
            f"the {self.name} speech engine needs {', '.join(absent)}: "
            f"pip install accessnews[{self.extra}]"
        )

    def reads(self, language: str) -> bool:
        """Whether the engine can read text in `language` (a BCP 47 tag)."""
        primary = language.split("-")[0].lower()
        return not self.languages or primary in self.languages
