"""Six-dot cells as North American Braille ASCII and as Unicode braille: one mapping, both ways.

Layout works on Braille ASCII strings (one character per cell, space = blank cell) because they
are readable in tests and are the BRF bytes; PEF and the preview need Unicode braille.
"""

from __future__ import annotations

# The 64 six-dot patterns in order of their dot bits (dot 1 = bit 0 ... dot 6 = bit 5).
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
UNICODE_BLANK = 0x2800

_TO_UNICODE = {ord(char): UNICODE_BLANK + bits for bits, char in enumerate(BRAILLE_ASCII)}
_TO_ASCII = {code: char for char, code in _TO_UNICODE.items()}


def to_unicode(cells: str) -> str:
    """Braille ASCII to Unicode braille (U+2800..U+283F; a blank cell is U+2800, never a space)."""
    return cells.translate(_TO_UNICODE)


def to_ascii(cells: str) -> str:
    """Unicode six-dot braille (and spaces) back to Braille ASCII; other characters are kept,
    so a caller can tell they are not six-dot braille."""
    return cells.translate(_TO_ASCII)
