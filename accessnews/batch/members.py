"""What an archive reader yields: one member, already judged (article, skipped or refused)."""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from .safety import Budget, Refused, printable, safe_parts

Opener = Callable[[], IO[bytes]]

# Extensions of files people save articles as; anything else in an archive is reported as
# "not an article" rather than fed to the readers (images, stylesheets, scripts ...).
ARTICLE_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".shtml",
        ".php",
        ".asp",
        ".aspx",
        ".jsp",
    }
)


@dataclass(frozen=True)
class Member:
    """One archive member. `data` is read only for articles; `problem` says why it is not one.

    `failed` marks problems that must fail the batch (refused hostile or oversized members), as
    opposed to members that are simply not articles.
    """

    name: str
    parts: tuple[str, ...] = ()
    data: bytes = b""
    problem: str | None = None
    failed: bool = False


def looks_like_article(parts: tuple[str, ...]) -> bool:
    """Whether a member's name says it is a saved article rather than a page asset."""
    return PurePosixPath(parts[-1]).suffix.lower() in ARTICLE_SUFFIXES


def judge(
    name: str, opener: Opener | None, declared: int | None, budget: Budget, with_data: bool
) -> Member:
    """Judge one regular-file member; `opener` is None when it is a link or special file."""
    shown = printable(name)
    try:
        parts = safe_parts(name)
        if opener is None:
            raise Refused("refused: links and special files are not followed")
    except Refused as refusal:
        return Member(shown, problem=str(refusal), failed=True)
    if not looks_like_article(parts):
        return Member(shown, parts, problem="not an article (by its file type)")
    if not with_data:
        return Member(shown, parts)
    try:
        with opener() as stream:
            return Member(shown, parts, budget.read(stream, declared))
    except Refused as refusal:
        return Member(shown, parts, problem=str(refusal), failed=True)
    except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError) as error:
        return Member(shown, parts, problem=f"unreadable member: {error}", failed=True)
