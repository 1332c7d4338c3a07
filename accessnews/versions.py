"""What `accessnews --version` prints: the program's version and the engines' it runs with."""

from __future__ import annotations

from collections.abc import Callable

from . import __version__


def _espeak() -> str:
    from .speech.espeak_driver import espeak_version

    return espeak_version()


def _liblouis() -> str:
    from .braille.translate import liblouis_version

    return liblouis_version()


def _lame() -> str:
    from .speech.mp3 import lame_version

    return lame_version()


ENGINES: dict[str, Callable[[], str]] = {"espeak-ng": _espeak, "liblouis": _liblouis, "LAME": _lame}


def versions() -> str:
    """One line per component; a component that cannot load says why instead of failing."""
    lines = [f"accessnews {__version__}"]
    for name, version in ENGINES.items():
        try:
            found = version()
        except Exception as error:  # a missing library is what --version should reveal
            found = f"unavailable ({str(error).split(';')[0]})"
        lines.append(f"{name} {found}")
    return "\n".join(lines)
