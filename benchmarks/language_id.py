"""How the article language is chosen on real pages: declared, detected, or a default.

Reads and prepares every page of `../shared/corpora/` (WCXB dev articles, Readability's test
pages), then counts how each language was chosen and lists every page whose text overruled
its declared tag, or where the text and the tag disagree but the tag was kept, for a reviewer
to check by eye. Pages the reader refuses are counted apart.

    .venv/bin/python benchmarks/language_id.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from accessnews.errors import AccessnewsError
from accessnews.pipeline import prepare
from accessnews.read import read_bytes
from accessnews.read.language import primary

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def pages(limit: int | None) -> Iterator[tuple[str, bytes]]:
    wcxb = sorted((CORPORA / "wcxb-dev-articles" / "html").glob("*.html.gz"))[:limit]
    for path in wcxb:
        yield f"wcxb/{path.name}", gzip.decompress(path.read_bytes())
    for path in sorted((CORPORA / "readability-test-pages").glob("*/source.html"))[:limit]:
        yield f"readability/{path.parent.name}", path.read_bytes()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="pages per corpus")
    args = parser.parse_args()
    sources: Counter[str] = Counter()
    languages: Counter[str] = Counter()
    overruled, kept_against, refused = [], [], 0
    seconds = 0.0
    for name, data in pages(args.limit):
        try:
            article = read_bytes(data, name=name)
        except AccessnewsError:
            refused += 1
            continue
        started = time.perf_counter()
        article = prepare(article)
        seconds += time.perf_counter() - started
        evidence = article.language_evidence
        assert evidence is not None
        sources[evidence.source] += 1
        languages[primary(article.language)] += 1
        line = f"  {name}: declared {evidence.declared}, text {evidence.detected} "
        line += f"({evidence.confidence or 0:.2f}) -> {article.language}"
        if evidence.source == "detected" and evidence.declared:
            overruled.append(line)
        elif (
            evidence.detected
            and evidence.declared
            and evidence.detected != primary(evidence.declared)
        ):
            kept_against.append(line)
    total = sum(sources.values())
    print(f"{total} pages prepared, {refused} refused by the reader")
    print("how the language was chosen: " + ", ".join(f"{k} {v}" for k, v in sources.items()))
    print("languages: " + ", ".join(f"{k} {v}" for k, v in languages.most_common()))
    print(f"prepare (clean + identify) mean {1000 * seconds / max(total, 1):.1f} ms per page")
    print(f"declared tag overruled by the text ({len(overruled)}):", *overruled, sep="\n")
    print(f"text disagrees, tag kept ({len(kept_against)}):", *kept_against, sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
