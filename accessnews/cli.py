"""The command line: the only module that parses arguments and prints.

Project errors become one line on stderr and a non-zero exit; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import AccessnewsError
from .model_json import dumps
from .outline import outline
from .pipeline import load_article


def _cmd_clean(args: argparse.Namespace) -> int:
    article = load_article(args.article)
    print(dumps(article) if args.json else outline(article))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accessnews",
        description="News articles as narrated MP3 with chapters and Grade 2 braille.",
    )
    parser.add_argument("--version", action="version", version=f"accessnews {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = commands.add_parser("clean", help="read and clean an article; print its model")
    clean.add_argument("article", help="a file (text or HTML) or an http(s) URL")
    clean.add_argument("--json", action="store_true", help="print the model as JSON")
    clean.set_defaults(run=_cmd_clean)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except AccessnewsError as error:
        print(f"accessnews: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("accessnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


