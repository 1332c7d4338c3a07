"""Japanese print -> the kana Japanese braille (tenji) writes, with spaces between bunsetsu.

Tenji has no kanji: each word is written as it is read, and words are divided (wakachigaki) at
bunsetsu, with particles and auxiliaries on the word before them. Readings and parts of speech
come from UniDic (fugashi with unidic-lite): its `kana` field is the word's spelling in kana,
its `pron` field the pronunciation. Tenji follows the spelling except where japanese.toml says
it follows the pronunciation (は -> わ, とうきょう -> とーきょー), so を stays を and せんせい
stays せんせい. The kana this writes is the input of the ja-tenji.utb liblouis table.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data import data
from ..errors import AccessnewsError

DATA = data(__package__, "japanese.toml")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_NAKATEN = re.compile("・(?=.)")
_SMALL_KANA = set("ぁぃぅぇぉゃゅょゎァィゥェォャュョヮ")


@dataclass(frozen=True)
class Rules:
    """japanese.toml, read once."""

    pronounced: frozenset[tuple[str, str]]
    volitional: str
    spelling: dict[str, tuple[str, str]]
    attach: frozenset[str]
    prefix: frozenset[str]
    compound: frozenset[str]
    split_morae: int
    counter: str
    suru: str
    suru_after: frozenset[str]
    stop: str
    pause: str
    open: str
    close: str


@cache
def rules() -> Rules:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    bunsetsu, marks = data["bunsetsu"], data["punctuation"]
    return Rules(
        pronounced=frozenset((kana, pron) for kana, pron in data["pronounced"]),
        volitional=data["volitional"],
        spelling={lemma: (old, new) for lemma, (old, new) in data["spelling"].items()},
        attach=frozenset(bunsetsu["attach"]),
        prefix=frozenset(bunsetsu["prefix"]),
        compound=frozenset(bunsetsu["compound"]),
        split_morae=bunsetsu["split_morae"],
        counter=bunsetsu["counter"],
        suru=bunsetsu["suru"],
        suru_after=frozenset(bunsetsu["suru_after"]),
        stop=marks["stop"],
        pause=marks["pause"],
        open=marks["open"],
        close=marks["close"],
    )


@dataclass(frozen=True)
class Word:
    """One UniDic morpheme as tenji needs it."""

    surface: str
    kana: str  # as tenji writes it
    pos: tuple[str, str, str]  # pos1, pos2, pos3
    lemma: str
    spaced: bool  # white space before it in the print

    @property
    def ascii(self) -> bool:
        """Latin letters, digits and ASCII signs, written as they are: "Wi", "-", "Fi"."""
        return self.surface.isascii()

    @property
    def latin(self) -> bool:
        """Letters or digits, not only signs."""
        return bool(_ASCII_WORD.search(self.surface))

    @property
    def number(self) -> bool:
        return self.surface[:1].isdigit()

    @property
    def morae(self) -> int:
        return sum(char not in _SMALL_KANA for char in self.kana)


@cache
def _tagger() -> Any:
    """fugashi's MeCab tagger with unidic-lite: the optional extra `ja`."""
    try:
        import fugashi

        return fugashi.Tagger()
    except (ImportError, RuntimeError):
        raise AccessnewsError(
            "Japanese braille needs kanji readings from fugashi and unidic-lite: "
            "pip install 'accessnews[ja]'"
        ) from None


def _field(value: object) -> str:
    """A UniDic feature, "" where the dictionary has none (unknown words, symbols)."""
    return value if isinstance(value, str) and value != "*" else ""


def tenji_kana(spelling: str, pron: str, pos1: str, form: str) -> str:
    """A word's kana as tenji writes it: the spelling, with the pronunciation where the rules
    say tenji follows it, except a verb's own final う outside its volitional form."""
    table = rules()
    if len(pron) != len(spelling):
        return spelling
    chars = [p if (k, p) in table.pronounced else k for k, p in zip(spelling, pron, strict=True)]
    if pos1 == "動詞" and not form.startswith(table.volitional):
        chars[-1] = spelling[-1]
    return "".join(chars)


def _word(token: Any) -> Word:
    feature = token.feature
    surface = token.surface
    spelling, lemma = _field(feature.kana), _field(feature.lemma)
    pos = (_field(feature.pos1), _field(feature.pos2), _field(feature.pos3))
    if not spelling or _ASCII_WORD.search(surface):
        kana = _NAKATEN.sub("・ ", surface)  # a word UniDic does not know: スマホ・タブレット
    else:
        old, new = rules().spelling.get(lemma, ("", ""))
        if old and spelling.startswith(old):
            spelling = new + spelling[len(old) :]
        kana = tenji_kana(spelling, _field(feature.pron), pos[0], _field(feature.cForm))
    return Word(surface, kana, pos, lemma, bool(token.white_space))


def _gap(before: Word, word: Word, glued: bool) -> str:
    """The blank cells between two words: none inside a bunsetsu, one between bunsetsu, two
    after the end of a sentence."""
    table = rules()
    if glued:  # the comma and point inside 5,000 and 3.5
        return ""
    if before.surface in table.stop and word.surface not in table.close + table.stop:
        return "  "
    if before.surface in table.pause:
        return " "
    if word.surface in table.close + table.stop + table.pause or before.surface in table.open:
        return ""
    if word.surface in table.open:
        return " "
    if before.pos[0] in table.prefix:
        return ""
    if before.number and word.pos[2] == table.counter:
        return ""
    if word.ascii and before.ascii:  # "Wi-Fi", "iOS/Android", "85%"; "App Store" keeps its space
        return " " if word.spaced else ""
    if word.pos[0] in table.attach or (word.ascii and not word.latin):  # "に:", "です;"
        return ""
    if word.ascii or before.ascii:
        return " "
    if word.lemma == table.suru and before.pos[0] in table.suru_after:
        return ""
    if word.pos[0] in table.compound and before.pos[0] in table.compound:
        both_long = min(word.morae, before.morae) >= table.split_morae
        return " " if both_long else ""
    return " "


def reading(text: str) -> str:
    """Print Japanese as tenji kana: readings, bunsetsu spaces, two spaces after a sentence.

    Full-width letters, digits and punctuation are folded to ASCII first (NFKC), as the table
    brailles one form of each.
    """
    text = unicodedata.normalize("NFKC", text).replace("...", "…")
    words = [_word(token) for token in _tagger()(text)]
    glue = [
        0 < i < len(words) - 1
        and word.surface in ",."
        and words[i - 1].surface[-1:].isdigit()
        and words[i + 1].number
        for i, word in enumerate(words)
    ]
    parts = [words[0].kana] if words else []
    for i in range(1, len(words)):
        parts += [_gap(words[i - 1], words[i], glue[i] or glue[i - 1]), words[i].kana]
    return "".join(parts)
