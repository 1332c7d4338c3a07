"""Which liblouis table brailles which language: the one place that names tables.

BANA adopted Unified English Braille in 2016, so English defaults to UEB grade 2; EBAE
(`en-us-g2.ctb`) stays available on request. Spanish general text is uncontracted ("braille
integral") in Spain (ONCE) and Latin America; liblouis' es-g2 is a stenography system, so the
default is es-g1 (97.5-99.5% of words back-translated on our Spanish samples, against 60-73%
for es-g2). French uses abrégé as its authority (the BFU) does for general text.
"""

from __future__ import annotations

from ..errors import AccessnewsError

BY_LANGUAGE: dict[str, str] = {
    "en": "en-ueb-g2.ctb",
    "es": "es-g1.ctb",
    "fr": "fr-bfu-g2.ctb",
    "de": "de-g2.ctb",
    "pt": "pt-pt-g2.ctb",
}

CHOICES: dict[str, str] = {
    "en-ueb-g2.ctb": "English, Unified English Braille grade 2 (default for en)",
    "en-ueb-g1.ctb": "English, Unified English Braille grade 1 (uncontracted)",
    "en-us-g2.ctb": "English, EBAE grade 2 (pre-2016 American braille)",
    "en-GB-g2.ctb": "English, British grade 2",
    "es-g1.ctb": "Spanish, uncontracted braille integral (default for es)",
    "es-g2.ctb": "Spanish, grade 2 (stenography)",
    "fr-bfu-g2.ctb": "French, abrégé (default for fr)",
    "de-g2.ctb": "German, Kurzschrift (default for de)",
    "pt-pt-g2.ctb": "Portuguese, grade 2 (default for pt)",
}


def describe_choices() -> str:
    """The supported tables as one line, for error messages."""
    return ", ".join(CHOICES)


def table_for(table: str | None, language: str) -> str:
    """The table to use: the one asked for (a listed choice or any installed liblouis table),
    else the article language's default table."""
    if table is not None:
        from .translate import is_installed_table  # liblouis only when a table is named

        if table not in CHOICES and not is_installed_table(table):
            raise AccessnewsError(
                f"unknown braille table {table!r}; choose one of: {describe_choices()}, "
                "or any table installed with liblouis (/usr/share/liblouis/tables)"
            )
        return table
    primary = language.split("-", 1)[0].lower()
    if primary not in BY_LANGUAGE:
        raise AccessnewsError(
            f"no contracted braille table for language {language!r}; "
            f"pass --braille-table with one of: {describe_choices()}"
        )
    return BY_LANGUAGE[primary]
