"""Which liblouis table brailles which language: the one place that names tables.

The choices are data (tables.toml): per language, the table its braille authority uses for
general text and why; languages liblouis has no usable table for, with the reason; tables whose
back-translation is unusable; the transcriber's note indicators of each braille code; and the
tables whose input is a reading of the print (Japanese kana), with the module that writes it.
Tables accessnews ships (tables/, e.g. ja-tenji.utb) are named like liblouis' own.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..data import data
from ..errors import AccessnewsError, UsageError

DATA = data(__package__, "tables.toml")
# liblouis opens tables by file name: a real folder, which a regular install always has.
SHIPPED = Path(str(data(__package__, "tables")))


@dataclass(frozen=True)
class LanguageTable:
    language: str
    table: str
    why: str


@dataclass(frozen=True)
class Tables:
    """tables.toml, read once."""

    languages: dict[str, LanguageTable]
    none: dict[str, str]  # language -> why liblouis has no usable table
    one_way: dict[str, str]  # table -> why its back-translation is unusable
    notes: dict[str, tuple[str, str]]  # table -> transcriber's note indicators
    also: dict[str, str]  # further tables named in error messages
    reading: dict[str, str]  # table -> module of this package that writes its input

    @property
    def choices(self) -> dict[str, str]:
        """The tables named in error messages: each language's default, then the alternatives."""
        named = {row.table: f"default for {row.language}" for row in self.languages.values()}
        return {**named, **self.also}


@cache
def tables() -> Tables:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return Tables(
        languages={
            tag: LanguageTable(tag, row["table"], row["why"])
            for tag, row in data["language"].items()
        },
        none=data["none"],
        one_way=data["one_way"],
        notes={table: (pair[0], pair[1]) for table, pair in data["note"].items()},
        also=data["also"],
        reading=data["reading"],
    )


def table_path(table: str) -> str:
    """What liblouis is given for `table`: the file's path for a table accessnews ships, else
    the name, which liblouis looks up among its installed tables."""
    shipped = SHIPPED / table
    return str(shipped) if shipped.is_file() else table


def reading_module(table: str) -> str | None:
    """The module whose `reading(text)` writes `table`'s input from print; None for print."""
    return tables().reading.get(table)


def one_way(table: str) -> str | None:
    """Why liblouis' back-translation of `table` is unusable; None where it is usable."""
    return tables().one_way.get(table)


def note_indicators(table: str) -> tuple[str, str]:
    """The transcriber's note indicators of `table`'s braille code; ("", "") where it has none."""
    return tables().notes.get(table, ("", ""))


def describe_choices() -> str:
    """The default tables and their languages as one line, for error messages."""
    named: dict[str, list[str]] = {}
    for row in tables().languages.values():
        named.setdefault(row.table, []).append(row.language)
    return ", ".join(f"{table} ({'/'.join(tags)})" for table, tags in named.items())


def _lookup(tags: Collection[str], language: str) -> str | None:
    """The longest key of `tags` that is a prefix (by whole subtags) of `language`."""
    parts = language.replace("_", "-").lower().split("-")
    for end in range(len(parts), 0, -1):
        key = "-".join(parts[:end])
        if key in tags:
            return key
    return None


def table_for(table: str | None, language: str) -> str:
    """The table to use: the one asked for (any table liblouis can load), else the article
    language's default table."""
    if table is not None:
        from .translate import is_installed_table  # liblouis only when a table is named

        if table not in tables().choices and not is_installed_table(table):
            raise UsageError(
                f"unknown braille table {table!r}; choose one of: {describe_choices()}, "
                "or any table installed with liblouis (/usr/share/liblouis/tables)"
            )
        return table
    data = tables()
    key = _lookup(data.languages, language)
    if key is not None:
        return data.languages[key].table
    reason = data.none.get(_lookup(data.none, language) or "")
    because = f" ({reason})" if reason else ""
    raise AccessnewsError(
        f"no braille table for language {language!r}{because}; pass --braille-table with a "
        "table installed with liblouis (/usr/share/liblouis/tables)"
    )
