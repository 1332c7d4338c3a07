"""Text that was UTF-8, decoded once as windows-1252 (or Latin-1) by the site and saved again:
"don’t" shows as "donâ€™t", "é" as "Ã©". Speech reads such letters out one by one and braille
writes each as a letter, so each sequence that is a UTF-8 character in that disguise is put
back, when a page has several of them (a single one may be real text).
"""

from __future__ import annotations

import re

from ..model import Dropped

# A UTF-8 lead byte read as windows-1252/Latin-1, then its continuation bytes so read: the
# Latin-1 controls U+0080-U+009F and windows-1252's letters for 0x80-0x9F, then U+00A0-U+00BF.
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
_CONTINUATION += "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
_CONTINUATION += "\u20ac\u2122"
_SEQUENCE = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]{{1,3}}")
# Fewer than this many on a page are left alone ("Ã©" can be a quotation of such text).
_MIN_SEQUENCES = 3
KIND = "encoding"


def _as_bytes(text: str) -> bytes | None:
    """The bytes the text was decoded from (each character as windows-1252, else Latin-1)."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1252")
        except UnicodeEncodeError:
            if ord(char) > 0xFF:
                return None
            out.append(ord(char))
    return bytes(out)


def _repaired(sequence: str) -> str | None:
    """The character a sequence stands for, or None when it is not one UTF-8 character."""
    data = _as_bytes(sequence)
    if data is None:
        return None
    lead = data[0]
    length = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    try:
        char = data[:length].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return char + sequence[length:] if len(data) >= length else None


def repair_mojibake(text: str) -> tuple[str, tuple[Dropped, ...]]:
    """The text with its double-encoded characters put back, and one audit entry for them."""
    found = [m for m in _SEQUENCE.finditer(text) if _repaired(m.group()) is not None]
    if len(found) < _MIN_SEQUENCES:
        return text, ()
    repaired = _SEQUENCE.sub(lambda m: _repaired(m.group()) or m.group(), text)
    note = f"{len(found)} characters such as '{found[0].group()}'"
    reason = "UTF-8 read as windows-1252 by the site: the characters were put back"
    return repaired, (Dropped(KIND, note, reason),)
