"""Read-ahead: a forked child reads and cleans the articles; the parent gets the same outcomes."""

from __future__ import annotations

import dataclasses
import io
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from accessnews import pipeline
from accessnews.cli.readahead import Outcome, _parent_identifies, read_ahead
from accessnews.errors import InputError
from accessnews.model import Article

SOURCES = ["01-flood-defences.txt", "12-village-bakery-cp1252.html", "04-marche-lyon.txt"]


@pytest.fixture
def sources(samples_dir: Path) -> list[str]:
    return [str(samples_dir / name) for name in SOURCES]


@pytest.fixture
def reader_pids(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Articles record the process that read them in `source` (the child inherits the patch;
    `load_article`, the parent's way, reads through `read_clean` too)."""
    if threading.active_count() > 1:
        pytest.skip("another thread runs here, so read-ahead reads in-process: see the next test")
    read = pipeline.read_clean

    def read_with_pid(source: str, **options: Any) -> Article:
        return dataclasses.replace(read(source, **options), source=str(os.getpid()))

    monkeypatch.setattr(pipeline, "read_clean", read_with_pid)
    yield


def _read_all(sources: list[str]) -> list[Outcome]:
    with read_ahead(sources) as outcomes:
        return list(outcomes)


def _without_pid(outcome: Outcome) -> Outcome:
    return dataclasses.replace(outcome, source="") if isinstance(outcome, Article) else outcome


def test_the_child_reads_and_the_parent_gets_the_same_articles(
    sources: list[str], reader_pids: None
) -> None:
    read = _read_all(sources)
    expected = [pipeline.load_article(source) for source in sources]
    assert all(isinstance(a, Article) and a.source != str(os.getpid()) for a in read)
    assert [_without_pid(a) for a in read] == [_without_pid(a) for a in expected]


def test_the_child_reads_pages_as_the_parent_would_without_unused_libraries(
    samples_dir: Path,
) -> None:
    """The child reads a page for the parent to identify and imports trafilatura lean
    (read/extractor.py): without py3langid, which is optional for it, numpy, or the libraries
    `extract` never runs; the pages read the same as with them. Fails loudly if trafilatura
    comes to need one of them (the child's time would grow)."""
    pages = sorted(str(path) for path in samples_dir.glob("*.html"))
    child = (
        "import pickle, sys\n"
        "from accessnews.cli.readahead import _serve\n"
        "_serve(sys.argv[1:], None, False, sys.stdout.buffer)\n"
        "from accessnews.read.extractor import DEFERRED\n"
        "unused = ('numpy', 'py3langid', *DEFERRED)\n"
        "pickle.dump(sorted(m for m in unused if sys.modules.get(m)), sys.stdout.buffer)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", child, *pages], capture_output=True, check=True, timeout=120
    )
    stream = io.BytesIO(result.stdout)
    read = [(pickle.load(stream), pickle.load(stream)) for _ in pages]
    assert all(by_parent for by_parent, _ in read)
    read = [article for _, article in read]
    assert pickle.load(stream) == [], "the reader child imported libraries it does not use"
    import py3langid  # noqa: F401  # here trafilatura sees its optional dependency

    assert read == [pipeline.read_clean(page) for page in pages]


def test_the_parent_identifies_pages_and_urls_and_the_child_plain_text(
    sources: list[str], tmp_path: Path
) -> None:
    text, page, _ = sources
    disguised = tmp_path / "page.txt"  # detected by content, as the reader detects it
    disguised.write_bytes(Path(page).read_bytes())
    assert [_parent_identifies(s, None) for s in (text, page, str(disguised))] == [
        False,
        True,
        True,
    ]
    assert _parent_identifies("https://example.org/story", None)
    assert not _parent_identifies(page, "en")  # a given language needs no identifier
    assert not _parent_identifies(str(tmp_path / "missing.html"), None)
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    assert not _parent_identifies(str(fifo), None)  # not opened to wait for a writer


def test_errors_arrive_in_order_as_project_errors(sources: list[str], tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.txt")
    read = _read_all([sources[0], missing, sources[2]])
    assert isinstance(read[0], Article) and isinstance(read[2], Article)
    assert isinstance(read[1], InputError)
    assert "missing.txt" in str(read[1])


def test_what_a_dying_child_did_not_deliver_is_read_by_the_parent(
    sources: list[str], reader_pids: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()
    read = pipeline.read_clean

    def die_in_child_on_second(source: str, **options: Any) -> Article:
        if os.getpid() != parent and source == sources[1]:
            os._exit(9)
        return read(source, **options)

    monkeypatch.setattr(pipeline, "read_clean", die_in_child_on_second)
    read = _read_all(sources)
    readers = [a.source for a in read if isinstance(a, Article)]
    assert readers[0] != str(parent)  # delivered by the child before it died
    assert readers[1:] == [str(parent), str(parent)]  # the rest read in the parent


def test_a_bug_surfaces_in_the_parent_with_its_own_exception(
    sources: list[str], reader_pids: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(source: str, **options: Any) -> Article:
        raise ValueError(f"bug while reading {source} in {os.getpid()}")

    monkeypatch.setattr(pipeline, "read_clean", broken)
    with pytest.raises(ValueError, match=f"in {os.getpid()}$"), read_ahead(sources) as outcomes:
        list(outcomes)


def test_stopping_early_ends_the_child(sources: list[str], reader_pids: None) -> None:
    children_before = _children()
    with read_ahead(sources * 5) as outcomes:
        next(outcomes)
    assert _children() == children_before  # killed and reaped: not left running or a zombie


def _children() -> set[str]:
    """Process ids whose parent is this process."""
    me = str(os.getpid())
    found = set()
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if fields[1] == me:
            found.add(status.parent.name)
    return found


def test_the_fork_tests_run_in_a_process_without_threads() -> None:
    """An earlier test may leave a thread running (Dask keeps one); then read-ahead rightly
    reads in-process, and the tests above run again here in a fresh interpreter."""
    if threading.active_count() == 1:
        pytest.skip("no other thread: the tests above forked in this process")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "7 passed, 1 skipped" in result.stdout, result.stdout
