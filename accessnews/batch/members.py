"""What an archive reader yields: one member, already judged (article, skipped or refused)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

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
