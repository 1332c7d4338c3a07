"""Parse, run the command, and turn project errors into one line on stderr and an exit code;
tracebacks are for bugs only."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..errors import AccessnewsError
from ..formats import DEFAULT_FORMATS, parse_formats
from .commands import COMMANDS
from .parser import parser
from .startup import collector


def dispatch(argv: Sequence[str] | None) -> int:
    args = parser().parse_args(argv)
    if args.command != "render":  # render loads its writers first
        collector("loaded")
    try:
        if getattr(args, "language", None) is not None:
            from ..read.language import given_language

            args.language = given_language(args.language)
        if hasattr(args, "formats"):  # checked before any work: a typo is a usage error
            args.formats = parse_formats(args.formats) if args.formats else DEFAULT_FORMATS
        return COMMANDS[args.command](args)
    except AccessnewsError as error:
        print(f"accessnews: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("accessnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
