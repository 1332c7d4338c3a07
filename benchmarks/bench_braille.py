"""Benchmark braille: translate + layout + BRF + PEF against `lou_translate` on the same text.

    .venv/bin/python benchmarks/bench_braille.py [ARTICLE] [--articles 100]

Targets (issue 4): one article within 2x the time of `lou_translate -f en-us-brf.dis,
en-ueb-g2.ctb` on its text (both loading the table: ours is timed in a fresh process, from
before the table is loaded to the PEF bytes, interpreter start-up and imports excluded and
reported apart); 100 articles in one process within 1x of 100 lou_translate runs, because
tables are loaded once. The full writer (self-check and atomic writes included) is reported too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from accessnews.braille.brf import brf  # noqa: E402
from accessnews.braille.formats import article_groups  # noqa: E402
from accessnews.braille.layout import PageSetup, paginate  # noqa: E402
from accessnews.braille.pef import PefMeta, pef  # noqa: E402
from accessnews.braille.translate import Translator  # noqa: E402
from accessnews.braille.writer import BrailleOptions, BrailleWriter, style_for  # noqa: E402
from accessnews.model import Article, Paragraph, Span  # noqa: E402
from accessnews.pipeline import load_article  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "000_3af8e3a32a6fdc5a.txt"
LOU = ["lou_translate", "-f", "en-us-brf.dis,en-ueb-g2.ctb"]


def plain_text(article: Article) -> str:
    return "\n".join([article.headline, *article.bylines, *(b.text for b in article.blocks)])


def core(article: Article, translator: Translator) -> bytes:
    """What the target times: translate, lay out, serialise BRF and PEF."""
    setup = PageSetup()
    groups = article_groups(article, style_for(translator, article.language))
    pages = paginate(groups, setup, translator.number)
    meta = PefMeta(article.headline, article.bylines, article.language, article.published, "bench")
    return brf(pages) + pef(pages, setup, meta)


def lou_translate(text: str) -> float:
    start = time.perf_counter()
    subprocess.run(LOU, input=text.encode(), stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


COLD = """
import sys, time
sys.path.insert(0, {root!r})
from benchmarks.bench_braille import core, load_article
from accessnews.braille.translate import Translator
article = load_article({path!r})
start = time.perf_counter()
core(article, Translator("en-ueb-g2.ctb"))
print(time.perf_counter() - start)
"""


def cold_core(path: str) -> tuple[float, float]:
    """Seconds for one article in a fresh process (table loading included), and the wall time."""
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", COLD.format(root=str(ROOT), path=path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out), time.perf_counter() - start


def variants(article: Article, count: int) -> list[Article]:
    """Distinct articles: a numbered update paragraph each, every fifth one twice as long."""
    result = []
    for number in range(count):
        blocks = article.blocks * (2 if number % 5 == 4 else 1)
        note = Paragraph((Span(f"Update {number}: this report was revised on day {number}."),))
        result.append(
            replace(article, headline=f"{article.headline} ({number})", blocks=(*blocks, note))
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(SEED))
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    article = load_article(args.article)
    text = plain_text(article)
    print(f"article: {args.article} ({len(text.split())} words, {len(article.blocks)} blocks)")

    # Runs alternate between the two sides, so that both see the same load on the machine.
    pairs = [(lou_translate(text), cold_core(args.article)) for _ in range(args.runs)]
    lou_one = statistics.median(lou for lou, _ in pairs)
    ours_cold = statistics.median(cold for _, (cold, _) in pairs)
    wall_cold = statistics.median(wall for _, (_, wall) in pairs)
    print(f"lou_translate, one article:            {lou_one * 1000:8.1f} ms")
    print(
        f"accessnews core, one article, cold:    {ours_cold * 1000:8.1f} ms "
        f"({ours_cold / lou_one:.2f}x; target <= 2x)  [process wall incl. Python start "
        f"and imports {wall_cold * 1000:.0f} ms]"
    )

    translator = Translator("en-ueb-g2.ctb")
    warm = []
    for _ in range(args.runs):
        start = time.perf_counter()
        core(article, translator)
        warm.append(time.perf_counter() - start)
    print(f"accessnews core, one article, warm:    {statistics.median(warm) * 1000:8.1f} ms")

    many = variants(article, args.articles)
    texts = [plain_text(a) for a in many]
    lou_many = ours_many = 0.0
    for item, item_text in zip(many, texts, strict=True):
        lou_many += lou_translate(item_text)
        start = time.perf_counter()
        core(item, translator)
        ours_many += time.perf_counter() - start
    lou_joined = lou_translate("\n".join(texts))
    with tempfile.TemporaryDirectory() as outdir, BrailleWriter(BrailleOptions()) as writer:
        start = time.perf_counter()
        for number, item in enumerate(many):
            writer.write(item, Path(outdir), f"a{number}")
        full_many = time.perf_counter() - start
    n = args.articles
    print(f"lou_translate, {n} runs:               {lou_many * 1000:8.1f} ms")
    print(f"lou_translate, {n} texts in one run:   {lou_joined * 1000:8.1f} ms")
    print(
        f"accessnews core, {n} in one process:   {ours_many * 1000:8.1f} ms "
        f"({ours_many / lou_many:.2f}x of {n} runs; target <= 1x)"
    )
    print(f"accessnews writer, {n} (self-check, 3 files each): {full_many * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
