"""Body word-F1 of accessnews (read + clean) against trafilatura on real pages, in one run.

WCXB's development articles (`../shared/corpora/wcxb-dev-articles`, human ground truth): the
metric is the corpus README's, lower-cased `\\w+` words of the body blocks (paragraphs,
headings, lists, quotes) against `main_content`, averaged over pages. Also: pages below 0.5,
"collapse" pages (accessnews errors or scores below 0.5 where trafilatura scores above 0.8),
the `with` snippets found and the `without` snippets leaked, and the median time per page.
Readability's test pages (`readability-test-pages`): how many of the figures with a caption
that Readability's expected output keeps become a `Figure`, and embedded posts an `Embed`. Each
caption is matched to a figure of its own (most of its words in the figure's label, caption and
credit); words that only mark a credit or a picture ("Credit", "Photo:") are not compared, as the
model keeps a credit without its marker, and a caption of nothing else matches an uncaptioned
figure. `--figures` lists the captions no figure matched.

    pip install -e '.[bench]'
    nice -n 10 .venv/bin/python benchmarks/bench_wcxb.py [--worst N] [--only 0001,0002]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from accessnews.clean import clean
from accessnews.errors import InputError
from accessnews.model import Article, Dropped, Embed, Figure, Heading, ListBlock, Paragraph, Quote
from accessnews.outline import family_counts
from accessnews.read import read_bytes

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
WCXB = CORPORA / "wcxb-dev-articles"
READABILITY = CORPORA / "readability-test-pages"
BODY = (Paragraph, Heading, ListBlock, Quote)
_WORD = re.compile(r"\w+")
LOW, HIGH = 0.5, 0.8
_COVERED = 0.8
# Words that only mark a credit or a picture, in the corpus' languages.
_MARKERS = frozenset({"credit", "credits", "photo", "foto", "image", "imagen", "crédit", "crédito",
                      "photograph", "bild", "by"})  # fmt: skip
_EMBED_CLASSES = ("twitter-tweet", "instagram-media", "bluesky-embed", "mastodon-embed",
                  "tiktok-embed", "fb-post", "text-post-media")  # fmt: skip


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def f1(found: list[str], truth: list[str]) -> float:
    """Word-bag F1, the WCXB metric (both empty counts as a perfect match)."""
    if not found or not truth:
        return float(found == truth)
    common = sum((Counter(found) & Counter(truth)).values())
    if not common:
        return 0.0
    precision, recall = common / len(found), common / len(truth)
    return 2 * precision * recall / (precision + recall)


def has_snippet(snippet: str, text_words: str) -> bool:
    """The snippet's words, in order and whole, in the text (punctuation and case aside)."""
    wanted = " ".join(words(snippet))
    return bool(wanted) and f" {wanted} " in text_words


@dataclass(frozen=True)
class Extraction:
    """One extractor's output for one page: the scored body and everything it reads out."""

    body: str
    shown: str
    seconds: float
    error: str | None = None
    cleaned: tuple[Dropped, ...] = ()  # what cleaning dropped


def ours(data: bytes) -> Extraction:
    start = time.perf_counter()
    try:
        raw = read_bytes(data, name="page.html")
        article = clean(raw)
    except InputError as error:
        return Extraction("", "", time.perf_counter() - start, str(error))
    seconds = time.perf_counter() - start
    cleaned = article.dropped[len(raw.dropped) :]
    return Extraction(_body(article), _shown(article), seconds, cleaned=cleaned)


def _body(article: Article) -> str:
    return "\n".join(b.text for b in article.blocks if isinstance(b, BODY))


def _shown(article: Article) -> str:
    """What a listener hears: the standfirst and every block, captions and posts included."""
    return "\n".join([article.standfirst or "", *(b.text for b in article.blocks)])


def theirs(data: bytes) -> Extraction:
    import trafilatura

    start = time.perf_counter()
    text = trafilatura.extract(data, include_comments=False) or ""
    return Extraction(text, text, time.perf_counter() - start)


@dataclass(frozen=True)
class Page:
    name: str
    truth: list[str]
    with_: list[str]
    without: list[str]
    results: dict[str, Extraction]

    def score(self, who: str) -> float:
        return f1(words(self.results[who].body), self.truth)

    def snippets(self, who: str) -> tuple[int, int]:
        shown = " " + " ".join(words(self.results[who].shown)) + " "
        return (
            sum(has_snippet(s, shown) for s in self.with_),
            sum(has_snippet(s, shown) for s in self.without),
        )


EXTRACTORS: dict[str, Callable[[bytes], Extraction]] = {"accessnews": ours, "trafilatura": theirs}


def wcxb_pages(only: set[str]) -> list[Page]:
    pages = []
    for path in sorted((WCXB / "html").glob("*.html.gz")):
        name = path.name.split(".")[0]
        if only and name not in only:
            continue
        data = gzip.decompress(path.read_bytes())
        truth = json.loads((WCXB / "ground-truth" / f"{name}.json").read_text())["ground_truth"]
        if not truth.get("main_content"):  # two pages have snippets but no body to score
            continue
        results = {who: extract(data) for who, extract in EXTRACTORS.items()}
        pages.append(Page(name, words(truth["main_content"]), truth.get("with") or [],
                          truth.get("without") or [], results))  # fmt: skip
    return pages


