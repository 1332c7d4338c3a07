"""Benchmark `accessnews batch`: throughput, scaling, peak memory and an unchanged re-run.

Generates a tar.gz of N articles (default 200) from samples/, varied so that no two are the
same bytes (dated update paragraphs, some articles doubled in length), then runs the real
command line with --jobs 1 and --jobs 2, and once more unchanged.

    .venv/bin/python benchmarks/bench_batch.py [--articles 200] [--no-audio]

Peak memory is the largest sum, over the batch's whole process tree (parent and workers), of
each process's proportional set size (shared library pages divided among the processes that
share them), sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def _vary(data: bytes, suffix: str, number: int) -> bytes:
    """A distinct article: an update paragraph, and every fifth one twice as long."""
    html = suffix in (".html", ".htm")
    note = f"Update {number}: this report was revised on day {number % 28 + 1}."
    extra = f"<p>{note}</p>" if html else f"\n\n{note}\n"
    if html and b"</body>" in data:
        data = data.replace(b"</body>", extra.encode() + b"</body>", 1)
    else:
        data += extra.encode()
    if number % 5 == 4 and not html:
        data += b"\n\n" + data.split(b"\n\n", 2)[-1]
    return data


def make_archive(path: Path, count: int) -> Path:
    samples = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    with tarfile.open(path, "w:gz") as archive:
        for number in range(count):
            sample = samples[number % len(samples)]
            data = _vary(sample.read_bytes(), sample.suffix, number)
            info = tarfile.TarInfo(f"day{number // 20:02d}/{number:03d}-{sample.name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def _tree_pss(process: psutil.Process) -> int:
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += member.memory_full_info().pss
    return total


def run(archive: Path, outdir: Path, jobs: int, extra: list[str]) -> tuple[float, int, dict]:
    """Run one batch; return wall seconds, peak PSS of the process tree and the report totals."""
    command = [sys.executable, "-m", "accessnews", "batch", str(archive), "-o", str(outdir)]
    started = time.monotonic()
    child = subprocess.Popen(
        [*command, "--jobs", str(jobs), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    watched, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, _tree_pss(watched))
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    seconds = time.monotonic() - started
    totals = json.loads((outdir / "report.json").read_text())["totals"]
    return seconds, peak, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--no-audio", action="store_true")
    args = parser.parse_args()
    extra = ["--no-audio"] if args.no_audio else []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        archive = make_archive(work / "archive.tar.gz", args.articles)
        results = {}
        for jobs in (1, 2):
            seconds, peak, totals = run(archive, work / f"out{jobs}", jobs, extra)
            results[jobs] = seconds
            print(
                f"--jobs {jobs}: {seconds:.1f} s, {args.articles / seconds * 60:.1f} articles/min, "
                f"peak {peak / 2**20:.0f} MB, {totals}"
            )
        seconds, peak, totals = run(archive, work / "out2", 2, extra)
        print(
            f"unchanged re-run: {seconds:.2f} s = {seconds / results[2]:.1%} of the first run, "
            f"peak {peak / 2**20:.0f} MB, {totals}"
        )
        print(f"scaling --jobs 2 / --jobs 1: {results[1] / results[2]:.2f}x")


if __name__ == "__main__":
    main()
