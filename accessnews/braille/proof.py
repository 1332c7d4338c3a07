"""The proof for sighted transcribers: one self-contained HTML file with every braille page as it
will emboss (line by line, as simulated dots and as Braille ASCII) beside the print text of the
block each line comes from, transcriber's notes marked and self-check mismatches highlighted.

No JavaScript and no external resources; real headings, a table per page with header cells, and
lang attributes (the braille columns are `LANG-Brai`), so the proof is itself accessible.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from .cells import to_unicode
from .layout import Group, Line, Page
from .selfcheck import Difference

STYLE = """
body { font-family: sans-serif; margin: 1em; }
table { border-collapse: collapse; margin-bottom: 2em; }
th, td { border: 1px solid #999; padding: 0 .4em; vertical-align: top; }
td.dots, td.ascii { font-family: "DejaVu Sans Mono", monospace; white-space: pre; }
td.dots { font-size: 1.2em; line-height: 1.2; }
td.num { text-align: right; color: #555; }
tr.note td.dots, tr.note td.ascii { background: #e8f0ff; }
tr.mismatch td { background: #ffe3e3; }
tr.furniture td.ascii { color: #555; }
td.print { min-width: 18em; white-space: normal; }
.label { font-weight: bold; }
"""


@dataclass(frozen=True)
class ProofText:
    """The print side of a proof: the print text of each block id, and the self-check's
    differences (empty where the table is not checked)."""

    title: str
    language: str
    prints: Mapping[str, str]
    differences: Sequence[Difference] = ()
    summary: str = ""


def prints_of(groups: Sequence[Group]) -> dict[str, str]:
    """The print text of every group, by its block id."""
    return {
        group.source: " ".join(para.print for para in group.paras if para.print) for group in groups
    }


def _runs(lines: Sequence[Line]) -> Iterator[tuple[str | None, list[Line]]]:
    """Consecutive lines of one block (or of page furniture), in order."""
    run: list[Line] = []
    for line in lines:
        if run and line.source != run[0].source:
            yield run[0].source, run
            run = []
        run.append(line)
    if run:
        yield run[0].source, run


def _page_label(page: Page) -> str:
    """The braille page number as embossed on the page (none on an unnumbered page)."""
    return next((line.text.strip() for line in page.lines if line.kind == "number"), "")


def _print_cell(source: str, lines: list[Line], text: ProofText, anchor: bool) -> str:
    """The print text of a block beside its lines; the block's first cell carries its id."""
    parts = []
    if any(line.kind == "note" for line in lines):
        parts.append('<span class="label">Transcriber\'s note:</span> ')
    parts.append(escape(text.prints.get(source, "")))
    for difference in (d for d in text.differences if d.source == source):
        parts.append(
            f'<br><span class="label">Self-check:</span> print '
            f"“{escape(difference.expected)}” reads back as “{escape(difference.got)}”"
        )
    ident = f' id="{escape(source)}"' if anchor else ""
    return f'<td class="print" rowspan="{len(lines)}"{ident}>{"".join(parts)}</td>'


def _attributes(**values: str | None) -> str:
    return "".join(f' {name}="{escape(value)}"' for name, value in values.items() if value)


def _page_table(
    page: Page, text: ProofText, brai: str, anchored: set[str], level: int, ident: str
) -> str:
    mismatched = {difference.source for difference in text.differences}
    label = _page_label(page)
    heading = f"Braille page {page.number}" + (f" (numbered {escape(label)})" if label else "")
    rows: list[str] = []
    for source, lines in _runs(page.lines):
        for index, line in enumerate(lines):
            kinds = (
                "note" if line.kind == "note" else "",
                "mismatch" if source in mismatched else "",
                "furniture" if source is None else "",
            )
            cells = [
                f'<td class="num">{len(rows) + 1}</td>',
                f'<td class="dots" lang="{brai}">{to_unicode(line.text)}</td>',
                f'<td class="ascii" lang="{brai}">{escape(line.text)}</td>',
            ]
            if index == 0 and source is not None:
                cells.append(_print_cell(source, lines, text, source not in anchored))
                anchored.add(source)
            elif index == 0:
                cells.append(f'<td class="print" rowspan="{len(lines)}"></td>')
            classes = " ".join(kind for kind in kinds if kind)
            rows.append(f"<tr{_attributes(**{'class': classes, 'data-block': source})}>")
            rows[-1] += "".join(cells) + "</tr>"
    return (
        f'<section class="page" id="{ident}" aria-labelledby="h-{ident}">'
        f'<h{level} id="h-{ident}">{heading}</h{level}>'
        '<table><thead><tr><th scope="col">Line</th><th scope="col">Braille</th>'
        '<th scope="col">Braille ASCII</th><th scope="col">Print</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def proof(pages: Sequence[Page], text: ProofText) -> str:
    """The proof document of one article's laid-out pages."""
    return proof_volumes([pages], text)


def proof_volumes(volumes: Sequence[Sequence[Page]], text: ProofText) -> str:
    """The proof document of braille volumes (each numbered from page 1): with several, each
    volume is an h2 and its pages h3."""
    language = escape(text.language or "und")
    brai = f"{language.split('-')[0]}-Brai"
    anchored: set[str] = set()
    several = len(volumes) > 1
    parts = []
    for number, pages in enumerate(volumes, start=1):
        prefix = f"volume-{number}-" if several else ""
        if several:
            parts.append(f'<h2 id="{prefix}heading">Volume {number}</h2>')
        parts += [
            _page_table(page, text, brai, anchored, 2 + several, f"{prefix}page-{page.number}")
            for page in pages
        ]
    count = sum(len(pages) for pages in volumes)
    summary = f"<p>{escape(text.summary)}</p>" if text.summary else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f"<title>Braille proof: {escape(text.title)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>Braille proof: {escape(text.title)}</h1>{summary}"
        f"<p>{count} braille pages. Each row is one embossed line; the print column shows "
        f"the text of the block the lines come from.</p>{''.join(parts)}</main></body></html>\n"
    )
