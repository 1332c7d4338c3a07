"""Output names: OUTDIR mirrors the archive, and no two members ever share an output name."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import count
from pathlib import PurePosixPath

# Names the batch itself writes at the top of OUTDIR; an article may not take them.
RESERVED_STEMS = frozenset({"report", "edition", ".accessnews-manifest"})


def _candidates(parts: tuple[str, ...]) -> Iterator[str]:
    path = PurePosixPath(*parts)
    base = path.with_suffix("").as_posix()
    yield base
    if path.suffix:
        base = f"{base}-{path.suffix.lstrip('.')}"
        yield base
    for number in count(2):
        yield f"{base}-{number}"


class Namer:
    """Assigns each member a unique output stem (relative path without extension).

    `story.html` becomes `story`; a later `story.txt` (or `Story.html`, which collides on a
    case-insensitive disk) becomes `story-txt`, then `story-txt-2` ... Assignment depends only on
    archive order, so a re-run gives every member the same name and the manifest still applies.
    """

    def __init__(self) -> None:
        self._taken: set[str] = {stem.casefold() for stem in RESERVED_STEMS}

    def stem(self, parts: tuple[str, ...]) -> str:
        for candidate in _candidates(parts):
            if candidate.casefold() not in self._taken:
                self._taken.add(candidate.casefold())
                return candidate
        raise AssertionError("unreachable: candidates are endless")
