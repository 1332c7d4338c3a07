"""Read and clean the `render` command's articles in a forked child while the writers start.

Reading (the HTML parser's imports included) and starting the writers (the speech engine's
imports, liblouis tables) do not depend on each other, and for a one-minute article each costs
about as much as the speech itself. A child process forked before the writers load reads and
cleans every article in order and sends each clean Article (or the project error it raised)
back through a pipe, pickled, while the parent starts its writers; with several articles it
also reads the next one while the parent renders the current one.

The language is chosen in the parent, which would otherwise sit idle once its writers are up:
it loads the language identifier (py3langid with numpy, ~60-85 ms) while the child still
reads, and identifies each article as it arrives. The child then never needs py3langid, and
marks it absent so that trafilatura, for which it is an optional dependency (only its
`target_language` filter uses it, and the HTML reader does not pass one), does not import it:
for an HTML page those imports would otherwise run after the page's, on the child's path.

Nothing is lost if the child fails: whatever it did not deliver, the parent reads itself, so a
bug still surfaces in the parent with its traceback. Without `os.fork`, or when other threads
run (a forked child would inherit their locks), the parent reads in-process.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import BinaryIO

from ..errors import AccessnewsError
from ..model import Article
from .startup import collector

Outcome = Article | AccessnewsError


def _outcome(source: str, language: str | None, public_only: bool) -> Outcome:
    from ..pipeline import load_article

    try:
        return load_article(source, language, public_only=public_only)
    except AccessnewsError as error:
        return error


def _cleaned(source: str, public_only: bool) -> Outcome:
    """The child's part: the article read and cleaned, its language not chosen yet."""
    from ..pipeline import read_clean

    try:
        return read_clean(source, public_only=public_only)
    except AccessnewsError as error:
        return error


def _serve(sources: Sequence[str], public_only: bool, pipe: BinaryIO) -> None:
    """The child's work: one pickled outcome per source, in order."""
    from ..read.extractor import allow_lean

    sys.modules.setdefault("py3langid", None)  # type: ignore[arg-type]  # absent: an ImportError
    allow_lean()
    for source in sources:
        pickle.dump(_cleaned(source, public_only), pipe, protocol=pickle.HIGHEST_PROTOCOL)
        pipe.flush()


def _receive(
    sources: Sequence[str], language: str | None, public_only: bool, pipe: BinaryIO
) -> Iterator[Outcome]:
    """The outcomes in order, each article's language chosen here; the sources the child did
    not deliver are read here."""
    from ..read.language import identify, preload

    if language is None:
        preload()  # while the child reads
    delivered = 0
    with suppress(EOFError, pickle.UnpicklingError):
        for _ in sources:
            outcome = pickle.load(pipe)
            yield outcome if isinstance(outcome, AccessnewsError) else identify(outcome, language)
            delivered += 1
    for source in sources[delivered:]:
        yield _outcome(source, language, public_only)


@contextmanager
def read_ahead(
    sources: Sequence[str], language: str | None = None, *, public_only: bool = False
) -> Iterator[Iterator[Outcome]]:
    """Each source's clean Article or error, in order, read by a child process when possible
    (`public_only`: see `read_source`)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        yield (_outcome(source, language, public_only) for source in sources)
        return
    reader, writer = os.pipe()
    sys.stdout.flush()  # the child must not write the parent's buffered output again
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: read, send, and leave without running the parent's exit code
        collector("forked")
        os.close(reader)
        status = 1
        try:
            with os.fdopen(writer, "wb") as pipe:
                _serve(sources, public_only, pipe)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    try:
        with os.fdopen(reader, "rb") as pipe:
            yield _receive(sources, language, public_only, pipe)
    finally:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # still reading after the parent stopped early
        os.waitpid(pid, 0)
