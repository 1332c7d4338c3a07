"""Output names of the command line's inputs, and the refusal to overwrite before any work."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError
from ..fileio import STDIN
from ..formats import FORMATS
from .options import writers_off


def stem(source: str) -> str:
    """Output name of an input: the file's stem, or the last path segment of a URL."""
    if source == STDIN:
        return "article"
    name = source.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0] or "article"
    return Path(name).stem or name


def check_stems(sources: Sequence[str]) -> list[str]:
    if list(sources).count(STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    stems = [stem(source) for source in sources]
    clashes = sorted({name for name in stems if stems.count(name) > 1})
    if clashes:
        raise UsageError(f"several inputs would write the same output names: {', '.join(clashes)}")
    return stems


def refuse_overwrite(args: argparse.Namespace, outdir: Path, stems: Sequence[str]) -> None:
    """Outputs that exist already are kept unless --force: one line before any work."""
    from ..formats import existing_outputs

    off = writers_off(args)
    formats = [name for name in args.formats if FORMATS[name].writer not in off]
    found = [path for name in stems for path in existing_outputs(outdir, name, formats)]
    if found and not args.force:
        names = ", ".join(path.name for path in found[:3]) + (" ..." if len(found) > 3 else "")
        raise UsageError(f"{outdir}: {names} already exist; pass --force to overwrite them")
