"""Benchmark the neural engine against espeak-ng: cost per second of audio, memory, and what a
listener hears.

    nice -n 10 .venv/bin/python benchmarks/bench_neural.py [--batch 20] [--listen 10]

Cost: whole commands (`accessnews render --no-braille`, `accessnews batch --jobs 2`), CPU time
of every process they start, divided by the seconds of audio they wrote; beside them the plain
espeak-ng + LAME pipeline of bench_audio.py on the same spoken text. Peak RSS is the largest
process of the run (GNU time's %M). Goal (issue 15): the neural batch costs at most 2x the
plain pipeline per audio second on 2 cores, peak RSS under 600 MB per worker.

Listening: ../shared/tools/listen transcribes the batch's MP3s of both engines (the first
--listen articles) and each transcript is scored against the article's own words (word F1,
multiset), over all words and over the words holding digits (numbers, dates, money), whose
transcripts are printed for a spot check. English pages of the WCXB corpus are the batch.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench_audio import ROOT, SEED, plain, plain_inputs

from accessnews.pipeline import load_article

CORPUS = ROOT.parent / "shared" / "corpora" / "wcxb-dev-articles" / "html"
LISTEN = ROOT.parent / "shared" / "tools" / "listen"
ENGINES = ("espeak", "neural")
LISTEN_WORDS = 700  # pages transcribed are at most this long: the listener costs ~5 s a minute
_WORD = re.compile(r"[a-z0-9]+(?:[.,:][0-9]+)*")


@dataclass(frozen=True)
class Cost:
    cpu: float  # seconds of CPU, every process of the command
    audio: float  # seconds of audio written
    rss_mb: float  # the largest process

    def line(self, label: str) -> str:
        return (
            f"{label:<34} CPU {self.cpu:6.2f} s for {self.audio:7.1f} s of audio: "
            f"{1000 * self.cpu / self.audio:5.1f} ms per audio second; peak RSS "
            f"{self.rss_mb:4.0f} MB"
        )


def measured(command: list[str], mp3s: Path) -> Cost:
    """Run `command` under GNU time; its CPU, the audio of the MP3s under `mp3s`, peak RSS."""
    stats = mp3s.parent / f"{mp3s.name}.time"
    subprocess.run(
        ["/usr/bin/time", "-o", str(stats), "-f", "%U %S %M", *command],
        check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip
    user, system, rss_kb = stats.read_text().split()[-3:]
    return Cost(float(user) + float(system), audio_seconds(mp3s), int(rss_kb) / 1024)


def audio_seconds(folder: Path) -> float:
    from mutagen.mp3 import MP3

    return sum(MP3(path).info.length for path in folder.rglob("*.mp3"))


def english_pages(count: int, folder: Path, most: int = 10**9) -> list[Path]:
    """The first `count` WCXB pages read as English with 150 to `most` words, unpacked into
    `folder` (the corpus is gzipped)."""
    found: list[Path] = []
    for packed in sorted(CORPUS.glob("*.html.gz")):
        page = folder / packed.name.removesuffix(".gz")
        page.write_bytes(gzip.decompress(packed.read_bytes()))
        article = load_article(str(page))
        words = sum(len(block.text.split()) for block in article.blocks)
        if article.language.startswith("en") and 150 <= words <= most:
            found.append(page)
        else:
            page.unlink()
        if len(found) == count:
            break
    return found


def render(engine: str, articles: list[Path], outdir: Path) -> Cost:
    command = [sys.executable, "-m", "accessnews", "render", *map(str, articles)]
    return measured([*command, "-o", str(outdir), "--no-braille", "--engine", engine], outdir)


def batch(engine: str, folder: Path, outdir: Path) -> Cost:
    command = [sys.executable, "-m", "accessnews", "batch", str(folder), "-o", str(outdir)]
    command += ["--no-braille", "--jobs", "2", "--engine", engine]
    return measured(command, outdir)


def plain_cost(articles: list[Path], workdir: Path) -> Cost:
    """The plain espeak-ng + LAME pipeline of bench_audio.py: its processes' CPU (their RSS is
    a few MB and not measured)."""
    workdir.mkdir()
    inputs = plain_inputs(articles, workdir)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    plain(inputs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Cost(cpu, audio_seconds(workdir), 0.0)


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower().replace("’", "'")))


def f1(reference: Counter[str], heard: Counter[str]) -> float:
    common = sum((reference & heard).values())
    if not common:
        return 0.0
    precision, recall = common / sum(heard.values()), common / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def listen(mp3s: list[Path]) -> dict[str, str]:
    done = subprocess.run(
        ["nice", "-n", "10", str(LISTEN), *map(str, mp3s)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {Path(line["file"]).stem.split(".")[0]: line["text"] for line in lines}


def scores(articles: list[Path], outdirs: dict[str, Path]) -> None:
    reference = {}
    for copy in articles:
        article = load_article(str(copy))
        reference[copy.stem] = " ".join([article.headline, *(b.text for b in article.blocks)])
    heard = {
        e: listen([next(outdirs[e].rglob(f"{stem}*.mp3")) for stem in reference]) for e in ENGINES
    }
    for engine in ENGINES:
        all_f1 = [f1(words(reference[s]), words(heard[engine][s])) for s in reference]
        digits = [
            f1(
                Counter({w: n for w, n in words(reference[s]).items() if any(map(str.isdigit, w))}),
                Counter(
                    {w: n for w, n in words(heard[engine][s]).items() if any(map(str.isdigit, w))}
                ),
            )
            for s in reference
            if any(ch.isdigit() for ch in reference[s])
        ]
        mean_digits = sum(digits) / len(digits) if digits else float("nan")
        print(
            f"listen {engine:<7} word F1 {sum(all_f1) / len(all_f1):.3f} over {len(all_f1)} "
            f"articles (min {min(all_f1):.3f}); words with digits F1 {mean_digits:.3f} "
            f"over {len(digits)} articles"
        )
    spot = re.compile(r"[^.]*\d[^.]*\.")
    for stem in list(reference)[:3]:
        for sentence in spot.findall(reference[stem])[:2]:
            print(f"  spot {stem}: text   {sentence.strip()[:110]}")
            for engine in ENGINES:
                first = sentence.strip().split()[0].lower() if sentence.strip() else ""
                index = heard[engine][stem].lower().find(first)
                print(f"  {'':>{len(stem) + 6}} {engine:<6} {heard[engine][stem][index:][:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--batch", type=int, default=20, help="English pages in the batch (0: none)"
    )
    parser.add_argument(
        "--listen", type=int, default=10, help=f"pages of at most {LISTEN_WORDS} words transcribed"
    )
    args = parser.parse_args()
    if not SEED.is_file() or not CORPUS.is_dir():
        sys.exit("bench_neural: ../shared (seed article, WCXB corpus) is not present")
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        if args.batch:
            costs(args.batch, workdir)
        if args.listen:
            folder = workdir / "listen"
            folder.mkdir()
            pages = english_pages(args.listen, folder, most=LISTEN_WORDS)
            outdirs = {e: workdir / f"listen-{e}" for e in ENGINES}
            for engine in ENGINES:
                render(engine, pages, outdirs[engine])
            scores(pages, outdirs)


def costs(count: int, workdir: Path) -> None:
    """CPU per audio second and peak RSS: the reference article, then a batch of `count`."""
    for engine in ENGINES:
        print(render(engine, [SEED], workdir / f"seed-{engine}").line(f"reference, {engine}"))
    print(plain_cost([SEED], workdir / "seed-plain").line("reference, plain espeak-ng+LAME"))
    folder = workdir / "batch"
    folder.mkdir()
    pages = english_pages(count, folder)
    outdirs = {e: workdir / f"batch-{e}" for e in ENGINES}
    spent = {e: batch(e, folder, outdirs[e]) for e in ENGINES}
    plain_batch = plain_cost(pages, workdir / "batch-plain")
    for engine in ENGINES:
        print(spent[engine].line(f"batch of {len(pages)} --jobs 2, {engine}"))
    print(plain_batch.line(f"batch of {len(pages)}, plain espeak-ng+LAME"))
    per_second = {e: c.cpu / c.audio for e, c in spent.items()}
    ratio = per_second["neural"] / (plain_batch.cpu / plain_batch.audio)
    verdict = "ok" if ratio <= 2 and spent["neural"].rss_mb < 600 else "MISSED"
    print(
        f"neural batch / plain pipeline per audio second: {ratio:.2f} (goal <= 2), "
        f"neural / accessnews espeak: {per_second['neural'] / per_second['espeak']:.2f}; "
        f"{verdict}"
    )


if __name__ == "__main__":
    main()
