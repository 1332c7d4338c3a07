"""The same work on a Dask distributed cluster (`--scheduler tcp://HOST:PORT`).

Workers need accessnews installed and OUTDIR on a shared filesystem: tasks carry the article's
bytes and write their outputs there themselves. Dask replaces a dead worker and reschedules its
task on its own (the scheduler's `allowed-failures`), so only the time limit is enforced here.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterable
from itertools import islice
from typing import Any

from ..errors import AccessnewsError
from ..render import RenderOptions
from .work import Outcome, Task, render_task


def _distributed() -> Any:
    """Dask's distributed package, an optional extra: only `--scheduler` needs it."""
    try:
        import distributed
    except ImportError:
        raise AccessnewsError(
            "--scheduler needs Dask's distributed package: pip install 'accessnews[cluster]'"
        ) from None
    return distributed


class DaskPool:
    """Submits tasks to a Dask scheduler, keeping each worker thread busy with one article."""

    def __init__(self, options: RenderOptions, address: str, time_limit: float | None) -> None:
        self.options = options
        self.address = address
        self.time_limit = time_limit

    def _connect(self) -> Any:
        try:
            return _distributed().Client(self.address, timeout="10s")
        except (OSError, TimeoutError, ValueError) as error:
            message = f"cannot reach the Dask scheduler at {self.address}: {error}"
            raise AccessnewsError(message) from None

    @staticmethod
    def _outcome(future: Any, task: Task) -> Outcome:
        try:
            outcome: Outcome = future.result()
            return outcome
        except Exception as error:  # KilledWorker and friends: the cluster lost this task
            return Outcome(task.index, "failed", error=f"cluster: {type(error).__name__}: {error}")

    def map(self, tasks: Iterable[Task]) -> Generator[Outcome, None, None]:
        """Render every task on the cluster; results arrive as they finish."""
        wait = _distributed().wait
        pending = iter(tasks)
        with self._connect() as client:
            width = max(1, sum(client.nthreads().values()))
            running: dict[Any, tuple[Task, float]] = {}

            def submit(batch: Iterable[Task]) -> None:
                for task in batch:
                    future = client.submit(render_task, task, self.options, pure=False)
                    running[future] = (task, time.monotonic())

            submit(islice(pending, width))
            while running:
                timeout = None
                if self.time_limit is not None:
                    first = min(started for _, started in running.values())
                    timeout = max(0.1, first + self.time_limit - time.monotonic())
                try:
                    done = wait(list(running), timeout=timeout, return_when="FIRST_COMPLETED").done
                except TimeoutError:
                    done = set()
                now = time.monotonic()
                for future in list(running):
                    task, started = running[future]
                    if future in done:
                        del running[future]
                        yield self._outcome(future, task)
                    elif self.time_limit is not None and now - started > self.time_limit:
                        del running[future]
                        future.cancel()
                        error = f"took longer than the {self.time_limit:g} s time limit"
                        yield Outcome(task.index, "failed", error=error)
                submit(islice(pending, width - len(running)))
