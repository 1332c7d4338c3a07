"""The manifest: what each output was rendered from, so a re-run redoes only what changed.

An entry is keyed by output stem and records a hash of the input bytes and of the render
options. It is written (atomically) only after all of an article's outputs are in place, so an
article that a `kill -9` interrupted has no entry and is rendered again on the next run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..fileio import write_atomic
from ..render import RenderOptions

MANIFEST_NAME = ".accessnews-manifest.json"


def input_hash(data: bytes, options: RenderOptions) -> str:
    """What an output depends on: the input bytes, the render options and the program version."""
    digest = hashlib.sha256(data)
    digest.update(f"\0{options!r}\0{__version__}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """One article: its input hash, output files (relative to OUTDIR) and metrics, or the
    error it failed with when the same input and options would fail the same way again."""

    hash: str
    member: str
    files: tuple[str, ...]
    metrics: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class Manifest:
    """The manifest file of one OUTDIR; saved after every change."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST_NAME
        self.entries: dict[str, Entry] = {}
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            self.entries = {
                stem: Entry(
                    e["hash"], e["member"], tuple(e["files"]), e.get("metrics", {}), e.get("error")
                )
                for stem, e in raw["entries"].items()
            }
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no usable manifest: everything is rendered afresh

    def current(self, stem: str, digest: str, outdir: Path) -> Entry | None:
        """The entry for `stem` if it was made from this hash and its files still exist."""
        entry = self.entries.get(stem)
        if entry is None or entry.hash != digest:
            return None
        if not all((outdir / name).is_file() for name in entry.files):
            return None
        return entry

    def record(self, stem: str, entry: Entry) -> None:
        self.entries[stem] = entry
        self.save()

    def save(self) -> None:
        data = {"entries": {stem: asdict(e) for stem, e in sorted(self.entries.items())}}
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1))
