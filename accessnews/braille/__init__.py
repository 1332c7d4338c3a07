"""Grade 2 braille for embossers: translate (liblouis), lay out (BANA formats), serialise."""

from importlib.util import find_spec

MISSING_LOUIS = (
    "no braille: this Python cannot import liblouis' bindings (louis); install python3-louis "
    "and use the distro's /usr/bin/python3 (a venv made with --system-site-packages), "
    "or pass --no-braille"
)


def louis_missing() -> str | None:
    """MISSING_LOUIS when liblouis' bindings cannot be found, so that audio can go on alone."""
    return MISSING_LOUIS if find_spec("louis") is None else None