def report_wcxb(pages: list[Page], worst: int) -> None:
    print(f"WCXB dev articles: {len(pages)} pages")
    print(f"{'':14}{'mean F1':>9}{'median':>9}{'< 0.5':>7}{'with found':>13}"
          f"{'without leaked':>16}{'median ms':>11}")  # fmt: skip
    with_total = sum(len(p.with_) for p in pages)
    without_total = sum(len(p.without) for p in pages)
    for who in EXTRACTORS:
        scores = [p.score(who) for p in pages]
        found = sum(p.snippets(who)[0] for p in pages)
        leaked = sum(p.snippets(who)[1] for p in pages)
        ms = statistics.median(p.results[who].seconds for p in pages) * 1000
        print(f"{who:14}{statistics.mean(scores):9.4f}{statistics.median(scores):9.4f}"
              f"{sum(s < LOW for s in scores):7d}{found:>8}/{with_total:<5}"
              f"{leaked:>9}/{without_total:<6}{ms:10.1f}")  # fmt: skip
    collapses = [
        p
        for p in pages
        if (p.results["accessnews"].error or p.score("accessnews") < LOW)
        and p.score("trafilatura") > HIGH
    ]
    print(f"collapse pages (accessnews errors or < {LOW} while trafilatura > {HIGH}): "
          f"{len(collapses)}")  # fmt: skip
    for page in collapses:
        error = page.results["accessnews"].error or ""
        print(f"  {page.name} {page.score('accessnews'):.3f} vs "
              f"{page.score('trafilatura'):.3f} {error}")  # fmt: skip
    print("dropped by cleaning, by family (kind: reason):")
    print("\n".join(family_counts(d for p in pages for d in p.results["accessnews"].cleaned)))
    if worst:
        print(f"largest losses against trafilatura (top {worst}):")
        losses = sorted(pages, key=lambda p: p.score("accessnews") - p.score("trafilatura"))
        for page in losses[:worst]:
            print(f"  {page.name} {page.score('accessnews'):.3f} vs "
                  f"{page.score('trafilatura'):.3f}")  # fmt: skip


def _figures_kept(expected: lxml.html.HtmlElement) -> list[str]:
    """Captions of the figures Readability keeps (a figcaption with text)."""
    captions = (" ".join(" ".join(c.itertext()).split()) for c in expected.iter("figcaption"))
    return [caption for caption in captions if words(caption)]


def _embeds_kept(expected: lxml.html.HtmlElement) -> int:
    classes = (e.get("class", "") for e in expected.iter())
    return sum(any(c in cls.split() for c in _EMBED_CLASSES) for cls in classes)


def _covers(figure: Figure, caption: str) -> bool:
    """Most words of Readability's caption (caption and credit as one text, markers aside) are
    the figure's; a caption of markers only ("Credit") is an uncaptioned figure's."""
    wanted = [word for word in words(caption) if word not in _MARKERS]
    if not wanted:
        return not figure.text
    have = set(words(f"{figure.label or ''} {figure.text} {figure.credit or ''}"))
    return sum(word in have for word in wanted) >= _COVERED * len(wanted)


def _matched(figures: list[Figure], captions: list[str]) -> list[Figure | None]:
    """Each caption's figure, in order, no figure matched twice."""
    free = list(figures)
    found: list[Figure | None] = []
    for caption in captions:
        match = next((f for f in free if _covers(f, caption)), None)
        if match is not None:
            free.remove(match)
        found.append(match)
    return found


def report_readability(misses: bool = False) -> None:
    captions = figures = credits = embeds_expected = embeds = errors = 0
    for folder in sorted(p for p in READABILITY.iterdir() if (p / "expected.html").exists()):
        expected = lxml.html.fromstring((folder / "expected.html").read_text(encoding="utf-8"))
        wanted = _figures_kept(expected)
        embeds_expected += _embeds_kept(expected)
        try:
            article = clean(read_bytes((folder / "source.html").read_bytes(), name=folder.name))
        except InputError:
            errors += 1
            continue
        ours_figures = [b for b in article.blocks if isinstance(b, Figure)]
        captions += len(wanted)
        for caption, match in zip(wanted, _matched(ours_figures, wanted), strict=True):
            figures += match is not None
            credits += match is not None and match.credit is not None
            if misses and match is None:
                print(f"  no figure: {folder.name}: {caption[:100]}")
        embeds += sum(isinstance(b, Embed) for b in article.blocks)
    print(f"Readability test pages: figures with a caption kept as Figure {figures}/{captions} "
          f"({credits} with a credit split off), embedded posts as Embed {embeds} "
          f"(Readability keeps {embeds_expected}), pages without article text "
          f"{errors}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--worst", type=int, default=0, help="list the N largest losses")
    parser.add_argument("--only", default="", help="comma-separated WCXB page numbers")
    parser.add_argument("--no-readability", action="store_true")
    parser.add_argument("--figures", action="store_true", help="list the captions not matched")
    args = parser.parse_args()
    if not WCXB.is_dir():
        print(f"{WCXB} is missing", file=sys.stderr)
        return 2
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("trafilatura is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    only = {name for name in args.only.split(",") if name}
    report_wcxb(wcxb_pages(only), args.worst)
    if not args.no_readability and READABILITY.is_dir():
        report_readability(args.figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
