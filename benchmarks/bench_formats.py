"""Benchmark the audio formats: what M4B (and any other audio format) costs on top of the MP3.

    .venv/bin/python benchmarks/bench_formats.py [--repeat 3] [--batch 20]

Prints, for the reference article and a batch of articles in one process, the wall time of
`accessnews render --no-braille --formats mp3` against every audio format available (synthesis
runs once either way: the extra formats are serialisers of the same narration), and the M4B's
AAC cost: the reference article's narration PCM through our M4B path (the loudness stage,
ffmpeg's AAC encoder in a pipe, the muxing of tags and chapters) against a user's plain
`ffmpeg -i x.wav -c:a aac x.m4a` of the same audio. Target (issue 12): ours <= 1.0x.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_audio import SAMPLES, SEED, distinct_copies, run_pair  # noqa: E402

from accessnews.formats import FORMATS  # noqa: E402
from accessnews.pipeline import load_article  # noqa: E402

AUDIO_FORMATS = ",".join(name for name, f in FORMATS.items() if f.writer == "audio")


def render(articles: list[Path], outdir: Path, formats: str) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(
            [sys.executable, "-m", "accessnews", "render", *map(str, articles), "-o",
             str(outdir), "--no-braille", "--formats", formats],
            check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
        )  # fmt: skip

    return run


def formats_cost(label: str, articles: list[Path], repeat: int) -> None:
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        articles = distinct_copies(articles, workdir)
        pair = run_pair(
            render(articles, workdir / "mp3", "mp3"),
            render(articles, workdir / "all", AUDIO_FORMATS),
            repeat,
        )
    (mp3, _), (every, _) = pair.fastest
    print(
        f"{label:<26} --formats mp3 {mp3:5.2f} s, --formats {AUDIO_FORMATS} {every:5.2f} s: "
        f"{every / mp3:.2f}x (median of paired runs {pair.median_ratio:.2f}x)"
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


def aac_cost(article_path: Path, repeat: int) -> None:
    """Our M4B path against plain ffmpeg AAC, on the reference article's speech."""
    from accessnews.speech.chapters import plan_chapters
    from accessnews.speech.engine import SpeechEngine
    from accessnews.speech.language import language_for
    from accessnews.speech.m4b import M4bSerialiser
    from accessnews.speech.mp3 import Chapter
    from accessnews.speech.narration import Narration
    from accessnews.speech.serialise import AudioJob
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
    with tempfile.TemporaryDirectory() as work:
        workdir = Path(work)
        wav = workdir / "x.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(pcm)
        narration = Narration(rate, len(pcm) // 2, (), chapters, "en", workdir / "x.pcm")
        job = AudioJob(article, workdir, "ours", rate, 64, "eng", profile.voice)

        def ours() -> None:
            serialiser = M4bSerialiser(job)
            for start in range(0, len(pcm), 1 << 16):
                serialiser.feed(pcm[start : start + (1 << 16)])
            serialiser.finish(narration)

        def plain() -> None:
            subprocess.run(
                ["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-c:a", "aac",
                 str(workdir / "plain.m4a")],
                check=True,
            )  # fmt: skip

        seconds = len(pcm) / 2 / rate
        (p_wall, p_cpu), (o_wall, o_cpu) = timed(plain, repeat), timed(ours, repeat)
        verdict = "ok" if o_wall <= p_wall else "MISSED"
        print(
            f"AAC of {seconds:.0f} s of speech: plain ffmpeg {p_wall:5.2f} s (CPU {p_cpu:.2f}), "
            f"our M4B {o_wall:5.2f} s (CPU {o_cpu:.2f}): {o_wall / p_wall:.2f}x wall, "
            f"{o_cpu / p_cpu:.2f}x CPU (target <= 1.0) {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=20)
    args = parser.parse_args()
    singles = ([SEED] if SEED.is_file() else []) + SAMPLES
    aac_cost(singles[0], args.repeat)
    formats_cost("1 article: reference", singles[:1], args.repeat)
    if args.batch:
        batch = [singles[i % len(singles)] for i in range(args.batch)]
        formats_cost(f"{args.batch} articles, one process", batch, args.repeat)


if __name__ == "__main__":
    main()
