"""Six-dot cells as North American Braille ASCII and as Unicode braille: one mapping, both ways.

Layout works on Braille ASCII strings (one character per cell, space = blank cell) because they
are readable in tests and are the BRF bytes; PEF and the preview need Unicode braille.
"""

from __future__ import annotations

# The 64 six-dot patterns in order of their dot bits (dot 1 = bit 0 ... dot 6 = bit 5).
BRAILLE_ASCII = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
UNICODE_BLANK = 0x2800

_BITS = {char: bits for bits, char in enumerate(BRAILLE_ASCII)}
_TO_UNICODE = str.maketrans({char: chr(UNICODE_BLANK + bits) for char, bits in _BITS.items()})


def ascii_of_bits(bits: int) -> str:
    """The Braille ASCII character of a six-dot pattern (bits 0..63)."""
    return BRAILLE_ASCII[bits]


def bits_of_ascii(char: str) -> int:
    """The dot bits of a Braille ASCII character."""
    return _BITS[char]


def to_unicode(cells: str) -> str:
    """Braille ASCII to Unicode braille (U+2800..U+283F; a blank cell is U+2800, never a space)."""
    return cells.translate(_TO_UNICODE)
