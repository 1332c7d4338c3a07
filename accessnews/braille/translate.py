"""The only module that touches liblouis: translation with emphasis, back-translation, checks.

Translation runs in liblouis' dotsIO mode, so the output is dot patterns whatever display table
a language's table carries; `cells` turns them into Braille ASCII. A character the table does not
define would come out as a dots escape (`'\\x1f600/`): instead it is brailled as its Unicode name
inside transcriber's note indicators, as a transcriber describes a print symbol braille lacks,
and the writer reports it (undefined white space becomes a plain blank cell). A table whose
input is a reading of the print (Japanese kana) gets the text through its reading first.
"""

from __future__ import annotations

import ctypes
import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import AccessnewsError, RenderError
from . import MISSING_LOUIS

try:
    import louis
except ImportError:  # liblouis has no wheel: its bindings are the distro's python3-louis
    raise RenderError(MISSING_LOUIS) from None
from ..model import Inlines, Span, plain, spans_of
from .cells import BRAILLE_ASCII
from .tables import note_indicators, one_way, reading_module, table_path

_DOTS_BASE = 0x8000  # dotsIO cells: 0x8000 | dot bits
_SIX_DOTS = 0x3F
# liblouis' virtual dots 9-16 (bits 8-14) tell apart characters that share a cell (the Russian
# tables mark their letters with dot 9); they are never embossed, so they are dropped.
_VIRTUAL_DOTS = 0x7F00
_FROM_DOTS = {_DOTS_BASE + bits: char for bits, char in enumerate(BRAILLE_ASCII)}
_TO_DOTS = {ord(char): _DOTS_BASE + bits for bits, char in enumerate(BRAILLE_ASCII)}

louis.setLogLevel(louis.LOG_OFF)  # table errors surface as our own one-line messages


@dataclass(frozen=True)
class Untranslatable:
    """A character the table cannot braille, and the block it stands in."""

    char: str
    where: str

    def __str__(self) -> str:
        return f"U+{ord(self.char):04X} {self.char!r} in {self.where}"


def _emphasis_class(table: str, name: str) -> int:
    """The typeform bit of an emphasis class in `table` (0 when the table has none).

    `louis.getTypeformForEmphClass` raises NameError in liblouis 3.24 (liblouis#1331), so the C
    function is called directly.
    """
    function = louis.liblouis.lou_getTypeformForEmphClass
    function.restype = ctypes.c_ushort
    function.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    return int(function(table.encode(), name.encode()))


def liblouis_version() -> str:
    return str(louis.version())


def is_installed_table(table: str) -> bool:
    """Whether liblouis can load `table` (any installed table, e.g. it-it-comp6.utb)."""
    try:
        louis.checkTable([table_path(table)])
    except RuntimeError:
        return False
    return True


def _back_translates(table: str) -> bool:
    """False for tables whose metadata says liblouis translates them one way only
    (`#+direction: forward`, e.g. es-g2, de-g2) and for those tables.toml lists as reading back
    wrongly (it.tbl): back-translating those gives no measure."""
    function = louis.liblouis.lou_getTableInfo
    function.restype = ctypes.c_char_p
    function.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    forward = function(table_path(table).encode(), b"direction") == b"forward"
    return not forward and one_way(table) is None


def _reading(table: str) -> Callable[[str], str] | None:
    """The function that writes `table`'s input from print, where it is not print itself;
    imported only when such a table is used (Japanese needs the optional extra `ja`)."""
    module = reading_module(table)
    if module is None:
        return None
    function: Callable[[str], str] = importlib.import_module(f".{module}", __package__).reading
    return function


def _physical(dots: str) -> str:
    """dotsIO cells without liblouis' virtual dots."""
    return "".join(chr(ord(cell) & ~_VIRTUAL_DOTS) for cell in dots)


