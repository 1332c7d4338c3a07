"""Dates as news text writes them ("March 23, 2017", "23 March 2017", "23. März 2017",
"2017-03-23") to ISO 8601, with month names of the languages the cleaning rules cover."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "enero", "janvier", "januar", "gennaio", "janeiro"),
            (
                "february",
                "feb",
                "febrero",
                "février",
                "fevrier",
                "februar",
                "febbraio",
                "fevereiro",
            ),
            ("march", "mar", "marzo", "mars", "märz", "março", "marco"),
            ("april", "apr", "abril", "avril", "aprile"),
            ("may", "mayo", "mai", "maggio", "maio"),
            ("june", "jun", "junio", "juin", "juni", "giugno", "junho"),
            ("july", "jul", "julio", "juillet", "juli", "luglio", "julho"),
            ("august", "aug", "agosto", "août", "aout"),
            ("september", "sep", "sept", "septiembre", "septembre", "settembre", "setembro"),
            ("october", "oct", "octubre", "octobre", "oktober", "ottobre", "outubro"),
            ("november", "nov", "noviembre", "novembre", "novembro"),
            (
                "december",
                "dec",
                "diciembre",
                "décembre",
                "decembre",
                "dezember",
                "dicembre",
                "dezembro",
            ),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-zéûäç]{3,10})\.?"
_PATTERNS = (
    # ISO 8601, also as the date part of a date-time ("2026-10-14T22:40:00+01:00").
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})(?![\d-])"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b"),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?(?P<year>\d{{4}})\b"
    ),
)


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first real calendar date in `text` as (ISO date, match), or None."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            parts = match.groupdict()
            month = int(parts["mnum"]) if parts.get("mnum") else MONTHS.get(parts["month"].lower())
            if month is None:
                continue
            try:
                return date(int(parts["year"]), month, int(parts["day"])).isoformat(), match
            except ValueError:
                continue
    return None


def parse_date(text: str) -> str | None:
    """ISO 8601 date of the first date in `text`, or None."""
    found = find_date(text)
    return found[0] if found else None
