"""Embosser profiles from embossers.toml: page geometry per paper, interpoint, form feeds and the
setup bytes a model needs, so a new embosser is a few lines of data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from ..data import data
from ..errors import UsageError

DATA = data(__package__, "embossers.toml")


@dataclass(frozen=True)
class Paper:
    name: str
    cells: int
    lines: int

    def __str__(self) -> str:
        return f"{self.name} ({self.cells}x{self.lines})"


@dataclass(frozen=True)
class Profile:
    name: str
    model: str
    paper: Paper  # the paper chosen (the model's default unless MODEL:PAPER named another)
    papers: tuple[str, ...]
    interpoint: bool  # the model can emboss both sides
    form_feed: bool  # a form feed ends a page; else pages are padded with empty lines
    setup: str = ""
    duplex: tuple[str, str] = ("", "")

    def setup_bytes(self, interpoint: bool) -> bytes:
        """What goes before the braille: the model's setup string for this paper and sides."""
        text = self.setup.format(
            cells=self.paper.cells, lines=self.paper.lines, duplex=self.duplex[interpoint]
        )
        return text.encode("ascii")

    def check_interpoint(self, interpoint: bool) -> None:
        if interpoint and not self.interpoint:
            raise UsageError(f"{self.model} embosses one side only: leave out --interpoint")


@cache
def _table() -> dict[str, dict[str, object]]:
    with DATA.open("rb") as handle:
        return tomllib.load(handle)


def names() -> tuple[str, ...]:
    return tuple(_table())


def profile(spec: str) -> Profile:
    """The profile named by `MODEL` or `MODEL:PAPER` (e.g. `index-everest:a4`)."""
    name, _, paper_name = spec.partition(":")
    entry = _table().get(name)
    if entry is None:
        raise UsageError(f"unknown embosser {name!r}: choose {', '.join(names())}")
    papers: dict[str, list[int]] = entry["papers"]  # type: ignore[assignment]
    paper_name = paper_name or str(entry["paper"])
    if paper_name not in papers:
        raise UsageError(f"embosser {name} has no paper {paper_name!r}: choose {', '.join(papers)}")
    cells, lines = papers[paper_name]
    duplex: list[str] = entry.get("duplex", ["", ""])  # type: ignore[assignment]
    return Profile(
        name=name,
        model=str(entry["model"]),
        paper=Paper(paper_name, cells, lines),
        papers=tuple(papers),
        interpoint=bool(entry["interpoint"]),
        form_feed=bool(entry["form_feed"]),
        setup=str(entry.get("setup", "")),
        duplex=(duplex[0], duplex[1]),
    )


def geometry(
    spec: str | None, cells: int | None, lines: int | None, interpoint: bool | None
) -> tuple[int | None, int | None, bool | None]:
    """Cells, lines and interpoint for render and batch: what is given, else the embosser's paper
    (and its interpoint), else None: BrailleOptions' own defaults (BANA's 40x25, one side)."""
    if spec is None:
        return cells, lines, interpoint
    chosen = profile(spec)
    chosen.check_interpoint(bool(interpoint))
    return (
        cells or chosen.paper.cells,
        lines or chosen.paper.lines,
        chosen.interpoint if interpoint is None else interpoint,
    )
