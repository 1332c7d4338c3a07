"""The argument parser: the commands, their arguments and options (help text in help.py)."""

from __future__ import annotations

import argparse
from typing import NoReturn

from ..formats import DEFAULT_FORMATS, FORMATS
from .help import EXAMPLES, EXIT_CODES, SETTINGS_HELP, Help, Version


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error (argparse prints the whole usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    """What `render` and `batch` print: -q, progress, details."""
    parser.add_argument("-o", "--outdir", default=".", help="output folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="print details per output")
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only (no summary, no progress)"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        help="progress on stderr (default: only when stderr is a terminal)",
    )


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    """Options shared by `render` and `batch`: what to write and how. Values a user can keep in
    settings default to None here: their defaults live in the writers' options dataclasses
    (see settings.py)."""
    _add_output_options(parser)
    parser.add_argument(
        "--formats",
        metavar="LIST",
        help=f"outputs to write, comma-separated: {', '.join(FORMATS)} or all "
        f"(default: {','.join(DEFAULT_FORMATS)}; chapters JSON and WebVTT go with mp3)",
    )
    parser.add_argument("--no-audio", action="store_true", help="no audio format")
    parser.add_argument("--no-braille", action="store_true", help="no braille format")
    _add_language_option(parser)
    audio = parser.add_argument_group("audio")
    audio.add_argument("--voice", help="voice profile or engine voice (see `accessnews voices`;"
                       " default: by the article's language)")  # fmt: skip
    audio.add_argument(
        "--engine",
        metavar="NAME[,NAME]",
        help="speech engine: espeak (default) or neural; `neural,espeak` falls back to espeak "
        "where the neural extra is not installed",
    )
    audio.add_argument(
        "--rate", type=int, metavar="WPM", help="words per minute (default: the voice's own)"
    )
    audio.add_argument("--bitrate", type=int, metavar="KBPS", help="MP3 bitrate")
    braille = parser.add_argument_group("braille")
    braille.add_argument(
        "--braille-table", metavar="TABLE", help="liblouis table (default: by the language)"
    )
    _add_embosser_option(braille, "its cells, lines and interpoint for the braille")
    braille.add_argument("--cells", type=int, help="cells per line (--embosser sets it too)")
    braille.add_argument("--lines", type=int, help="lines per page (--embosser sets it too)")
    braille.add_argument(
        "--interpoint", action=argparse.BooleanOptionalAction, help="two-sided paper"
    )
    braille.add_argument(
        "--page-numbers", choices=("bottom", "top", "none"), help="where braille page numbers go"
    )
    braille.add_argument(
        "--running-head",
        action=argparse.BooleanOptionalAction,
        help="headline on line 1 of later pages",
    )
    braille.add_argument(
        "--volume-pages",
        type=int,
        metavar="N",
        help="`batch --edition`: a braille edition longer than N pages is split into volumes",
    )


def _add_embosser_option(parser: argparse._ActionsContainer, what: str) -> None:
    parser.add_argument(
        "--embosser",
        metavar="MODEL[:PAPER]",
        help=f"embosser profile, e.g. index-everest or index-everest:a4: {what}",
    )


def _add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--language",
        metavar="TAG",
        help="the articles' language (BCP 47, e.g. it, pt-BR); default: declared or detected",
    )


def _add_address_option(parser: argparse.ArgumentParser) -> None:
    """For the commands that fetch URLs (a batch reads archives and fetches nothing)."""
    parser.add_argument(
        "--no-private-addresses",
        action="store_true",
        help="fetch only URLs on public addresses, redirects included (for a shared service)",
    )


def _command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name, help=summary, description=summary, epilog=f"{EXAMPLES[name]}\n\n{EXIT_CODES}",
        formatter_class=Help,
    )  # fmt: skip


def parser() -> argparse.ArgumentParser:
    """The whole command line; the chosen command's name is `command` (see commands.COMMANDS)."""
    parser = _Parser(
        prog="accessnews",
        description="News articles as narrated MP3 with chapters and Grade 2 braille.",
        epilog=f"{SETTINGS_HELP}\n\n{EXIT_CODES}",
        formatter_class=Help,
    )
    parser.add_argument(
        "--version", action=Version, nargs=0, help="the versions of accessnews and its engines"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = _command(commands, "clean", "read and clean an article; print its model")
    clean.add_argument("article", help="a file (text or HTML), an http(s) URL, or - for stdin")
    clean.add_argument("--json", action="store_true", help="print the model as JSON")
    _add_language_option(clean)
    _add_address_option(clean)

    render = _command(commands, "render", "write MP3 with chapters and braille files")
    render.add_argument("articles", nargs="+", metavar="ARTICLE", help="files, URLs, or -")
    overwrite = render.add_mutually_exclusive_group()
    overwrite.add_argument(
        "--force", action="store_true", help="overwrite outputs that exist already"
    )
    overwrite.add_argument(
        "--no-clobber", dest="force", action="store_false",
        help="refuse, before any work, if an output exists already (the default)",
    )  # fmt: skip
    _add_render_options(render)
    _add_address_option(render)

    batch = _command(commands, "batch", "render every article of an archive")
    batch.add_argument("archive", help="a folder, .zip, .tar(.gz/.bz2/.xz) or .warc(.gz)")
    batch.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: cores)")
    batch.add_argument(
        "--dry-run", action="store_true", help="list what would be rendered or skipped, and stop"
    )
    batch.add_argument(
        "--time-limit", type=float, default=600, metavar="S", help="seconds per article (0: none)"
    )
    batch.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, tcp://HOST:PORT")
    batch.add_argument(
        "--edition", action="store_true", help="also one MP3 and braille edition of all articles"
    )
    _add_render_options(batch)

    feed = _command(commands, "feed", "write a podcast feed of a batch output folder")
    feed.add_argument("outdir", metavar="OUTDIR", help="a folder `accessnews batch` wrote")
    feed.add_argument(
        "--base-url", required=True, metavar="URL", help="the public address OUTDIR is served at"
    )
    feed.add_argument("--title", help="the feed's title (default: the articles' publication)")

    emboss = _command(commands, "emboss", "send braille to an embosser through CUPS")
    emboss.add_argument("source", metavar="FILE", help="a .brf or .pef file, or an article")
    emboss.add_argument("--printer", metavar="NAME", help="CUPS queue (default: CUPS' default)")
    _add_embosser_option(emboss, "its page size and setup bytes (default: generic)")
    emboss.set_defaults(embosser="generic")
    emboss.add_argument("--copies", type=int, default=1, metavar="N", help="copies")
    emboss.add_argument("--interpoint", action="store_true", help="emboss both sides")

    _command(commands, "voices", "list voice profiles and installed voices")
    return parser
