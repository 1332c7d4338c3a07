"""Grade 2 braille for embossers: translate (liblouis), lay out (BANA formats), serialise."""

MISSING_LOUIS = (
    "no braille: this Python cannot import liblouis' bindings (louis); install python3-louis "
    "and use the distro's /usr/bin/python3 (a venv made with --system-site-packages), "
    "or pass --no-braille"
)


def louis_missing() -> str | None:
    """MISSING_LOUIS when liblouis' bindings cannot be imported, so that audio can go on alone
    (the braille writer imports them next anyway)."""
    try:
        import louis  # noqa: F401
    except ImportError:
        return MISSING_LOUIS
    return None
