"""How much of what accessnews' HTML reader keeps does trafilatura keep, on the HTML samples?

Measures the things this project needs from a page (captions, credits, embedded posts and their
attribution lines, headings, list items, paragraphs) and whether page chrome leaks in.
trafilatura is not a dependency; run in an environment that has it:

    pip install trafilatura lxml_html_clean && python benchmarks/compare_trafilatura.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from accessnews.model import Embed, Figure, Heading, ListBlock, Paragraph
from accessnews.read import read_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _flat(text: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def _kept(pieces: list[str], text: str) -> str:
    found = sum(_flat(piece) in text for piece in pieces)
    return f"{found}/{len(pieces)}"


def main() -> int:
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed; see the docstring", file=sys.stderr)
        return 2
    rows = []
    for path in sorted(SAMPLES.glob("1?-*.html")):
        data = path.read_bytes()
        ours = read_bytes(data, name=path.name)
        xml = trafilatura.extract(
            data, output_format="xml", include_images=True, include_formatting=True,
            include_links=True, include_tables=True, include_comments=False,
        ) or ""  # fmt: skip
        theirs = _flat(xml.replace("<lb/>", " "))
        blocks = ours.blocks
        figures = [b for b in blocks if isinstance(b, Figure)]
        lines = [line for b in blocks if isinstance(b, Embed) for line in b.text.split("\n")]
        items = [i for b in blocks if isinstance(b, ListBlock) for i in b.text.split("\n")]
        chrome = [d.text[:40] for d in ours.dropped if d.kind == "page chrome"]
        rows.append((
            path.name,
            _kept([b.text for b in blocks if isinstance(b, Paragraph)], theirs),
            _kept([b.text for b in blocks if isinstance(b, Heading)], theirs),
            _kept(items, theirs),
            _kept([f.text for f in figures], theirs),
            _kept([f.credit for f in figures if f.credit], theirs),
            _kept(lines, theirs),
            sum(_flat(c) in theirs for c in chrome),
        ))  # fmt: skip
    header = ("sample", "paragraphs", "headings", "list items", "captions", "credits",
              "embed lines", "chrome leaked")  # fmt: skip
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(cell) for cell in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
