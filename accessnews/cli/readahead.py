"""Read and clean the `render` command's articles in a forked child while the writers start.

Reading (the HTML parser's imports included) and starting the writers (the speech engine's
imports, liblouis tables) do not depend on each other, and for a one-minute article each costs
about as much as the speech itself. A child process forked before the writers load reads and
cleans every article in order and sends each clean Article (or the project error it raised)
back through a pipe, pickled, while the parent starts its writers; with several articles it
also reads the next one while the parent renders the current one.

An HTML page keeps the child busy long after the parent's writers are up (trafilatura's
import, above all), so for pages the language is chosen in the parent, which would otherwise
wait: it loads the language identifier (py3langid with numpy, ~60-85 ms) while the child still
reads, and identifies each page as it arrives. Plain text is read and cleaned before the
writers are up, so the child identifies it as before. The child imports trafilatura lean
(read/extractor.py: without py3langid and the libraries `extract` never runs here).

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
from pathlib import Path
from typing import BinaryIO

from ..errors import AccessnewsError, InputError
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
    """The child's part of a page the parent identifies: read and cleaned, no language yet."""
    from ..pipeline import read_clean

    try:
        return read_clean(source, public_only=public_only)
    except AccessnewsError as error:
        return error


def _parent_identifies(source: str, language: str | None) -> bool:
    """Whether the parent chooses this source's language: an HTML page or a URL (fetched, and
    most often a page), when no language is given. Plain text is read and cleaned before the
    writers are up, so its child identifies it meanwhile; a page keeps the child busy longer.
    The format is detected as the reader will detect it, from the file's first bytes, by the
    child (before the fork, the reader's imports would delay both processes)."""
    from ..fileio import regular_head
    from ..read import is_url
    from ..read.detect import detect_format

    if language is not None:
        return False
    if is_url(source):
        return True
    try:
        head = regular_head(Path(source), _SNIFF_BYTES)
    except (OSError, InputError):  # standard input, or what the reader will refuse
        return False
    return detect_format(head).format == "html"


_SNIFF_BYTES = 131072  # as much as detect_format looks at


def _serve(sources: Sequence[str], language: str | None, public_only: bool, pipe: BinaryIO) -> None:
    """The child's work, pickled for each source in order: first whether the parent is to
    identify it (sent at once, so that the parent can load the identifier meanwhile), then
    its outcome."""
    from ..read.extractor import allow_lean

    allow_lean()
    for source in sources:
        by_parent = _parent_identifies(source, language)
        pickle.dump(by_parent, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        pipe.flush()
        outcome = (
            _cleaned(source, public_only) if by_parent else _outcome(source, language, public_only)
        )
        pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        pipe.flush()


def _receive(
    sources: Sequence[str], language: str | None, public_only: bool, pipe: BinaryIO
) -> Iterator[Outcome]:
    """The outcomes in order, the pages' languages chosen here; the sources the child did not
    deliver are read here."""
    delivered = 0
    with suppress(EOFError, pickle.UnpicklingError):
        for _ in sources:
            by_parent: bool = pickle.load(pipe)
            if by_parent:
                from ..read.language import preload

                preload()  # while the child reads (once: the identifier is kept)
            outcome = pickle.load(pipe)
            if by_parent and not isinstance(outcome, AccessnewsError):
                from ..read.language import identify

                outcome = identify(outcome, language)
            yield outcome
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
    # py3langid classifies with one small matrix product, after which a second OpenBLAS thread
    # spins for ~130 ms of CPU on the core that synthesis and LAME share. The command's own
    # processes only (OpenBLAS reads this when numpy first loads).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
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
                _serve(sources, language, public_only, pipe)
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
