"""Run a batch: members in, outputs and a report out, every member accounted for.

The runner does the bookkeeping in the parent process (output names, manifest, report); the
rendering itself runs in a backend (local worker processes, or a Dask cluster) that only ever
sees `Task`s and returns `Outcome`s.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import AccessnewsError
from ..render import RenderOptions
from .archive import members
from .cluster import DaskPool
from .edition import write_edition
from .manifest import Entry, Manifest, input_hash
from .members import Member
from .naming import Namer
from .outdir import claimed
from .pool import LocalPool, OnStart
from .report import UNCHANGED, Line, Report
from .safety import Limits
from .work import Outcome, Task


@dataclass(frozen=True)
class BatchSettings:
    """How to run: local processes (`jobs`) or a Dask `scheduler` address, and the limits."""

    jobs: int | None = None  # None: one per core
    time_limit: float | None = 600.0
    scheduler: str | None = None
    limits: Limits = Limits()
    edition: bool = False


class Listener(Protocol):
    def finished(self, line: Line, done: int, total: int) -> None: ...


class Backend(Protocol):
    def map(self, tasks: Iterable[Task]) -> Iterator[Outcome]: ...


class _Run:
    """State of one batch run (the parent's side)."""

    def __init__(self, archive: Path, outdir: Path, options: RenderOptions, limits: Limits):
        self.archive, self.outdir, self.options, self.limits = archive, outdir, options, limits
        self.report = Report(str(archive), str(outdir))
        self.manifest = Manifest(outdir)
        self.namer = Namer()
        self.in_flight: dict[int, tuple[str, str, str]] = {}  # index -> member, stem, hash

    def _settled(self, index: int, member: Member) -> Line | None:
        """The report line of a member that needs no rendering, or None if it does."""
        if member.problem is not None:
            if member.failed:
                return Line(member.name, "failed", error=member.problem)
            return Line(member.name, "skipped", reason=member.problem)
        stem = self.namer.stem(member.parts)
        digest = input_hash(member.data, self.options)
        entry = self.manifest.current(stem, digest, self.outdir)
        if entry is None:
            self.in_flight[index] = (member.name, stem, digest)
            return None
        if entry.error is not None:  # not retried: it would fail the same way
            return Line(member.name, "failed", stem, error=entry.error, reason=UNCHANGED)
        return Line(member.name, "skipped", stem, entry.files, entry.metrics, reason=UNCHANGED)

    def tasks(self, settled: list[tuple[int, Line]]) -> Iterator[Task]:
        """Tasks for the members that need rendering; the others are appended to `settled`."""
        outdir = str(self.outdir.resolve())
        listed = members(self.archive, self.limits, exclude=self.outdir)
        for index, member in enumerate(listed):
            line = self._settled(index, member)
            if line is not None:
                settled.append((index, line))
                continue
            yield Task(index, member.name, member.data, outdir, self.in_flight[index][1])

    def render(self, backend: Backend, listener: Listener | None, total: int) -> None:
        """Render what needs it and put every member in the report, in completion order."""
        settled: list[tuple[int, Line]] = []

        def add(index: int, line: Line) -> None:
            self.report.add(index, line)
            if listener is not None:
                listener.finished(line, len(self.report.lines), total)

        with self.manifest:
            for outcome in backend.map(self.tasks(settled)):
                while settled:
                    add(*settled.pop(0))
                add(outcome.index, self.line(outcome))
            for index, line in settled:
                add(index, line)

    def line(self, outcome: Outcome) -> Line:
        """Record a rendered or failed task in the manifest and as a report line."""
        name, stem, digest = self.in_flight.pop(outcome.index)
        if outcome.status == "rendered" or outcome.lasting:
            entry = Entry(digest, name, outcome.files, outcome.metrics, outcome.error)
            self.manifest.record(stem, entry)
        else:  # a crash or a time-out: retried next time
            self.manifest.forget(stem)
        return Line(
            name,
            outcome.status,
            stem,
            outcome.files,
            outcome.metrics,
            error=outcome.error,
            seconds=outcome.seconds,
            outputs=outcome.outputs,
        )


def _edition(outdir: Path, report: Report, options: RenderOptions) -> dict[str, object]:
    """The edition's report entry; an edition that cannot be made is a failure, not a crash."""
    lines = [report.lines[i] for i in sorted(report.lines)]
    try:
        return write_edition(outdir, lines, options, f"{Path(report.archive).name} edition")
    except AccessnewsError as error:
        return {"error": str(error)}


def _backend(options: RenderOptions, settings: BatchSettings, on_start: OnStart | None) -> Backend:
    if settings.scheduler:
        return DaskPool(options, settings.scheduler, settings.time_limit)
    jobs = settings.jobs or os.cpu_count() or 1
    return LocalPool(options, jobs, settings.time_limit, on_start)


def run_batch(
    archive: Path,
    outdir: Path,
    options: RenderOptions,
    settings: BatchSettings = BatchSettings(),
    listener: Listener | None = None,
    on_start: OnStart | None = None,
) -> Report:
    """Render every article of `archive` into `outdir`; write and return the report.

    `on_start(task, pid)` is called as a local worker starts an article (tests use it to crash
    or stop that worker).
    """
    if settings.edition and options.audio is None and options.braille is None:
        raise AccessnewsError("--edition needs audio or braille: drop --no-audio or --no-braille")
    started = time.monotonic()
    total = sum(1 for _ in members(archive, settings.limits, with_data=False, exclude=outdir))
    with claimed(outdir):
        run = _Run(archive, outdir, options, settings.limits)
        run.render(_backend(options, settings, on_start), listener, total)
        if settings.edition:
            run.report.edition = _edition(outdir, run.report, options)
        run.report.seconds = time.monotonic() - started
        run.report.write(outdir)
    return run.report
