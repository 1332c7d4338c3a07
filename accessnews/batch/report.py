"""report.json: one entry per archive member, in archive order, and the printed summary."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..fileio import write_atomic

REPORT_NAME = "report.json"
STATUSES = ("rendered", "skipped", "failed")
UNCHANGED = "unchanged since the last run"  # why an up-to-date member (or edition) is not redone


@dataclass(frozen=True)
class Line:
    """What became of one member: `reason` it was skipped (or, for a failure, not retried)
    and the `error` it failed with."""

    member: str
    status: str
    output: str | None = None
    files: tuple[str, ...] = ()
    metrics: dict[str, Any] = field(default_factory=dict)
    reason: str | None = None
    error: str | None = None
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)  # mp3, brf ... -> rendered / failed


@dataclass
class Report:
    archive: str
    outdir: str
    lines: dict[int, Line] = field(default_factory=dict)
    seconds: float = 0.0
    edition: dict[str, Any] | None = None  # with --edition: its files and figures, or "error"
    interrupted: bool = False  # stopped by Ctrl-C: members after the last one listed are missing

    def add(self, index: int, line: Line) -> None:
        self.lines[index] = line

    def counts(self) -> Counter[str]:
        return Counter(line.status for line in self.lines.values())

    @property
    def failed(self) -> bool:
        return self.counts()["failed"] > 0 or "error" in (self.edition or {})

    def to_json(self) -> dict[str, Any]:
        counts = self.counts()
        return (
            {
                "archive": self.archive,
                "outdir": self.outdir,
                "seconds": round(self.seconds, 3),
                "totals": {status: counts[status] for status in STATUSES}
                | {"members": len(self.lines)},
                "members": [
                    {k: v for k, v in asdict(self.lines[i]).items() if v not in (None, (), {})}
                    for i in sorted(self.lines)
                ],
            }
            | ({"edition": self.edition} if self.edition is not None else {})
            | ({"interrupted": True} if self.interrupted else {})
        )

    def write(self, outdir: Path) -> Path:
        path = outdir / REPORT_NAME
        write_atomic(path, json.dumps(self.to_json(), ensure_ascii=False, indent=2))
        return path

    def summary(self) -> str:
        """The readable end-of-run summary: totals, then each failure with its error."""
        counts = self.counts()
        head = ("interrupted: " if self.interrupted else "") + (
            f"{len(self.lines)} members: {counts['rendered']} rendered, "
            f"{counts['skipped']} skipped, {counts['failed']} failed in {self.seconds:.1f} s"
        )
        reasons = Counter(line.reason for line in self.lines.values() if line.status == "skipped")
        skipped = [f"  skipped {n}: {reason}" for reason, n in reasons.most_common()]
        failures = [
            f"  FAILED {line.member}: {line.error}" + (f" ({line.reason})" if line.reason else "")
            for _, line in sorted(self.lines.items())
            if line.status == "failed"
        ]
        return "\n".join([head, *skipped, *failures, *self._edition_summary()])

    def details(self) -> str:
        """One line per member, in archive order (for --verbose)."""
        rows = []
        for _, line in sorted(self.lines.items()):
            figures = ", ".join(f"{k} {v}" for k, v in line.metrics.items())
            what = line.error or line.reason or figures
            rows.append(f"{line.status:8} {line.member} -> {line.output or '-'}: {what}")
        return "\n".join(rows)

    def _edition_summary(self) -> list[str]:
        if self.edition is None:
            return []
        if "error" in self.edition:
            return [f"  edition FAILED: {self.edition['error']}"]
        files = ", ".join(self.edition["files"])
        why = f", {self.edition['reason']}" if "reason" in self.edition else ""
        return [f"  edition: {files} ({self.edition['articles']} articles{why})"]
