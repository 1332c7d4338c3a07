"""Render articles with the selected writers, sharing one speech engine and one set of tables.

Writers are context managers created once per run (or per batch worker), so the costly state
(a pyttsx3 engine, liblouis tables) is loaded once and reused across articles. The renderer
knows them only through the Writer protocol and the WRITERS table: which formats each makes is
in accessnews/formats.py.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import AccessnewsError, PartialRenderError, RenderError
from .fileio import environmental, space_problem
from .formats import DEFAULT_FORMATS, FORMATS, of_writer
from .model import Article

# Each writer's class (imported when it is used) and the RenderOptions field of its options.
WRITERS = {
    "audio": "accessnews.speech.writer:AudioWriter",
    "braille": "accessnews.braille.writer:BrailleWriter",
}


class Result(Protocol):
    files: list[Path]

    def summary(self) -> str: ...

    def details(self) -> str: ...

    @property
    def warnings(self) -> tuple[str, ...]: ...


class Writer(Protocol):
    """One family of outputs for an article; open (`with`) once per run or batch worker.

    Its result may carry `failed` (format -> why) for formats it could not write while it
    wrote the others."""

    def __enter__(self) -> Writer: ...

    def __exit__(self, *exc: object) -> None: ...

    def write(
        self,
        article: Article,
        outdir: Path,
        stem: str,
        formats: Sequence[str],
        progress: Callable[[int, int], None] | None = None,
    ) -> Result: ...


@dataclass(frozen=True)
class RenderOptions:
    """What to render: the formats, and each writer's options (None: that writer is off)."""

    audio: Any | None = None  # speech.writer.AudioOptions
    braille: Any | None = None  # braille.writer.BrailleOptions
    language: str | None = None  # --language: overrides the declared and detected language
    formats: tuple[str, ...] = DEFAULT_FORMATS

    def writer_formats(self, writer: str) -> tuple[str, ...]:
        """The formats `writer` is to make: none when its options are off."""
        return of_writer(self.formats, writer) if getattr(self, writer) is not None else ()


@dataclass
class Rendered:
    stem: str
    article: Article
    written: dict[str, Result] = field(default_factory=dict)  # writer name -> its result
    # writer name (all its formats failed) or format -> why it failed
    failures: dict[str, str] = field(default_factory=dict)
    asked: tuple[str, ...] = ()  # the formats this render was to write
    # The machine's reason ("No space left on device") when that, not the article, failed a
    # writer: the same article will render once it is fixed.
    environment: str | None = None

    @property
    def files(self) -> list[Path]:
        return [path for result in self.results for path in result.files]

    @property
    def warnings(self) -> list[str]:
        return [warning for result in self.results for warning in result.warnings]

    def summary(self) -> str:
        parts = [r.summary() for r in self.results]
        parts += [f"FAILED {name}: {why}" for name, why in self.failures.items()]
        return f"{self.stem}: " + "; ".join(parts or ["cleaned only"])

    def error(self) -> RenderError | None:
        """The failure to report, if any writer failed (after the others still wrote)."""
        if not self.failures:
            return None
        kind = PartialRenderError if self.results else RenderError
        return kind("; ".join(f"{name}: {why}" for name, why in self.failures.items()))

    def failed_formats(self) -> tuple[str, ...]:
        """The formats asked for that were not written: the next run makes only these."""
        return tuple(
            name
            for name in self.asked
            if name in self.failures or FORMATS[name].writer in self.failures
        )

    def outputs(self) -> dict[str, str]:
        """Each output asked for (mp3, chapters, m4b, brf, pef, preview): rendered or failed."""
        failed = self.failed_formats()
        return {
            kind: "failed" if name in failed else "rendered"
            for name in self.asked
            for kind in FORMATS[name].outputs
        }

    @property
    def results(self) -> list[Result]:
        return list(self.written.values())

    def details(self) -> str:
        return "\n".join(r.details() for r in self.results)


class Renderer:
    """Holds the open writers; `render` runs each on one clean article."""

    def __init__(self, options: RenderOptions) -> None:
        self.options = options
        self._stack = ExitStack()
        self._writers: dict[str, Writer] = {}

    def __enter__(self) -> Renderer:
        with ExitStack() as stack:
            for name, where in WRITERS.items():
                if self.options.writer_formats(name):
                    module, _, cls = where.partition(":")
                    writer = getattr(importlib.import_module(module), cls)(
                        getattr(self.options, name)
                    )
                    self._writers[name] = stack.enter_context(writer)
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def render(
        self,
        article: Article,
        outdir: Path,
        stem: str,
        progress: Callable[[int, int], None] | None = None,
        only: Collection[str] | None = None,
    ) -> Rendered:
        """Run every open writer on one article for its formats (or those named in `only`);
        `progress(done, total)` follows the audio.

        Writers are independent: one that fails is recorded in `failures` and the others
        still write, so a speech failure never costs the reader the braille (or the reverse).
        """
        rendered = Rendered(stem, article)
        for name, writer in self._writers.items():
            formats = [f for f in self.options.writer_formats(name) if only is None or f in only]
            if not formats:
                continue
            rendered.asked += tuple(formats)
            try:
                result = writer.write(article, outdir, stem, formats, progress)
            except (AccessnewsError, OSError) as error:
                self._failed(rendered, name, error, outdir)
                continue
            rendered.written[name] = result
            rendered.failures.update(getattr(result, "failed", {}))
        return rendered

    @staticmethod
    def _failed(rendered: Rendered, name: str, error: Exception, outdir: Path) -> None:
        """Record why writer `name` failed, naming the machine's reason when it is the cause."""
        if isinstance(error, OSError):
            cause = environmental(error)
            if cause is None:
                raise error  # not the machine: a bug, with its traceback
            where = f" ({error.filename})" if error.filename else ""
            rendered.failures[name] = f"{cause}{where}"
        else:
            cause = space_problem(outdir) if outdir.is_dir() else None
            rendered.failures[name] = f"{cause} ({error})" if cause else str(error)
        rendered.environment = rendered.environment or cause
