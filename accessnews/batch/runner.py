"""Run a batch: members in, outputs and a report out, every member accounted for.

The runner does the bookkeeping in the parent process (output names, manifest, report); the
rendering itself runs in a backend (local worker processes, or a Dask cluster) that only ever
sees `Task`s and returns `Outcome`s.
"""

from __future__ import annotations

import os
import time
from collections.abc import Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..errors import AccessnewsError
from ..fileio import WHOLE_DISK
from ..render import RenderOptions
from .archive import members
from .cluster import DaskPool
from .edition import STATE_NAME, write_edition
from .manifest import MANIFEST_NAME, Entry, Manifest, input_hash
from .members import Member
from .naming import Namer
from .outdir import claimed, clear_leftovers
from .pool import LocalPool, OnStart
from .report import REPORT_NAME, UNCHANGED, Line, Report
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
    def map(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]: ...


# The batch's own files at the top of OUTDIR (their temporaries are cleared like an article's).
OWN_NAMES = (REPORT_NAME, MANIFEST_NAME, STATE_NAME, "edition")
INTERRUPTED = "interrupted before it finished; the next run renders it"


class _Run:
    """State of one batch run (the parent's side)."""

    def __init__(self, archive: Path, outdir: Path, options: RenderOptions, limits: Limits):
        self.archive, self.outdir, self.options, self.limits = archive, outdir, options, limits
        self.report = Report(str(archive), str(outdir))
        self.manifest = Manifest(outdir)
        self.namer = Namer()
        # index -> member, stem, hash and the entry of a partial render whose failed formats run
        self.in_flight: dict[int, tuple[str, str, str, Entry | None]] = {}
        self.stopped: str | None = None  # the machine's reason the batch stopped early

    def _settled(self, index: int, member: Member) -> Line | None:
        """The report line of a member that needs no rendering, or None if it does."""
        if member.problem is not None:
            if member.failed:
                return Line(member.name, "failed", error=member.problem)
            return Line(member.name, "skipped", reason=member.problem)
        stem = self.namer.stem(member.parts)
        digest = input_hash(member.data, self.options)
        entry = self.manifest.current(stem, digest, self.outdir)
        if entry is not None and entry.error is not None:  # not retried: it would fail again
            return Line(member.name, "failed", stem, error=entry.error, reason=UNCHANGED)
        if entry is not None and not entry.redo:
            return Line(
                member.name, "skipped", stem, entry.files, entry.metrics, reason=UNCHANGED,
                outputs=entry.outputs,
            )  # fmt: skip
        if self.stopped is not None:
            reason = f"not rendered: the batch stopped early ({self.stopped}); the next run will"
            return Line(member.name, "skipped", stem, reason=reason)
        self.in_flight[index] = (member.name, stem, digest, entry)
        return None

    def tasks(self, settled: list[tuple[int, Line]]) -> Iterator[Task]:
        """Tasks for the members that need rendering; the others are appended to `settled`."""
        outdir = str(self.outdir.resolve())
        listed = members(self.archive, self.limits, exclude=self.outdir)
        for index, member in enumerate(listed):
            line = self._settled(index, member)
            if line is not None:
                settled.append((index, line))
                continue
            _, stem, _, entry = self.in_flight[index]
            self.manifest.start(stem)
            formats = entry.redo if entry is not None else None
            yield Task(index, member.name, member.data, outdir, stem, formats=formats)

    def render(self, backend: Backend, listener: Listener | None, total: int) -> None:
        """Render what needs it and put every member in the report, in completion order."""
        settled: list[tuple[int, Line]] = []

        def add(index: int, line: Line) -> None:
            self.report.add(index, line)
            if listener is not None:
                listener.finished(line, len(self.report.lines), total)

        clear_leftovers(self.outdir, self.manifest.unfinished, OWN_NAMES)
        try:
            with self.manifest, closing(backend.map(self.tasks(settled))) as outcomes:
                for outcome in outcomes:
                    while settled:
                        add(*settled.pop(0))
                    add(outcome.index, self.line(outcome))
        except KeyboardInterrupt:
            self.report.interrupted = True
            for index, (name, stem, _, _) in list(self.in_flight.items()):
                add(index, Line(name, "failed", stem, error=INTERRUPTED))
            raise
        finally:  # the workers have stopped: what they left half-written is ours to remove
            for index, line in settled:
                add(index, line)
            clear_leftovers(self.outdir, self.manifest.unfinished, OWN_NAMES)

    def line(self, outcome: Outcome) -> Line:
        """Record a rendered or failed task in the manifest and as a report line."""
        name, stem, digest, previous = self.in_flight.pop(outcome.index)
        files, metrics, outputs = outcome.files, outcome.metrics, outcome.outputs
        if previous is not None:  # only its failed formats ran: the others' outputs stand
            files = tuple(dict.fromkeys(previous.files + files))
            metrics, outputs = previous.metrics | metrics, previous.outputs | outputs
        if outcome.environment is not None:  # the machine's fault: retried next run
            if outcome.environment in WHOLE_DISK:  # every next article would fail the same way
                self.stopped = self.stopped or outcome.environment
            self.manifest.forget(stem)
        elif outcome.status == "rendered" or outcome.lasting or outcome.redo:
            error = outcome.error if outcome.lasting else None
            entry = Entry(digest, name, files, metrics, error, outcome.redo, outputs)
            self.manifest.record(stem, entry)
        else:  # a crash or a time-out: retried next time
            self.manifest.forget(stem)
        return Line(
            name, outcome.status, stem, files, metrics, error=outcome.error,
            seconds=outcome.seconds, outputs=outputs,
        )  # fmt: skip


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


def plan_batch(
    archive: Path, outdir: Path, options: RenderOptions, settings: BatchSettings = BatchSettings()
) -> Iterator[str]:
    """`batch --dry-run`: one line per member, what a run would do with it (render, skip as
    unchanged or unreadable, fail), decided as a run decides; nothing is written."""
    run = _Run(archive, outdir, options, settings.limits)
    for index, member in enumerate(members(archive, settings.limits, exclude=outdir)):
        line = run._settled(index, member)
        if line is None:
            yield f"render {member.name} -> {outdir / run.in_flight.pop(index)[1]}.*"
        else:
            verb = {"failed": "fail", "skipped": "skip"}[line.status]
            yield f"{verb} {member.name} ({line.error or line.reason})"


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
        try:
            run.render(_backend(options, settings, on_start), listener, total)
            if settings.edition:
                run.report.edition = _edition(outdir, run.report, options)
        finally:  # also on Ctrl-C: the report of what was done, marked interrupted
            run.report.seconds = time.monotonic() - started
            run.report.write(outdir)
    return run.report
