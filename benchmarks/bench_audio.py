"""Benchmark audio: `accessnews render --no-braille` against the plain-tools pipeline.

    .venv/bin/python benchmarks/bench_audio.py [--repeat 3] [--batch 20]

The plain pipeline is what a user would script for the same text and output: `espeak-ng -w`
with the same espeak-ng voice and rate, then `lame -b 64 -m m`, one article after another.
Both sides are whole commands timed by wall clock (interpreter start-up included for ours);
each measurement is repeated, the two sides in turn, and each side's fastest run kept, as
other work shares the machine; the median of the paired runs' ratios is printed too, as this
virtual machine's speed drifts between runs.
Targets (issue 3): one article <= 0.75x the plain pipeline; 20 articles in one process
<= 0.5x per article.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accessnews.pipeline import load_article  # noqa: E402
from accessnews.speech.language import language_for  # noqa: E402
from accessnews.speech.spoken import SpokenForm  # noqa: E402
from accessnews.speech.voices import load_profiles, select_profile  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_3af8e3a32a6fdc5a.txt"
SAMPLES = sorted((ROOT / "samples").glob("*"))


def timed(run: Callable[[], None]) -> tuple[float, float]:
    """(wall, CPU) seconds of one run; CPU is the child processes' user + system time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def fastest(run: Callable[[], None], repeat: int) -> tuple[float, float]:
    """(wall, CPU) of the fastest of `repeat` runs."""
    return min(timed(run) for _ in range(repeat))


@dataclass(frozen=True)
class Pair:
    """Runs of two commands taken in turn, so that a slow spell of the machine hits both."""

    first: list[tuple[float, float]]  # (wall, CPU) per run
    second: list[tuple[float, float]]

    @property
    def fastest(self) -> tuple[tuple[float, float], tuple[float, float]]:
        return min(self.first), min(self.second)

    @property
    def median_ratio(self) -> float:
        """The median over runs of second / first wall time, each pair run back to back."""
        return statistics.median(b[0] / a[0] for a, b in zip(self.first, self.second, strict=True))


def run_pair(first: Callable[[], None], second: Callable[[], None], repeat: int) -> Pair:
    runs = [(timed(first), timed(second)) for _ in range(repeat)]
    return Pair([run[0] for run in runs], [run[1] for run in runs])


def ours(articles: list[Path], outdir: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "accessnews", "render", *map(str, articles), "-o", str(outdir),
         "--no-braille", "--force"],  # each repeat renders over the last
        check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
    )  # fmt: skip


def plain_inputs(articles: list[Path], workdir: Path) -> list[tuple[Path, str, int]]:
    """The same text for the plain tools: our spoken form, one block per line, with its voice."""
    profiles = load_profiles()
    inputs = []
    for number, path in enumerate(articles):
        article = load_article(str(path))
        profile = select_profile(profiles, None, article.language)
        form = SpokenForm(language_for(article.language), profile.lexicon)
        text_file = workdir / f"{number:02d}-{path.stem}.txt"
        text_file.write_text("\n".join(u.text for u in form.article(article)), encoding="utf-8")
        inputs.append((text_file, profile.voice, profile.rate))
    return inputs


def plain(inputs: list[tuple[Path, str, int]]) -> None:
    for text_file, voice, rate in inputs:
        wav, mp3 = text_file.with_suffix(".wav"), text_file.with_suffix(".mp3")
        subprocess.run(
            ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(wav), "-f", str(text_file)],
            check=True,
        )
        subprocess.run(["lame", "--quiet", "-b", "64", "-m", "m", str(wav), str(mp3)], check=True)


def distinct_copies(articles: list[Path], workdir: Path) -> list[Path]:
    """The articles under distinct names, so a batch writes one set of outputs per input."""
    copies = []
    for number, path in enumerate(articles):
        copy = workdir / f"{number:02d}-{path.name}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies


def compare(label: str, articles: list[Path], repeat: int, target: float) -> float:
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        articles = distinct_copies(articles, workdir)
        inputs = plain_inputs(articles, workdir)
        pair = run_pair(lambda: plain(inputs), lambda: ours(articles, workdir / "out"), repeat)
    (theirs, theirs_cpu), (mine, mine_cpu) = pair.fastest
    ratio = mine / theirs
    verdict = "ok" if ratio <= target else "MISSED"
    print(
        f"{label:<28} wall: ours {mine:5.2f} s, plain {theirs:5.2f} s, ratio {ratio:.2f} "
        f"(median of paired runs {pair.median_ratio:.2f}; target <= {target}) {verdict};  "
        f"CPU: ours {mine_cpu:5.2f} s, plain {theirs_cpu:5.2f} s"
    )
    return ratio


def encoders(article_path: Path, repeat: int) -> None:
    """The same PCM to MP3 two ways: pydub's export (a WAV file, then ffmpeg) and our LAME pipe.

    Synthesis is not timed here; CPU is the encoder processes' time."""
    from pydub import AudioSegment

    from accessnews.speech.engine import SpeechEngine
    from accessnews.speech.mp3 import Encoder

    engine = SpeechEngine()
    profile = select_profile(load_profiles(), None, "en-GB")
    engine.use(profile.settings())
    article = load_article(str(article_path))
    pcm = b"".join(engine.speak(u.text) for u in SpokenForm(language_for("en")).article(article))
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        segment = AudioSegment(pcm, sample_width=2, frame_rate=engine.sample_rate, channels=1)

        def pydub_export() -> None:
            segment.export(workdir / "pydub.mp3", format="mp3", bitrate="64k")

        def pipe() -> None:
            encoder = Encoder(engine.sample_rate, 64, workdir)
            encoder.write(pcm)
            encoder.finish()

        seconds = len(pcm) / 2 / engine.sample_rate
        for label, run in (("pydub export (ffmpeg)", pydub_export), ("LAME pipe, ours", pipe)):
            wall, cpu = fastest(run, repeat)
            print(
                f"encode {seconds:.0f} s of speech, {label:<22} "
                f"wall {wall:5.2f} s  CPU {cpu:5.2f} s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    if shutil.which("espeak-ng") is None or shutil.which("lame") is None:
        sys.exit("bench_audio: needs espeak-ng and lame (./dev setup)")
    singles = ([SEED] if SEED.is_file() else []) + SAMPLES
    encoders(singles[0], args.repeat)
    for article in singles:
        compare(f"1 article: {article.stem[:17]}", [article], args.repeat, 0.75)
    if args.batch:
        batch = [singles[i % len(singles)] for i in range(args.batch)]
        compare(f"{args.batch} articles, one process", batch, args.repeat, 0.5)


if __name__ == "__main__":
    main()
