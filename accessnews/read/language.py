"""A small stop-word guess of an article's language, for inputs that do not declare one."""

from __future__ import annotations

import re

_STOPWORDS = {
    "en": "the and of to in is that was for on with as by he she it at from this have are were",
    "es": "el la los las de que y en un una por con para se del al es lo como más pero sus fue",
    "fr": "le la les de des et en un une du que qui est pour dans sur par au pas avec ce sont",
    "de": "der die das und ist nicht mit den von zu ein eine auf für sich dem des auch wurde",
}
_SETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str, default: str = "en") -> str:
    """The language whose common words are most frequent in `text` (BCP 47 primary tag)."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return default
    scores = {lang: sum(w in stop for w in words) for lang, stop in _SETS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= 3 else default
