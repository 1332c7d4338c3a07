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
import multiprocessing
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system of the whole process tree (workers, LAME, ...)
    peak: int  # bytes
    totals: dict[str, int]
    fed: float  # share of the workers' wall time spent rendering (1.0: never waiting for work)
    machine_busy: float  # cores busy on the whole machine meanwhile (ours and everyone else's)

    def line(self, label: str, articles: int) -> str:
        return (
            f"{label}: {self.seconds:.1f} s, {articles / self.seconds * 60:.1f} articles/min, "
            f"{self.cpu_seconds / self.seconds:.2f} cores busy, workers fed {self.fed:.0%}, "
            f"machine {self.machine_busy:.2f} cores busy, peak {self.peak / 2**20:.0f} MB, "
            f"{self.totals}"
        )


def _burn(_: int) -> None:
    total = 0
    for number in range(10_000_000):
        total += number


def ceiling() -> float:
    """How well this machine scales right now: two busy loops in parallel versus one.

    On a shared machine other work takes cores too; the batch cannot scale beyond this.
    """
    started = time.monotonic()
    _burn(0)
    one = time.monotonic() - started
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        started = time.monotonic()
        pool.map(_burn, [0, 1])
        two = time.monotonic() - started
    return 2 * one / two


def _machine_busy() -> float:
    """CPU seconds the whole machine has spent not idle."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(archive: Path, outdir: Path, jobs: int, extra: list[str]) -> Run:
    """Run one batch and measure it."""
    command = [sys.executable, "-m", "accessnews", "batch", str(archive), "-o", str(outdir)]
    cpu, machine, started = _children_cpu(), _machine_busy(), time.monotonic()
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
    seconds, cpu = time.monotonic() - started, _children_cpu() - cpu
    machine = (_machine_busy() - machine) / seconds
    report = json.loads((outdir / "report.json").read_text())
    rendering = sum(m.get("seconds", 0) for m in report["members"] if m["status"] != "skipped")
    fed = rendering / (seconds * jobs)
    return Run(seconds, cpu, peak, report["totals"], fed, machine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--no-audio", action="store_true")
    args = parser.parse_args()
    extra = ["--no-audio"] if args.no_audio else []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        archive = make_archive(work / "archive.tar.gz", args.articles)
        print(
            f"machine ceiling now: 2 parallel busy loops give {ceiling():.2f}x the throughput of 1",
            flush=True,
        )
        one = run(archive, work / "out1", 1, extra)
        print(one.line("--jobs 1", args.articles), flush=True)
        two = run(archive, work / "out2", 2, extra)
        print(two.line("--jobs 2", args.articles), flush=True)
        again = run(archive, work / "out2", 2, extra)
        print(again.line("unchanged re-run --jobs 2", args.articles))
        print(f"unchanged re-run: {again.seconds / two.seconds:.1%} of the first --jobs 2 run")
        print(f"scaling --jobs 2 / --jobs 1: {one.seconds / two.seconds:.2f}x")
        print(
            f"machine ceiling now: 2 parallel busy loops give {ceiling():.2f}x the throughput of 1"
        )


if __name__ == "__main__":
    main()
