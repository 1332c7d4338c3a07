"""The command line: the only module that parses arguments and prints.

Project errors become one line on stderr and a non-zero exit; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from .errors import AccessnewsError, UsageError
from .fileio import STDIN
from .formats import DEFAULT_FORMATS, FORMATS, of_writer, parse_formats
from .progress import Progress
from .readahead import read_ahead

if TYPE_CHECKING:
    from .render import Renderer, RenderOptions

EXIT_CODES = """\
exit codes:
  0    everything asked for was written
  1    some articles of a batch failed, or another error (see the message)
  2    usage error: a bad option, value or config file; an unreadable input; outputs that
       exist already (without --force)
  3    an article's outputs could not be rendered
  4    some outputs of an article were written and another failed
  130  interrupted"""

SETTINGS_HELP = """\
settings: flags win over environment variables (ACCESSNEWS_VOICE, ACCESSNEWS_RATE ...), which
win over $XDG_CONFIG_HOME/accessnews/config.toml (keys: voice, engine, rate, bitrate,
braille_table, embosser, cells, lines, interpoint, page_numbers, running_head, volume_pages);
pronunciations of your own go in lexicon.toml beside it."""

EXAMPLES = {
    "clean": "example:\n  accessnews clean story.html --json > story.json\n"
    "  curl -s https://example.org/story | accessnews clean -",
    "render": "examples:\n  accessnews render story.html -o out/\n"
    "  accessnews render story.txt --voice en-US --rate 160 --no-braille --force",
    "batch": "examples:\n  accessnews batch archive.zip -o out/ --edition\n"
    "  accessnews batch folder/ -o out/ --dry-run",
    "emboss": "example:\n  accessnews emboss out/story.brf --embosser index-everest:a4",
    "feed": "example:\n  accessnews feed out/ --base-url https://news.example/audio/",
    "voices": "example:\n  accessnews voices",
}


def _cmd_clean(args: argparse.Namespace) -> int:
    from .model_json import dumps  # not needed by `render`, whose start-up time counts
    from .outline import outline
    from .pipeline import load_article

    article = load_article(args.article, args.language, public_only=args.no_private_addresses)
    print(dumps(article) if args.json else outline(article))
    return 0


def _cmd_voices(args: argparse.Namespace) -> int:
    from .speech.voices import describe_voices

    print(describe_voices())
    return 0


def _stem(source: str) -> str:
    """Output name of an input: the file's stem, or the last path segment of a URL."""
    if source == STDIN:
        return "article"
    name = source.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or "article"
    return Path(name).stem or name


def _check_stems(sources: Sequence[str]) -> list[str]:
    if list(sources).count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    stems = [_stem(source) for source in sources]
    clashes = sorted({stem for stem in stems if stems.count(stem) > 1})
    if clashes:
        raise UsageError(f"several inputs would write the same output names: {', '.join(clashes)}")
    return stems


def _refuse_overwrite(args: argparse.Namespace, outdir: Path, stems: Sequence[str]) -> None:
    """Outputs that exist already are kept unless --force: one line before any work."""
    from .formats import existing_outputs

    off = {name for name, flag in (("audio", args.no_audio), ("braille", args.no_braille)) if flag}
    formats = [name for name in args.formats if FORMATS[name].writer not in off]
    found = [path for stem in stems for path in existing_outputs(outdir, stem, formats)]
    if found and not args.force:
        names = ", ".join(path.name for path in found[:3]) + (" ..." if len(found) > 3 else "")
        raise UsageError(f"{outdir}: {names} already exist; pass --force to overwrite them")