class Translator:
    """One liblouis table, compiled once and reused for every article."""

    def __init__(self, table: str) -> None:
        self.table = table
        self._tables = [table_path(table)]
        try:
            louis.checkTable(self._tables)
        except RuntimeError as error:
            raise AccessnewsError(f"liblouis cannot load braille table {table!r}") from error
        self.back_translates = _back_translates(table)
        self.note_open, self.note_close = note_indicators(table)
        self._italic = _emphasis_class(self._tables[0], "italic")
        self._bold = _emphasis_class(self._tables[0], "bold")
        self._defined: dict[str, bool] = {}
        self._read = _reading(table)

    def _input(self, spans: Inlines) -> Inlines:
        """The spans as the table reads them: the print, or its reading (as one plain span:
        a table that reads kana has no emphasis indicators)."""
        return spans if self._read is None else spans_of(self._read(plain(spans)))

    def translate(self, spans: Inlines) -> str:
        """Contracted braille (Braille ASCII) of a span sequence, emphasis as typeforms."""
        spans = self._input(spans)
        undefined = [char for char in set(plain(spans)) if not self._is_defined(char)]
        if not undefined:
            return self._cells(spans)
        split = self._undefined_runs(undefined)
        parts: list[str] = []
        run: list[Span] = []
        for span in spans:
            for piece in split.split(span.text):
                if piece and piece[0] in undefined and not piece.isspace():
                    said = self._cells(self._says(piece))
                    parts += [self._cells(tuple(run)), self.note(said) if said else ""]
                    run = []
                elif piece:
                    run.append(replace(span, text=" " if piece[0] in undefined else piece))
        return "".join([*parts, self._cells(tuple(run))])

    def print_form(self, text: str) -> str:
        """The print text as the braille says it: each run of characters without braille
        replaced by its description, so the self-check expects the words of its notes."""
        undefined = [char for char in set(text) if not self._is_defined(char)]
        if not undefined:
            return text
        split = self._undefined_runs(undefined)
        return "".join(
            f" {plain(self._says(piece))} " if piece and piece[0] in undefined else piece
            for piece in split.split(text)
        )

    @staticmethod
    def _undefined_runs(undefined: list[str]) -> re.Pattern[str]:
        """Splits text at runs of one repeated character without braille (a rule of 40 "─" is
        one note, not forty)."""
        return re.compile("(" + "|".join(f"{re.escape(c)}+" for c in undefined) + ")")

    def _says(self, run: str) -> Inlines:
        """What a note says for a run of one character without braille, as a transcriber would.

        A code with note indicators (UEB, so English text) gets the character's Unicode name;
        any other code gets its code point in parentheses, which is no word of any language:
        "(U+1F30A)", or in decimal, "(127754)", where the table lacks Latin letters. A run of
        the same character says how many: "40 box drawings light horizontal", "(40 U+2500)".
        """
        char, count = run[0], f"{len(run)} " if len(run) > 1 else ""
        code_point = f"U+{ord(char):04X}"
        name = unicodedata.name(char, code_point).lower()
        for text in (
            f"{count}{name}" if self.note_open else f"({count}{code_point})",
            f"({count}{ord(char)})",
        ):
            if all(self._is_defined(c) or c.isspace() for c in text):
                return spans_of(text)
        return ()  # not even digits and parentheses: the character is reported, not described

    def note(self, cells: str) -> str:
        """Braille inside this code's transcriber's note indicators (as it is where it has none)."""
        return f"{self.note_open}{cells}{self.note_close}"

    def _cells(self, spans: Inlines) -> str:
        text = plain(spans)
        if not text:
            return ""
        dots = louis.translateString(
            self._tables, text, typeform=self._typeform(spans), mode=louis.dotsIO
        )
        cells = _physical(dots).translate(_FROM_DOTS)
        if not cells.isascii():  # a cell beyond six dots from a defined character: a table bug
            raise RenderError(f"{self.table} gave a cell beyond six dots for {text[:40]!r}")
        return cells

    def _typeform(self, spans: Inlines) -> list[int] | None:
        """Emphasis per character; None without emphasis, as any typeform slows liblouis down.

        liblouis overwrites the typeform list it is given, so every call builds a new one.
        """
        if not any(span.italic or span.bold for span in spans):
            return None
        typeform: list[int] = []
        for span in spans:
            form = (self._italic if span.italic else 0) | (self._bold if span.bold else 0)
            typeform.extend([form] * len(span.text))
        return typeform

    def translate_text(self, text: str) -> str:
        """Contracted braille of unformatted text (page numbers, running heads)."""
        return self.translate(spans_of(text))

    def number(self, value: int) -> str:
        """A braille page number ("#A" for 1 in UEB)."""
        return self.translate_text(str(value))

    def back_translate(self, cells: str) -> str:
        """Print text of Braille ASCII cells, as liblouis reads them back."""
        dots = cells.translate(_TO_DOTS)
        return louis.backTranslateString(self._tables, dots, mode=louis.dotsIO)

    def untranslatable(self, text: str, where: str) -> list[Untranslatable]:
        """Characters of `text` this table has no braille for (white space aside), once each."""
        seen = dict.fromkeys(plain(self._input(spans_of(text))))
        return [
            Untranslatable(char, where)
            for char in seen
            if not self._is_defined(char) and not char.isspace()
        ]

    def _is_defined(self, char: str) -> bool:
        if char not in self._defined:
            dots = louis.translateString(self._tables, char, mode=louis.dotsIO | louis.noUndefined)
            self._defined[char] = bool(dots) and all(
                ord(cell) & ~_SIX_DOTS == _DOTS_BASE for cell in _physical(dots)
            )
        return self._defined[char]
