"""The Python API: read, clean and render in a few lines, with the command line's guarantees.

    import accessnews
    result = accessnews.render("Headline\\n\\nThe first paragraph.")
    open("story.mp3", "wb").write(result.outputs["mp3"])

The API reads no user settings (config.toml, ACCESSNEWS_*): a program's output should not
depend on who runs it. Pass settings as keywords instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, Unpack

from .errors import RenderError
from .formats import DEFAULT_FORMATS, FORMATS
from .model import Article
from .render import Rendered, Renderer


class Settings(TypedDict, total=False):
    """The settings a user can keep in config.toml, as keywords (see settings.SETTINGS)."""

    voice: str
    rate: int
    bitrate: int
    braille_table: str
    embosser: str
    cells: int
    lines: int
    interpoint: bool
    page_numbers: str
    running_head: bool


@dataclass(frozen=True)
class Result:
    """What `render` made: `outputs` maps an output's suffix ("mp3", "chapters.json", "brf",
    "pef", ...) to its bytes (no outdir) or its path; `report` has the summary, warnings and
    the writers that failed while others wrote."""

    outputs: dict[str, bytes] | dict[str, Path]
    report: Rendered

    @property
    def article(self) -> Article:
        return self.report.article


def read(
    source: str | Path | bytes, *, name: str = "article", public_only: bool = False
) -> Article:
    """The raw Article of a file path, an http(s) URL or a document's bytes (text or HTML)."""
    from .read import read_bytes, read_source

    if isinstance(source, bytes):
        return read_bytes(source, name=name)
    return read_source(str(source), public_only=public_only)


def clean(article: Article, language: str | None = None) -> Article:
    """The clean Article (`language` as a BCP 47 tag overrides the declared and detected one)."""
    from .pipeline import prepare

    return prepare(article, language)


def _article(source: Article | str | Path | bytes, language: str | None) -> tuple[Article, str]:
    """An Article as given, else read and cleaned (a Path, a str naming an existing file or a
    URL, else a str of the article's text), and the output stem it suggests."""
    if isinstance(source, Article):
        return source, "article"
    if isinstance(source, str) and "\n" not in source and Path(source).is_file():
        source = Path(source)
    elif isinstance(source, str) and not source.lower().startswith(("http://", "https://")):
        source = source.encode("utf-8")
    stem = source.stem if isinstance(source, Path) else "article"
    return clean(read(source), language), stem


def render(
    article: Article | str | Path | bytes,
    outdir: str | Path | None = None,
    *,
    formats: Collection[str] = DEFAULT_FORMATS,
    stem: str | None = None,
    language: str | None = None,
    lexicon: dict[str, str] | None = None,
    **settings: Unpack[Settings],
) -> Result:
    """Render an Article (or a text, a path, a URL, a document's bytes) in `formats` (mp3,
    m4b, brf, pef, preview, proof, as `--formats`). Without `outdir` the outputs are returned
    as bytes; with it they are written there as STEM.* (STEM: `stem`, else the file's stem, else
    "article") and their paths returned. Raises UsageError for bad settings and RenderError
    when nothing could be written; a writer that failed while another wrote is in
    `result.report.failures`."""
    from .braille import louis_missing
    from .settings import SETTINGS, render_options

    unknown = sorted(set(formats) - set(FORMATS)) + sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise TypeError(f"render() got unknown formats or settings: {', '.join(unknown)}")
    wanted = [name for name in FORMATS if name in formats]  # in FORMATS order, as --formats
    braille = [name for name in wanted if FORMATS[name].writer == "braille"]
    missing = louis_missing() if braille else None
    if missing is not None:
        wanted = [name for name in wanted if name not in braille]
    options = render_options(
        dict(settings), wanted, language=language, lexicon=tuple((lexicon or {}).items())
    )
    source, suggested = _article(article, language)
    name = stem or suggested
    with (
        tempfile.TemporaryDirectory(prefix="accessnews-") as scratch,
        Renderer(options) as renderer,
    ):
        folder = Path(scratch if outdir is None else outdir)
        rendered = renderer.render(source, folder, name)
        if missing is not None:
            rendered.failures["braille"] = missing
        if not rendered.written and rendered.failures:
            error = rendered.error()
            raise error if error is not None else RenderError("nothing was rendered")
        paths = {path.name.removeprefix(f"{name}."): path for path in rendered.files}
        if outdir is None:
            return Result({suffix: path.read_bytes() for suffix, path in paths.items()}, rendered)
    return Result(paths, rendered)
