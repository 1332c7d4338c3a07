"""Benchmark the audio formats: what each costs on top of the MP3, and what it encodes.

    .venv/bin/python benchmarks/bench_formats.py [--repeat 3] [--batch 20]

Prints, for the reference article and a batch of articles in one process, the wall and CPU
time of `accessnews render --no-braille --formats mp3` against mp3 with the M4B, mp3 with both
talking books (DAISY, EPUB), and every audio format (synthesis runs once either way: the extra
formats are serialisers of the same narration), each set run in turn, fastest of `--repeat`.
Then, on the reference article's narration PCM:
- the M4B's AAC cost: our M4B path (the loudness stage, ffmpeg's AAC encoder in a pipe, the
  muxing of tags and chapters) against a user's plain `ffmpeg -i x.wav -c:a aac x.m4a` of the
  same audio. Target (issue 12): ours <= 1.0x.
- the shared MP3 encode: the article MP3, DAISY and EPUB each with its own LAME (as before
  speech/shared.py) against one shared encode.
Timing is paired and fastest-of as in bench_audio.py, whose helpers this uses.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_audio import SAMPLES, SEED, distinct_copies  # noqa: E402
from bench_audio import timed as timed_children  # noqa: E402

from accessnews.formats import FORMATS  # noqa: E402
from accessnews.model import Article  # noqa: E402
from accessnews.pipeline import load_article  # noqa: E402
from accessnews.speech.mp3 import Chapter  # noqa: E402

AUDIO_FORMATS = ",".join(name for name, f in FORMATS.items() if f.writer == "audio")
FORMAT_SETS = ("mp3", "mp3,m4b", "mp3,daisy,epub", AUDIO_FORMATS)
CHUNK = 1 << 16  # PCM bytes per feed, about what the narrator hands a sink


def render(articles: list[Path], outdir: Path, formats: str) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(
            [sys.executable, "-m", "accessnews", "render", *map(str, articles), "-o",
             str(outdir), "--no-braille", "--force", "--formats", formats],
            check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip

    return run


def formats_cost(label: str, articles: list[Path], repeat: int) -> None:
    """Every set of FORMAT_SETS rendered in turn, `repeat` times; the fastest run of each."""
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        articles = distinct_copies(articles, workdir)
        runs = {f: render(articles, workdir / f.replace(",", "-"), f) for f in FORMAT_SETS}
        turns = [{f: timed_children(run) for f, run in runs.items()} for _ in range(repeat)]
    best = {f: min(turn[f] for turn in turns) for f in FORMAT_SETS}
    mp3_wall, mp3_cpu = best["mp3"]
    print(f"{label}: --formats mp3 {mp3_wall:.2f} s wall, {mp3_cpu:.2f} s CPU")
    for formats in FORMAT_SETS[1:]:
        wall, cpu = best[formats]
        print(
            f"  --formats {formats:<32} {wall:6.2f} s wall ({wall / mp3_wall:.2f}x), "
            f"{cpu:6.2f} s CPU ({cpu / mp3_cpu:.2f}x)"
        )


def cpu_now() -> float:
    """CPU seconds so far of this process (the loudness stage's thread) and its children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], None], repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds of the fastest of `repeat` runs."""
    best = []
    for _ in range(repeat):
        cpu, start = cpu_now(), time.perf_counter()
        run()
        best.append((time.perf_counter() - start, cpu_now() - cpu))
    return min(best)


@dataclass(frozen=True)
class Speech:
    """The reference article's narration, synthesised once for the encoder measurements."""

    article: Article
    pcm: bytes
    rate: int
    chapters: tuple[Chapter, ...]
    voice: str

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate

    def feed(self, sinks: list[Callable[[bytes], None]]) -> None:
        for start in range(0, len(self.pcm), CHUNK):
            for sink in sinks:
                sink(self.pcm[start : start + CHUNK])


def speech(article_path: Path) -> Speech:
    from accessnews.speech.chapters import plan_chapters
    from accessnews.speech.engine import SpeechEngine
    from accessnews.speech.language import language_for
    from accessnews.speech.spoken import SpokenForm
    from accessnews.speech.voices import load_profiles, select_profile

    engine = SpeechEngine()
    profile = select_profile(load_profiles(), None, "en-GB")
    engine.use(profile.settings())
    article = load_article(str(article_path))
    utterances = SpokenForm(language_for("en")).article(article)
    clips = [engine.speak(u.text) for u in utterances]
    pcm, rate = b"".join(clips), engine.sample_rate
    starts = [sum(map(len, clips[: c.first])) * 500 // rate for c in plan_chapters(utterances, 175)]
    ends = [*starts[1:], len(pcm) * 500 // rate]
    chapters = tuple(
        Chapter(f"chp{n}", start, end, f"Chapter {n}", "")
        for n, (start, end) in enumerate(zip(starts, ends, strict=True))
    )
    return Speech(article, pcm, rate, chapters, profile.voice)


def aac_cost(spoken: Speech, repeat: int) -> None:
    """Our M4B path against plain ffmpeg AAC, on the reference article's speech."""
    from accessnews.speech.m4b import M4bSerialiser
    from accessnews.speech.narration import Narration
    from accessnews.speech.serialise import AudioJob

    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        wav = workdir / "x.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(spoken.rate)
            out.writeframes(spoken.pcm)
        samples = len(spoken.pcm) // 2
        narration = Narration(spoken.rate, samples, (), spoken.chapters, "en", workdir / "x.pcm")

        def ours() -> None:
            job = AudioJob(spoken.article, workdir, "ours", spoken.rate, 64, "eng", spoken.voice)
            serialiser = M4bSerialiser(job)
            spoken.feed([serialiser.feed])
            serialiser.finish(narration)

        def plain() -> None:
            subprocess.run(
                ["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-c:a", "aac",
                 str(workdir / "plain.m4a")],
                check=True,
            )  # fmt: skip

        (p_wall, p_cpu), (o_wall, o_cpu) = timed(plain, repeat), timed(ours, repeat)
        verdict = "ok" if o_wall <= p_wall else "MISSED"
        print(
            f"AAC of {spoken.seconds:.0f} s of speech: plain ffmpeg {p_wall:5.2f} s "
            f"(CPU {p_cpu:.2f}), our M4B {o_wall:5.2f} s (CPU {o_cpu:.2f}): "
            f"{o_wall / p_wall:.2f}x wall, {o_cpu / p_cpu:.2f}x CPU (target <= 1.0) {verdict}"
        )


def lame_cost(spoken: Speech, repeat: int) -> None:
    """The MP3 audio of mp3, DAISY and EPUB: three LAME encodes against one shared encode."""
    from accessnews.speech.mp3 import Encoder
    from accessnews.speech.shared import SharedEncodes

    holders = ("mp3", "daisy", "epub")
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)

        def separate() -> None:
            encoders = [make() for _ in holders]
            spoken.feed([encoder.write for encoder in encoders])
            for encoder in encoders:
                encoder.finish()

        def make() -> Encoder:
            return Encoder(spoken.rate, 64, workdir)

        def shared() -> None:
            encodes = SharedEncodes()
            shares = [encodes.share(("lame", spoken.rate, 64), make) for _ in holders]
            spoken.feed([share.write for share in shares])
            for share in shares:
                share.finish()

        (s_wall, s_cpu), (o_wall, o_cpu) = timed(separate, repeat), timed(shared, repeat)
        print(
            f"MP3 audio of mp3+daisy+epub, {spoken.seconds:.0f} s of speech: 3 LAME encodes "
            f"{s_wall:5.2f} s (CPU {s_cpu:.2f}), one shared {o_wall:5.2f} s (CPU {o_cpu:.2f}): "
            f"saves {s_wall - o_wall:.2f} s wall, {s_cpu - o_cpu:.2f} s CPU"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    singles = ([SEED] if SEED.is_file() else []) + SAMPLES
    spoken = speech(singles[0])
    aac_cost(spoken, args.repeat)
    lame_cost(spoken, args.repeat)
    formats_cost("1 article: reference", singles[:1], args.repeat)
    if args.batch:
        batch = [singles[i % len(singles)] for i in range(args.batch)]
        formats_cost(f"{args.batch} articles, one process", batch, args.repeat)


if __name__ == "__main__":
    main()
