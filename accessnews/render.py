"""Render articles with the selected writers, sharing one speech engine and one set of tables.

Writers are context managers created once per run (or per batch worker), so the costly state
(a pyttsx3 engine, liblouis tables) is loaded once and reused across articles.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from .model import Article


class Result(Protocol):
    files: list[Path]

    def summary(self) -> str: ...


class Writer(Protocol):
    def write(self, article: Article, outdir: Path, stem: str) -> Result: ...


@dataclass(frozen=True)
class RenderOptions:
    """What to render; None for a writer's options means that writer is off."""

    audio: object | None = None  # speech.writer.AudioOptions
    braille: object | None = None  # braille.writer.BrailleOptions


@dataclass
class Rendered:
    stem: str
    article: Article
    results: list[Result] = field(default_factory=list)

    def summary(self) -> str:
        parts = [r.summary() for r in self.results] or ["cleaned only"]
        return f"{self.stem}: " + "; ".join(parts)


class Renderer:
    """Holds the open writers; `render` runs each on one clean article."""

    def __init__(self, options: RenderOptions) -> None:
        self._options = options
        self._stack = ExitStack()
        self._writers: list[Writer] = []

    def __enter__(self) -> Renderer:
        if self._options.audio is not None:
            from .speech.writer import AudioWriter

            self._writers.append(self._stack.enter_context(AudioWriter(self._options.audio)))
        if self._options.braille is not None:
            from .braille.writer import BrailleWriter

            self._writers.append(self._stack.enter_context(BrailleWriter(self._options.braille)))
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stack.close()

    def render(self, article: Article, outdir: Path, stem: str) -> Rendered:
        rendered = Rendered(stem, article)
        for writer in self._writers:
            rendered.results.append(writer.write(article, outdir, stem))
        return rendered
