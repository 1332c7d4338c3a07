"""The writers' options from the command line: flags over ACCESSNEWS_* over config.toml."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from ..formats import FORMATS, of_writer

if TYPE_CHECKING:
    from ..render import Renderer, RenderOptions


def writers_off(args: argparse.Namespace) -> set[str]:
    """The writers turned off by --no-audio and --no-braille."""
    return {name for name, flag in (("audio", args.no_audio), ("braille", args.no_braille)) if flag}


def progress_on(args: argparse.Namespace) -> bool | None:
    """Off with -q or --no-progress, on with --progress, else on a terminal only (None)."""
    return False if args.quiet else args.progress


def render_options(args: argparse.Namespace) -> RenderOptions:
    """Flags over ACCESSNEWS_* over config.toml over the options' defaults; without liblouis'
    bindings, one warning and the audio alone."""
    from ..braille import louis_missing
    from ..settings import SETTINGS, checked, render_options, resolve, user_lexicon

    off = writers_off(args)
    if "braille" not in off and (missing := louis_missing()) is not None:
        print(f"accessnews: warning: {missing}", file=sys.stderr)
        off.add("braille")
    formats = tuple(name for name in args.formats if FORMATS[name].writer not in off)
    values = resolve({key: getattr(args, key) for key in SETTINGS})
    lexicon = user_lexicon() if of_writer(formats, "audio") else ()

    def build(given: dict[str, Any]) -> RenderOptions:
        return render_options(given, formats, language=args.language, lexicon=lexicon)

    options: RenderOptions = checked(values, build)
    return options


def renderer(args: argparse.Namespace) -> Renderer:
    from ..render import Renderer

    return Renderer(render_options(args))
