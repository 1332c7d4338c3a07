"""Defences against hostile archives: member names that escape OUTDIR, and decompression bombs.

Archive formats let a member name say anything (`/etc/passwd`, `../../x`, raw non-UTF-8 bytes);
nothing is written until the name has been reduced to plain relative components here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import IO

from ..read import MAX_INPUT_BYTES

_DRIVE = re.compile(r"^[A-Za-z]:")
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f\ufffd<>:\"|?*]")
_MAX_PART_BYTES = 120


class Refused(Exception):
    """A member that must not be processed; the message says why (it goes into the report)."""


@dataclass(frozen=True)
class Limits:
    """Size caps: one member (the single-article cap) and everything read from one archive."""

    member_bytes: int = MAX_INPUT_BYTES
    total_bytes: int = 2 * 1024**3


def printable(name: str) -> str:
    """A member name as text for the report: undecodable bytes become U+FFFD, never a crash."""
    raw = name.encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "replace")


def _safe_part(part: str) -> str:
    """One path component as a file name any filesystem accepts, at most 120 UTF-8 bytes."""
    text = unicodedata.normalize("NFC", printable(part))
    text = _UNSAFE_CHARS.sub("_", text).strip(" .") or "_"
    while len(text.encode("utf-8")) > _MAX_PART_BYTES:
        text = text[:-1]
    return text


def safe_parts(name: str) -> tuple[str, ...]:
    """The relative path components a member may be written under, or Refused.

    Absolute paths, drive letters and `..` anywhere are refused rather than repaired: an archive
    that tries to escape its folder is not trusted to say where anything else goes either.
    """
    unified = name.replace("\\", "/")
    if unified.startswith("/") or _DRIVE.match(unified):
        raise Refused("refused: absolute path")
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise Refused("refused: '..' in the path would escape the output folder")
    if not parts:
        raise Refused("refused: empty name")
    return tuple(_safe_part(p) for p in parts)


class Budget:
    """Bytes still allowed for this archive; shared by every member read from it."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.remaining = limits.total_bytes

    def read(self, stream: IO[bytes], declared: int | None) -> bytes:
        """Read one member, refusing it when its size (declared or actual) is over a cap."""
        cap = self.limits.member_bytes
        if declared is not None and declared > cap:
            raise Refused(f"refused: {declared / 1e6:.1f} MB is over the {cap / 1e6:.0f} MB cap")
        if declared is not None and declared > self.remaining:
            raise Refused("refused: the archive's total-size cap has been reached")
        data = stream.read(min(cap, self.remaining) + 1)
        if declared is not None and len(data) > declared:
            raise Refused(f"refused: unpacks to more than its declared {declared} bytes")
        if len(data) > cap:
            raise Refused(f"refused: unpacks to more than the {cap / 1e6:.0f} MB cap")
        if len(data) > self.remaining:
            raise Refused("refused: the archive's total-size cap has been reached")
        self.remaining -= len(data)
        return data
