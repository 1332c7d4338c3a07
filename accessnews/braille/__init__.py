"""Grade 2 braille for embossers: translate (liblouis), lay out (BANA formats), serialise."""