def _cmd_render(args: argparse.Namespace) -> int:
    """Render each article; a bad one is reported and the rest still rendered."""
    stems = _check_stems(args.articles)
    from .fileio import ensure_folder

    outdir = Path(args.outdir)
    ensure_folder(outdir)  # a file named by -o, or a read-only folder: one line, before any work
    _refuse_overwrite(args, outdir, stems)
    progress = Progress(sys.stderr, enabled=_progress_on(args))
    status = 0
    # Read-ahead forks first, so the child does not inherit the writers' engine and tables.
    reading = read_ahead(args.articles, args.language, public_only=args.no_private_addresses)
    with reading as outcomes, _renderer(args) as renderer:
        _collect_from_now_on()
        for number, (source, stem, outcome) in enumerate(
            zip(args.articles, stems, outcomes, strict=True), start=1
        ):
            progress.status(f"[{number}/{len(stems)}] {source}")
            try:
                if isinstance(outcome, AccessnewsError):
                    raise outcome
                rendered = renderer.render(outcome, outdir, stem, progress=progress.blocks)
            except AccessnewsError as error:
                progress.clear()
                print(f"accessnews: error: {error}", file=sys.stderr)
                status = status or error.exit_code
                continue
            progress.clear()
            if not args.quiet:
                print(rendered.summary())
                for warning in rendered.warnings:
                    print(f"accessnews: warning: {stem}: {warning}", file=sys.stderr)
            if (failure := rendered.error()) is not None:
                print(f"accessnews: error: {stem}: {failure}", file=sys.stderr)
                status = status or failure.exit_code
            if args.verbose:
                print(rendered.details())
    return status


def _progress_on(args: argparse.Namespace) -> bool | None:
    """Off with -q or --no-progress, on with --progress, else on a terminal only (None)."""
    return False if args.quiet else args.progress


def _renderer(args: argparse.Namespace) -> Renderer:
    from .render import Renderer

    return Renderer(_render_options(args))


def _cmd_batch(args: argparse.Namespace) -> int:
    from .batch import BatchSettings, run_batch
    from .batch.progress import BatchProgress

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    settings = BatchSettings(
        args.jobs, args.time_limit or None, args.scheduler, edition=args.edition
    )
    options = _render_options(args)
    if args.dry_run:
        from .batch.runner import plan_batch

        for line in plan_batch(Path(args.archive), Path(args.outdir), options, settings):
            print(line)
        return 0
    display = BatchProgress(sys.stderr, enabled=_progress_on(args))
    try:
        report = run_batch(Path(args.archive), Path(args.outdir), options, settings, display)
    finally:
        display.close()
    if args.verbose:
        print(report.details())
    if not args.quiet:
        print(report.summary())
        print(f"report: {Path(args.outdir) / 'report.json'}")
    return 1 if report.failed else 0


def _cmd_feed(args: argparse.Namespace) -> int:
    from .feed import write_feed

    target, items = write_feed(Path(args.outdir), args.base_url, args.title)
    print(f"{target}: {items} episode{'s' if items != 1 else ''}")
    return 0


def _cmd_emboss(args: argparse.Namespace) -> int:
    from .emboss import cups, job
    from .emboss.profiles import profile

    if args.copies < 1:
        raise UsageError("--copies must be at least 1")
    embosser = profile(args.embosser)
    embosser.check_interpoint(args.interpoint)
    interpoint = args.interpoint or embosser.interpoint
    braille = job.load(args.source, embosser, interpoint)
    data = job.job_bytes(braille, embosser, interpoint)
    title = _stem(args.source)
    request = cups.submit(
        data, printer=args.printer, copies=args.copies, title=title, interpoint=interpoint
    )
    sides = "interpoint" if interpoint else "one side"
    print(
        f"{title}: {len(braille.pages)} braille pages, {len(data)} bytes, {args.copies} "
        f"cop{'ies' if args.copies > 1 else 'y'}, {sides}, {embosser.model}, "
        f"{embosser.paper}: job {request}"
    )
    return 0


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


def _render_options(args: argparse.Namespace) -> RenderOptions:
    """Flags over ACCESSNEWS_* over config.toml over the options' defaults; without liblouis'
    bindings, one warning and the audio alone."""
    from .braille import louis_missing
    from .settings import SETTINGS, checked, render_options, resolve, user_lexicon

    off = {name for name, flag in (("audio", args.no_audio), ("braille", args.no_braille)) if flag}
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


class _Help(argparse.RawDescriptionHelpFormatter):
    """Help that shows each default: argparse's own, or for a setting the options dataclass's
    default (read only when help is shown: the writers take ~0.1 s to import)."""

    def _get_help_string(self, action: argparse.Action) -> str:
        from .settings import SETTINGS

        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS):
            default = _option_default(action.dest) if action.dest in SETTINGS else None
            return text if default is None else f"{text} (default: {default})"
        return f"{text} (default: {action.default})"


