"""Per-language speech data (lang/*.toml): phrases, month names, words for symbols, rules.

The normalisation rules are data: a regular expression, a replacement template, and the
real-world example each exists for with the spoken text it must give. A template field is
`{N}` (group N) or `{helper:N[:M...]}` (groups passed through a helper below), so a new quirk
of a newspaper is one rule in the data file.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from ..data import data

LANG_DIR = data(__package__, "lang")
NEUTRAL = "und"  # lang/und.toml: no generated words, for languages without their own file
_FIELD = re.compile(r"\{(?:([a-z_]+):)?(\d+(?::\d+)*)\}")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z0-9])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[0-9])(?=[A-Za-z])|_+")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    template: str
    example: str
    expect: str


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral (I to CCCXCIX is all news text needs)."""
    values = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def english_ordinal(number: int) -> str:
    """8 -> "8th": espeak-ng reads digit ordinals correctly."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


@dataclass(frozen=True)
class Language:
    """Speech data for one language; `region` (BCP 47 subtag) only picks the date format."""

    code: str
    region: str
    iso639_2: str
    months: tuple[str, ...]
    date_format: str
    phrases: Mapping[str, str]
    words: Mapping[str, Any]
    rules: tuple[Rule, ...]

    @property
    def neutral(self) -> bool:
        """True for a language without its own data: nothing is announced in words."""
        return self.code == NEUTRAL

    def phrase(self, key: str, **values: str) -> str:
        return self.phrases[key].format(**values)

    def date(self, day: str, month: str, year: str) -> str:
        """A calendar date as this language says it; ValueError when it is no date."""
        number = int(month)
        if not 1 <= number <= 12 or not 1 <= int(day) <= 31:
            raise ValueError(f"no date: {day}/{month}/{year}")
        return self.date_format.format(day=int(day), month=self.months[number - 1], year=year)

    def iso_date(self, iso: str) -> str:
        year, month, day = iso.split("-")
        return self.date(day, month, year)

    def normalise(self, text: str) -> str:
        """Apply every rule in order (rules see the output of the ones before)."""
        helpers = self._helpers()
        for rule in self.rules:
            text = rule.pattern.sub(partial(_expand, rule.template, helpers=helpers), text)
        return text

    def _helpers(self) -> dict[str, Callable[..., str]]:
        words = self.words
        return {
            "spell": lambda s: " ".join(s),
            "words": lambda s: _CAMEL.sub(" ", s).strip(),
            "url": lambda s: " ".join(words["symbols"].get(c, c) for c in s if not c.isspace()),
            "emoji": lambda s: unicodedata.name(s, "emoji").lower(),
            "multiplier": lambda s: words["multipliers"][s.lower()],
            "currency_one": lambda s: words["currency"][s][0],
            "currency_many": lambda s: words["currency"][s][1],
            "decade": lambda s: words["decades"][s],
            "title": lambda s: words["titles"][s],
            "ampm": lambda s: words["ampm"][s.lower()],
            "roman": lambda s: str(roman_value(s)),
            "ordinal": lambda s: english_ordinal(roman_value(s)),
            "date": self.date,
        }


def _expand(template: str, match: re.Match[str], helpers: Mapping[str, Callable[..., str]]) -> str:
    """Fill a rule template; a helper that finds no meaning (ValueError) leaves the text as is."""

    def field(found: re.Match[str]) -> str:
        args = [match.group(int(i)) or "" for i in found.group(2).split(":")]
        return helpers[found.group(1)](*args) if found.group(1) else args[0]

    try:
        return _FIELD.sub(field, template)
    except (ValueError, KeyError):
        return match.group(0)


@cache
def _data(code: str) -> dict[str, Any]:
    return tomllib.loads((LANG_DIR / f"{code}.toml").read_text(encoding="utf-8"))


def language_for(tag: str) -> Language:
    """Speech data for a BCP 47 tag; a language without a data file gets the neutral data
    (never English words in another language's voice)."""
    parts = tag.replace("_", "-").split("-")
    code = parts[0].lower()
    if not (LANG_DIR / f"{code}.toml").is_file():
        code = NEUTRAL
    region = next((p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
    data = _data(code)
    return Language(
        code=code,
        region=region,
        iso639_2=data["iso639_2"],
        months=tuple(data["months"]),
        date_format=data.get("date_formats", {}).get(region, data["date_format"]),
        phrases=data["phrases"],
        words=data["words"],
        rules=tuple(
            Rule(r["name"], re.compile(r["pattern"]), r["template"], r["example"], r["expect"])
            for r in data.get("rule", ())
        ),
    )
