"""Local worker processes: spawn start method, a time limit per article, crash replacement.

A forked pyttsx3 engine hangs, so workers are spawned. The pool is hand-rolled rather than
`concurrent.futures` because one worker that crashes or overruns must be killed and replaced
without losing the others' work (a broken ProcessPoolExecutor fails every pending task).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import chain
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from ..errors import RenderError
from ..render import RenderOptions
from .work import Outcome, Task, render_task, renderer_for

OnStart = Callable[[Task, int], None]
READY = "ready"


def _worker(conn: Connection, options: RenderOptions) -> None:
    """A worker's life: open the writers once, then render tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    # Load the engine and tables before the first article arrives (so its time limit is not
    # spent on start-up); if that fails, each task reports the same error as a failed article.
    with contextlib.suppress(Exception):
        renderer_for(options)
    conn.send(READY)
    while (task := conn.recv()) is not None:
        conn.send(render_task(task, options))


@dataclass
class _Slot:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    started: float = 0.0
    exitcode: int | None = None  # of the worker this slot last replaced


class LocalPool:
    """`jobs` worker processes rendering tasks with `options`; results arrive as they finish."""

    def __init__(
        self,
        options: RenderOptions,
        jobs: int,
        time_limit: float | None,
        on_start: OnStart | None = None,
    ) -> None:
        self.options = options
        self.jobs = jobs
        self.time_limit = time_limit
        self.on_start = on_start
        self._context = multiprocessing.get_context("spawn")

    def _spawn(self) -> _Slot:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_worker, args=(theirs, self.options), name="accessnews-worker", daemon=True
        )
        process.start()
        theirs.close()
        return _Slot(process, ours)

    @staticmethod
    def _ready(slot: _Slot) -> _Slot:
        """Wait until a new worker has loaded its engine and tables."""
        try:
            if slot.conn.recv() == READY:
                return slot
        except (EOFError, OSError):
            pass
        slot.process.join()
        raise RenderError(
            f"a worker process died while starting (exit code {slot.process.exitcode})"
        )

    def _assign(self, slot: _Slot, task: Task) -> None:
        slot.task, slot.started = task, time.monotonic()
        # A worker that died since its last answer cannot take the task; `_collect` then sees
        # its closed pipe and treats it as a crash (replace, retry once).
        with contextlib.suppress(OSError):
            slot.conn.send(task)
        if self.on_start is not None and slot.process.pid is not None:
            self.on_start(task, slot.process.pid)

    def _replace(self, slot: _Slot) -> None:
        """Kill a worker that crashed or overran and put a fresh one in its slot."""
        slot.process.kill()
        slot.process.join()
        slot.conn.close()
        slot.exitcode = slot.process.exitcode
        fresh = self._ready(self._spawn())
        slot.process, slot.conn, slot.task = fresh.process, fresh.conn, None

    def _fill(self, slots: list[_Slot], pending: Iterator[Task], retries: deque[Task]) -> None:
        """Give every idle worker a task: retries first, then the next member."""
        for slot in slots:
            if slot.task is None:
                task = retries.popleft() if retries else next(pending, None)
                if task is None:
                    return
                self._assign(slot, task)

    def _wait(self, busy: list[_Slot]) -> set[object]:
        """Block until a busy worker answers or dies, or the earliest time limit expires."""
        timeout = None
        if self.time_limit is not None:
            deadline = min(s.started for s in busy) + self.time_limit
            timeout = max(0.0, deadline - time.monotonic())
        return set(wait([s.conn for s in busy] + [s.process.sentinel for s in busy], timeout))

    def _collect(self, slot: _Slot, ready: set[object], retries: deque[Task]) -> Outcome | None:
        """The outcome of a busy slot if it has one; replaces a crashed or overrunning worker."""
        task, now = slot.task, time.monotonic()
        assert task is not None
        if slot.conn in ready:
            try:
                outcome: Outcome = slot.conn.recv()
                slot.task = None
                return outcome
            except (EOFError, OSError, pickle.UnpicklingError):
                pass  # it died while answering: a crash
        if slot.conn in ready or slot.process.sentinel in ready:
            self._replace(slot)
            if task.attempt == 0:
                retries.append(replace(task, attempt=1))
                return None
            code = slot.exitcode
            return Outcome(task.index, "failed", error=f"worker crashed twice (exit code {code})")
        if self.time_limit is not None and now - slot.started > self.time_limit:
            self._replace(slot)
            limit = f"took longer than the {self.time_limit:g} s time limit"
            return Outcome(task.index, "failed", error=limit, seconds=round(now - slot.started, 3))
        return None

    def map(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]:
        """Render every task; tasks are pulled only as workers free up, so memory stays flat."""
        pending = iter(tasks)
        first = next(pending, None)
        if first is None:
            return  # nothing to render (an unchanged re-run): start no engine at all
        pending = chain([first], pending)
        retries: deque[Task] = deque()
        slots = [self._spawn() for _ in range(self.jobs)]
        try:
            for slot in slots:  # they start up side by side
                self._ready(slot)
            self._fill(slots, pending, retries)
            while busy := [s for s in slots if s.task is not None]:
                ready = self._wait(busy)
                finished = [self._collect(slot, ready, retries) for slot in busy]
                # Workers get their next article before the caller spends time on the results.
                self._fill(slots, pending, retries)
                yield from (outcome for outcome in finished if outcome is not None)
        finally:
            self._shutdown(slots)

    @staticmethod
    def _shutdown(slots: list[_Slot]) -> None:
        for slot in slots:
            if slot.task is None:
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
        for slot in slots:
            slot.process.join(timeout=5 if slot.task is None else 0)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            slot.conn.close()
