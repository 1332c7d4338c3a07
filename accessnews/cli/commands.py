"""The commands: each takes the parsed arguments, prints, and returns an exit code.

Each imports what it needs when it runs: `render`'s start-up time counts, and the other
commands' modules are not part of it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import AccessnewsError, UsageError
from .options import progress_on, render_options, renderer
from .outputs import check_stems, refuse_overwrite, stem
from .progress import Progress
from .readahead import read_ahead


def clean(args: argparse.Namespace) -> int:
    from ..model_json import dumps
    from ..outline import outline
    from ..pipeline import load_article

    article = load_article(args.article, args.language, public_only=args.no_private_addresses)
    print(dumps(article) if args.json else outline(article))
    return 0


def voices(args: argparse.Namespace) -> int:
    from ..speech.voices import describe_voices

    print(describe_voices())
    return 0


def render(args: argparse.Namespace) -> int:
    """Render each article; a bad one is reported and the rest still rendered."""
    stems = check_stems(args.articles)
    from ..fileio import ensure_folder
    from .startup import collector

    outdir = Path(args.outdir)
    ensure_folder(outdir)  # a file named by -o, or a read-only folder: one line, before any work
    refuse_overwrite(args, outdir, stems)
    progress = Progress(sys.stderr, enabled=progress_on(args))
    status = 0
    # Read-ahead forks first, so the child does not inherit the writers' engine and tables.
    reading = read_ahead(args.articles, args.language, public_only=args.no_private_addresses)
    with reading as outcomes, renderer(args) as writers:
        collector("loaded")
        for number, (source, name, outcome) in enumerate(
            zip(args.articles, stems, outcomes, strict=True), start=1
        ):
            progress.status(f"[{number}/{len(stems)}] {source}")
            try:
                if isinstance(outcome, AccessnewsError):
                    raise outcome
                rendered = writers.render(outcome, outdir, name, progress=progress.blocks)
            except AccessnewsError as error:
                progress.clear()
                print(f"accessnews: error: {error}", file=sys.stderr)
                status = status or error.exit_code
                continue
            progress.clear()
            if not args.quiet:
                print(rendered.summary())
                for warning in rendered.warnings:
                    print(f"accessnews: warning: {name}: {warning}", file=sys.stderr)
            if (failure := rendered.error()) is not None:
                print(f"accessnews: error: {name}: {failure}", file=sys.stderr)
                status = status or failure.exit_code
            if args.verbose:
                print(rendered.details())
    return status


def batch(args: argparse.Namespace) -> int:
    from ..batch import BatchSettings, run_batch
    from .batch_progress import BatchProgress

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    settings = BatchSettings(
        args.jobs, args.time_limit or None, args.scheduler, edition=args.edition
    )
    options = render_options(args)
    if args.dry_run:
        from ..batch.runner import plan_batch

        for line in plan_batch(Path(args.archive), Path(args.outdir), options, settings):
            print(line)
        return 0
    display = BatchProgress(sys.stderr, enabled=progress_on(args))
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


def feed(args: argparse.Namespace) -> int:
    from ..feed import write_feed

    target, items = write_feed(Path(args.outdir), args.base_url, args.title)
    print(f"{target}: {items} episode{'s' if items != 1 else ''}")
    return 0


def emboss(args: argparse.Namespace) -> int:
    from ..emboss import cups, job
    from ..emboss.profiles import profile

    if args.copies < 1:
        raise UsageError("--copies must be at least 1")
    embosser = profile(args.embosser)
    embosser.check_interpoint(args.interpoint)
    interpoint = args.interpoint or embosser.interpoint
    braille = job.load(args.source, embosser, interpoint)
    data = job.job_bytes(braille, embosser, interpoint)
    title = stem(args.source)
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


# Each command of the parser (parser.py), by name.
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "clean": clean,
    "render": render,
    "batch": batch,
    "feed": feed,
    "emboss": emboss,
    "voices": voices,
}
