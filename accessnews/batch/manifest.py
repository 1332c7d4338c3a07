"""The manifest: what each output was rendered from, so a re-run redoes only what changed.

An entry is keyed by output stem and records a hash of the input bytes and of the render
options. It is appended only after all of an article's outputs are in place, so an article that
a `kill -9` interrupted has no entry and is rendered again on the next run. Before an article
is given to a worker a `started` line is appended: an article started and never finished is
where a killed run may have left temporary files, and only there are they looked for.

The file is a journal of JSON lines, one appended per finished article (rewriting a whole
manifest per article would cost O(n^2) writes on a large archive); later lines win, and a line
torn by a kill is ignored. Each run starts by rewriting it compactly (atomically).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..fileio import write_atomic
from ..render import RenderOptions

MANIFEST_NAME = ".accessnews-manifest.jsonl"


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
    redo: tuple[str, ...] = ()  # formats that failed: the next run makes only these again
    outputs: dict[str, str] = field(default_factory=dict)  # mp3, brf ... -> rendered / failed


def _line(stem: str, entry: Entry | None, event: str = "removed") -> str:
    record = {"stem": stem} | (asdict(entry) if entry else {event: True})
    return json.dumps(record, ensure_ascii=False) + "\n"


def _read(path: Path) -> tuple[dict[str, Entry], set[str]]:
    """The entries, and the stems started but never finished (killed, crashed, timed out)."""
    entries: dict[str, Entry] = {}
    unfinished: set[str] = set()
    try:
        rows = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return entries, unfinished  # no usable manifest: everything is rendered afresh
    for row in rows:
        try:
            record = json.loads(row)
            stem = record.pop("stem")
            if record.pop("started", False):
                unfinished.add(stem)
            elif record.pop("removed", False):
                entries.pop(stem, None)
            else:
                entry = Entry(**record | {"files": tuple(record["files"])})
                entries[stem] = replace(entry, redo=tuple(entry.redo))
                unfinished.discard(stem)
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # a line torn by a kill, or from another version: that article is redone
    return entries, unfinished


class Manifest:
    """The manifest of one OUTDIR; use as a context manager around a run."""

    def __init__(self, outdir: Path) -> None:
        self.path = outdir / MANIFEST_NAME
        self.entries, self.unfinished = _read(self.path)
        self._journal: IO[str] | None = None

    def __enter__(self) -> Manifest:
        write_atomic(self.path, "".join(_line(s, e) for s, e in sorted(self.entries.items())))
        self._journal = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in exit
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._journal is not None:
            self._journal.close()

    def current(self, stem: str, digest: str, outdir: Path) -> Entry | None:
        """The entry for `stem` if it was made from this hash and its files still exist."""
        entry = self.entries.get(stem)
        if entry is None or entry.hash != digest:
            return None
        if not all((outdir / name).is_file() for name in entry.files):
            return None
        return entry

    def start(self, stem: str) -> None:
        """Note that `stem` is about to be written (its entry, if any, is kept until then)."""
        self.unfinished.add(stem)
        self._append(_line(stem, None, "started"))

    def record(self, stem: str, entry: Entry) -> None:
        self.entries[stem] = entry
        self.unfinished.discard(stem)
        self._append(_line(stem, entry))

    def forget(self, stem: str) -> None:
        if self.entries.pop(stem, None) is not None:
            self._append(_line(stem, None))

    def _append(self, line: str) -> None:
        assert self._journal is not None, "Manifest used outside its `with` block"
        self._journal.write(line)
        self._journal.flush()  # in the OS's hands: a killed process loses nothing written
