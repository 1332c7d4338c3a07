"""Every real page through `accessnews batch`: does every accepted article get its MP3 and BRF?

Stages every page of `../shared/corpora/` (WCXB dev articles and Readability's test pages) as
HTML files in one folder, runs the real command line over it, and reads its report.json back:
pages the reader refused (no article found), articles rendered, articles whose audio or braille
failed (the other output must still be there), speech self-check warnings, and that every
rendered article's MP3 and BRF exist and are not empty.

    .venv/bin/python benchmarks/corpus_batch.py [--limit N] [--jobs N] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def stage(folder: Path, limit: int | None) -> int:
    """Write the corpus pages into `folder`; the number of pages."""
    folder.mkdir(parents=True, exist_ok=True)
    wcxb = sorted((CORPORA / "wcxb-dev-articles" / "html").glob("*.html.gz"))[:limit]
    for path in wcxb:
        (folder / f"wcxb-{path.name.removesuffix('.gz')}").write_bytes(
            gzip.decompress(path.read_bytes())
        )
    readability = sorted((CORPORA / "readability-test-pages").glob("*/source.html"))[:limit]
    for path in readability:
        (folder / f"readability-{path.parent.name}.html").write_bytes(path.read_bytes())
    return len(wcxb) + len(readability)


def tally(report: dict, outdir: Path) -> list[str]:
    """The summary lines, and the problems that break the promise, from report.json."""
    lines = report["members"]
    refused = [m for m in lines if m["status"] == "failed" and not m.get("outputs")]
    accepted = [m for m in lines if m not in refused and m["status"] != "skipped"]
    outputs: Counter[str] = Counter()
    problems = []
    for member in accepted:
        for name, state in member.get("outputs", {}).items():
            outputs[f"{name} {state}"] += 1
        for suffix in ("mp3", "brf"):
            path = outdir / f"{member['output']}.{suffix}"
            if not path.is_file() or path.stat().st_size == 0:
                problems.append(f"{member['member']}: no {suffix} ({member.get('error')})")
    reasons = Counter((m.get("error") or "?").split(": ", 1)[-1][:70] for m in refused)
    warned = [m for m in accepted if m.get("metrics", {}).get("warnings")]
    summary = [
        f"{len(lines)} pages: {len(accepted)} accepted as articles, {len(refused)} refused by "
        f"the reader, {sum(m['status'] == 'skipped' for m in lines)} skipped",
        "outputs: " + ", ".join(f"{k} {v}" for k, v in sorted(outputs.items())),
        f"articles with speech warnings: {len(warned)}",
        "refusals: " + "; ".join(f"{n} x {r}" for r, n in reasons.most_common()),
        f"accepted articles missing an MP3 or BRF: {len(problems)}",
        *(f"  {p}" for p in problems),
    ]
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="pages per corpus")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--workdir", type=Path, help="keep inputs and outputs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.workdir or Path(scratch)
        pages = stage(work / "pages", args.limit)
        started = time.monotonic()
        command = [sys.executable, "-m", "accessnews", "batch", str(work / "pages")]
        command += ["-o", str(work / "out"), "--jobs", str(args.jobs)]
        run = subprocess.run(command, capture_output=True, text=True)
        seconds = time.monotonic() - started
        report = json.loads((work / "out" / "report.json").read_text())
        print(f"{pages} pages staged; batch exit {run.returncode} in {seconds:.0f} s")
        print("\n".join(tally(report, work / "out")))
        audio = sum(m.get("metrics", {}).get("duration", 0) for m in report["members"])
        print(f"audio written: {audio / 3600:.1f} h")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
