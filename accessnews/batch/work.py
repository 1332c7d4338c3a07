"""Render one archive member: the unit of work a local worker or a Dask worker runs.

Each worker process keeps one open Renderer (one speech engine, one set of braille tables) per
set of render options and reuses it for every article it is given.
"""

from __future__ import annotations

import atexit
import threading
import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import AccessnewsError
from ..fileio import environmental, write_atomic
from ..model_json import dumps
from ..pipeline import load_article
from ..render import Renderer, RenderOptions

# Result fields copied into the report (each writer has some of them).
METRICS = ("duration", "chapters", "pages", "accuracy")
MODEL_SUFFIX = ".model.json"


@dataclass(frozen=True)
class Task:
    """One article to render: its bytes and where its outputs go (`outdir/stem.*`)."""

    index: int
    name: str
    data: bytes
    outdir: str
    stem: str
    attempt: int = 0
    formats: tuple[str, ...] | None = None  # only these (the ones that failed last time)


@dataclass(frozen=True)
class Outcome:
    """What became of a task; `files` are relative to the batch OUTDIR."""

    index: int
    status: str  # "rendered" or "failed"
    files: tuple[str, ...] = ()
    metrics: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    lasting: bool = False  # the same input and options would fail the same way again
    outputs: dict[str, str] = field(default_factory=dict)  # mp3, brf ... -> rendered / failed
    redo: tuple[str, ...] = ()  # formats that failed while the others wrote: make them again
    environment: str | None = None  # the machine's reason (no space ...): retry, stop the batch


_renderers: dict[str, Renderer] = {}
# A Dask worker runs tasks in threads; one speech engine must not speak two articles at once.
_lock = threading.Lock()
_stack = ExitStack()
atexit.register(_stack.close)


def renderer_for(options: RenderOptions) -> Renderer:
    """This process's open Renderer for `options`, opened on first use."""
    key = repr(options)  # options may hold unhashable fields; their repr is exact
    if key not in _renderers:
        _renderers[key] = _stack.enter_context(Renderer(options))
    return _renderers[key]


def _metric(value: Any) -> Any:
    """A result field as JSON: lists become their length (e.g. number of chapters)."""
    if isinstance(value, list | tuple):
        return len(value)
    return round(value, 3) if isinstance(value, float) else value


def _render(task: Task, options: RenderOptions) -> Outcome:
    outdir = Path(task.outdir)
    target = outdir / task.stem
    article = load_article(task.name, options.language, data=task.data)
    renderer = renderer_for(options)
    rendered = renderer.render(article, target.parent, target.name, only=task.formats)
    files = rendered.files
    if task.formats is None:  # a re-run of failed formats keeps the model it wrote before
        model = target.parent / f"{target.name}{MODEL_SUFFIX}"
        write_atomic(model, dumps(article))
        files.append(model)
    metrics = {
        name: _metric(getattr(result, name))
        for result in rendered.results
        for name in METRICS
        if getattr(result, name, None) is not None
    } | ({"warnings": rendered.warnings} if rendered.warnings else {})
    relative = tuple(Path(f).resolve().relative_to(outdir.resolve()).as_posix() for f in files)
    outputs = rendered.outputs()
    error = rendered.error()
    if error is not None:  # the other outputs are kept; the next run tries this one again
        redo = rendered.failed_formats()
        return Outcome(
            task.index, "failed", relative, metrics, str(error), outputs=outputs, redo=redo,
            environment=rendered.environment,
        )  # fmt: skip
    return Outcome(task.index, "rendered", relative, metrics, outputs=outputs)


def _os_failure(task: Task, error: OSError) -> Outcome:
    """A full disk or a read-only folder is retried (and stops the batch); anything else is
    an internal error."""
    cause = environmental(error)
    if cause is None:
        return Outcome(task.index, "failed", error=f"internal error: OSError: {error}")
    where = f" ({error.filename})" if error.filename else ""
    return Outcome(task.index, "failed", error=f"{cause}{where}", environment=cause)


def render_task(task: Task, options: RenderOptions) -> Outcome:
    """Render one task; every error becomes a failed Outcome so one article never stops a batch."""
    started = time.monotonic()
    try:
        with _lock:
            outcome = _render(task, options)
    except AccessnewsError as error:
        outcome = Outcome(task.index, "failed", error=str(error), lasting=True)
    except OSError as error:
        outcome = _os_failure(task, error)
    except Exception as error:  # a bug in a writer must cost one article, not the batch
        message = f"internal error: {type(error).__name__}: {error}"
        outcome = Outcome(task.index, "failed", error=message)
    return replace(outcome, seconds=round(time.monotonic() - started, 3))