def _option_default(key: str) -> object:
    from dataclasses import MISSING, fields

    from .braille.writer import BrailleOptions
    from .speech.writer import AudioOptions

    name = {"braille_table": "table"}.get(key, key)
    found = [f.default for cls in (AudioOptions, BrailleOptions) for f in fields(cls)
             if f.name == name and f.default is not MISSING]  # fmt: skip
    return found[0] if found and found[0] not in (None, False) else None


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error (argparse prints the whole usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class _Version(argparse.Action):
    """--version names the engines too; finding their versions loads them, so only on demand."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from .versions import versions

        print(versions())
        parser.exit()


def _command(
    commands: argparse._SubParsersAction[_Parser], name: str, summary: str
) -> argparse.ArgumentParser:
    return commands.add_parser(
        name, help=summary, description=summary, epilog=f"{EXAMPLES[name]}\n\n{EXIT_CODES}",
        formatter_class=_Help,
    )  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="accessnews",
        description="News articles as narrated MP3 with chapters and Grade 2 braille.",
        epilog=f"{SETTINGS_HELP}\n\n{EXIT_CODES}",
        formatter_class=_Help,
    )
    parser.add_argument(
        "--version", action=_Version, nargs=0, help="the versions of accessnews and its engines"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    clean = _command(commands, "clean", "read and clean an article; print its model")
    clean.add_argument("article", help="a file (text or HTML), an http(s) URL, or - for stdin")
    clean.add_argument("--json", action="store_true", help="print the model as JSON")
    _add_language_option(clean)
    _add_address_option(clean)
    clean.set_defaults(run=_cmd_clean)

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
    render.set_defaults(run=_cmd_render)

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
    batch.set_defaults(run=_cmd_batch)

    feed = _command(commands, "feed", "write a podcast feed of a batch output folder")
    feed.add_argument("outdir", metavar="OUTDIR", help="a folder `accessnews batch` wrote")
    feed.add_argument(
        "--base-url", required=True, metavar="URL", help="the public address OUTDIR is served at"
    )
    feed.add_argument("--title", help="the feed's title (default: the articles' publication)")
    feed.set_defaults(run=_cmd_feed)

    emboss = _command(commands, "emboss", "send braille to an embosser through CUPS")
    emboss.add_argument("source", metavar="FILE", help="a .brf or .pef file, or an article")
    emboss.add_argument("--printer", metavar="NAME", help="CUPS queue (default: CUPS' default)")
    _add_embosser_option(emboss, "its page size and setup bytes (default: generic)")
    emboss.set_defaults(embosser="generic")
    emboss.add_argument("--copies", type=int, default=1, metavar="N", help="copies")
    emboss.add_argument("--interpoint", action="store_true", help="emboss both sides")
    emboss.set_defaults(run=_cmd_emboss)

    voices = _command(commands, "voices", "list voice profiles and installed voices")
    voices.set_defaults(run=_cmd_voices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    status = _main(argv)
    if argv is None:  # run as the command: the process exits next
        # Exiting, the interpreter's collector would walk every object left (the readers' and
        # the speech engine's modules): ~50 ms, a tenth of a short article's render. Frozen
        # objects are skipped; outputs are closed and on disk already, the OS frees the memory.
        gc.freeze()
    return status


def _collect_from_now_on() -> None:
    """Once a command has loaded what it needs: freeze the objects of start-up, so that the
    collector never walks them again, and turn it back on (`python -m accessnews` and the
    `accessnews` command start with it off; see __main__.py)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _main(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.run is not _cmd_render:  # render loads its writers first
        _collect_from_now_on()
    try:
        if getattr(args, "language", None) is not None:
            from .read.language import given_language

            args.language = given_language(args.language)
        if hasattr(args, "formats"):  # checked before any work: a typo is a usage error
            args.formats = parse_formats(args.formats) if args.formats else DEFAULT_FORMATS
        return args.run(args)
    except AccessnewsError as error:
        print(f"accessnews: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("accessnews: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
