"""Render articles with the selected writers, sharing one speech engine and one set of tables.

Writers are context managers created once per run (or per batch worker), so the costly state
(a pyttsx3 engine, liblouis tables) is loaded once and reused across articles.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .errors import AccessnewsError, PartialRenderError, RenderError
from .fileio import environmental, space_problem
from .model import Article

# What each writer produces, as named in a batch report's per-output status.
WRITER_OUTPUTS = {"audio": ("mp3", "chapters"), "braille": ("brf", "pef", "preview")}


class Result(Protocol):
    files: list[Path]

    def summary(self) -> str: ...

    def details(self) -> str: ...

    @property
    def warnings(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class RenderOptions:
    """What to render; None for a writer's options means that writer is off."""

    audio: Any | None = None  # speech.writer.AudioOptions
    braille: Any | None = None  # braille.writer.BrailleOptions
    language: str | None = None  # --language: overrides the declared and detected language


@dataclass
class Rendered:
    stem: str
    article: Article
    written: dict[str, Result] = field(default_factory=dict)  # writer name -> its result
    failures: dict[str, str] = field(default_factory=dict)  # writer name -> why it failed
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

    def outputs(self) -> dict[str, str]:
        """Each output kind asked for (mp3, chapters, brf, pef, preview): rendered or failed."""
        return {
            kind: "rendered" if name in self.written else "failed"
            for name in [*self.written, *self.failures]
            for kind in WRITER_OUTPUTS[name]
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
        self._audio: Any | None = None
        self._braille: Any | None = None

    def __enter__(self) -> Renderer:
        with ExitStack() as stack:
            if self.options.audio is not None:
                from .speech.writer import AudioWriter

                self._audio = stack.enter_context(AudioWriter(self.options.audio))
            if self.options.braille is not None:
                from .braille.writer import BrailleWriter

                self._braille = stack.enter_context(BrailleWriter(self.options.braille))
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
        """Run every open writer (or those named in `only`) on one article; `progress(done,
        total)` follows the audio.

        Writers are independent: one that fails is recorded in `failures` and the others
        still write, so a speech failure never costs the reader the braille (or the reverse).
        """
        rendered = Rendered(stem, article)
        writers: list[tuple[str, Callable[[], Result]]] = []
        if self._audio is not None:
            audio = self._audio
            writers.append(("audio", lambda: audio.write(article, outdir, stem, progress=progress)))
        if self._braille is not None:
            braille = self._braille
            writers.append(("braille", lambda: braille.write(article, outdir, stem)))
        for name, write in writers:
            if only is not None and name not in only:
                continue
            try:
                rendered.written[name] = write()
            except (AccessnewsError, OSError) as error:
                self._failed(rendered, name, error, outdir)
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
