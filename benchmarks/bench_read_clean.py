"""Median time of read + clean for a ~200 KB news page and for plain-text articles.

Targets (issue 2): under 50 ms for the 200 KB HTML page, under 5 ms for a plain-text article.
The page is built from the HTML samples in the shape of a real news page: most of its bytes
are inline scripts and page chrome, with a long article (figures, embeds, lists) inside.

    .venv/bin/python benchmarks/bench_read_clean.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from accessnews.clean import clean
from accessnews.read import read_bytes

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED = ROOT.parent / "shared" / "seeds" / "000_3af8e3a32a6fdc5a.txt"
TARGET_BYTES = 200_000
RUNS = 40
STORY_COPIES = 2  # sample 10's story twice: a long article of about 1,400 words


def _between(text: str, start: str, end: str) -> str:
    return text[text.index(start) + len(start) : text.index(end)]


def big_page() -> bytes:
    """Sample 11's chrome around copies of sample 10's story (each under a "Part N" heading),
    padded to 200 KB with the inline state script and menus that real pages carry."""
    page = (SAMPLES / "11-council-budget-chrome.html").read_text(encoding="utf-8")
    story = _between(
        (SAMPLES / "10-harbour-barrier-figures.html").read_text(encoding="utf-8"),
        '<div class="story-body">',
        "</div>\n</article>",
    )
    copies = "".join(f"<h2>Part {i}</h2>{story}" for i in range(1, STORY_COPIES + 1))
    page = page.replace(
        '<div class="article-body" itemprop="articleBody">',
        '<div class="article-body" itemprop="articleBody">' + copies,
        1,
    )
    menu = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(150))
    page = page.replace('<li><a href="/jobs">Jobs</a></li>', menu, 1)
    cards = "".join(
        f'<article class="story-card"><h3><a href="/news/{i}">Story number {i}</a></h3>'
        f"<p>A short teaser for story {i}.</p></article>"
        for i in range(60)
    )
    page = page.replace(
        '<section class="related-stories">', '<section class="related-stories">' + cards, 1
    )
    padding = TARGET_BYTES - len(page.encode())
    state = '{"k":"' + "v" * max(padding - 60, 0) + '"}'
    page = page.replace("</head>", f"<script>window.__STATE__ = {state};</script></head>", 1)
    return page.encode()


def median_ms(run: Callable[[], object]) -> float:
    run()  # warm-up: imports and regex compilation are not part of the per-article cost
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    page = big_page()
    cases = [(f"HTML page, {len(page) / 1000:.0f} KB", page, "page.html", 50.0)]
    for path in (SEED, *sorted(SAMPLES.glob("0*.txt"))):
        if path.is_file():
            data = path.read_bytes()
            cases.append(
                (f"plain text {path.name}, {len(data) / 1000:.1f} KB", data, path.name, 5.0)
            )
    failed = False
    print(f"{'median of ' + str(RUNS) + ' runs':48} {'read':>8} {'clean':>8} {'total':>8}")
    for label, data, name, target in cases:
        article = read_bytes(data, name=name)
        read_ms = median_ms(lambda data=data, name=name: read_bytes(data, name=name))
        clean_ms = median_ms(lambda article=article: clean(article))
        total = median_ms(lambda data=data, name=name: clean(read_bytes(data, name=name)))
        failed |= total >= target
        verdict = "ok" if total < target else "SLOW"
        print(
            f"{label:48} {read_ms:6.2f}ms {clean_ms:6.2f}ms {total:6.2f}ms"
            f"  (target < {target:.0f} ms) {verdict}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
