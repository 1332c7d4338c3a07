"""The words braille adds to an article (figure and post lead-ins, the contents title), per
language from labels.toml, so a Spanish BRF never carries an English "Image"."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from ..data import data
from ..model import Article, Embed, Figure

DATA = data(__package__, "labels.toml")
NEUTRAL = "neutral"


@dataclass(frozen=True)
class Labels:
    language: str  # the labels.toml section: a primary language subtag, or "neutral"
    image: str
    post: str
    by: str
    contents: str
    volume: str  # "Volume {n} of {total}" on a volume's title page

    @property
    def neutral(self) -> bool:
        return self.language == NEUTRAL

    def warning(self, article: Article) -> str | None:
        """What the writer reports when the article has a figure or a post to label and its
        language has no labels."""
        if not self.neutral or not any(isinstance(b, Figure | Embed) for b in article.blocks):
            return None
        return (
            f"no braille labels for language {article.language!r}: figures and embedded posts "
            "are brailled without lead-in words"
        )


@cache
def _data() -> dict[str, dict[str, str]]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def labels_for(language: str) -> Labels:
    """The labels of a BCP 47 language tag's primary language, else the neutral ones."""
    primary = language.replace("_", "-").split("-", 1)[0].lower()
    section = primary if primary in _data() and primary != NEUTRAL else NEUTRAL
    return Labels(section, **_data()[section])
