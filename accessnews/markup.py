"""The model's text as (X)HTML elements, optionally with each sentence in an element of its own.

One place renders blocks and inline emphasis to markup for every text format that shows the
article: the feed's HTML transcript, the DAISY 2.02 text and the EPUB 3 content documents.
Talking books wrap each sentence in `<span id="SENTENCE">` so their SMIL files can point at it;
a sentence's span sits outside the emphasis, which is closed and reopened at its edges, so the
markup stays well nested whatever the two boundaries do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from .model import Block, Embed, Figure, Heading, Inlines, ListBlock, Paragraph, Quote, Span

# Links kept as links: a relative one (from a page saved to disk) resolves nowhere in a transcript
# or a book, so its text is kept without it.
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Mark:
    """A range [start, end) of a block's text (`Block.text`) to wrap in `<span id=...>`."""

    start: int
    end: int
    id: str


def _wrap(span: Span, text: str) -> str:
    html = escape(text, quote=False)
    if span.code:
        html = f"<code>{html}</code>"
    if span.italic:
        html = f"<em>{html}</em>"
    if span.bold:
        html = f"<strong>{html}</strong>"
    if span.link and span.link.startswith(LINK_SCHEMES):
        html = f'<a href="{escape(span.link)}">{html}</a>'
    return html


def inline(spans: Inlines, marks: Sequence[Mark] = (), offset: int = 0) -> str:
    """`spans` as markup; `marks` are in block-text positions, the spans starting at `offset`.

    A mark that started before these spans (a sentence across list items) is not wrapped again
    here, so that every id stays unique.
    """
    cuts = {offset}
    for span in spans:
        cuts.add(max(cuts) + len(span.text))
    end = max(cuts)
    cuts |= {edge for m in marks for edge in (m.start, m.end) if offset < edge < end}
    points = sorted(cuts)
    out: list[str] = []
    opened: Mark | None = None
    position = offset
    for span in spans:
        span_end = position + len(span.text)
        for start, stop in zip(points, points[1:], strict=False):
            if start < position or stop > span_end:
                continue
            mark = next((m for m in marks if m.start <= start < m.end), None)
            if mark is not opened:
                out.append("</span>" if opened is not None else "")
                opened = mark if mark is not None and mark.start >= offset else None
                out.append(f'<span id="{escape(opened.id)}">' if opened is not None else "")
            out.append(_wrap(span, span.text[start - position : stop - position]))
        position = span_end
    return "".join(out) + ("</span>" if opened is not None else "")


def block(block: Block, marks: Sequence[Mark] = (), html5: bool = True, picture: str = "") -> str:
    """One block as an element whose id is the block id (headings keep their level); `html5`
    False keeps to XHTML 1.0 (DAISY 2.02), which has no <figure>. `picture` is the article
    language's word for a picture ("Image"): an uncaptioned figure shows it alone, as the
    narration says it."""
    ident = f' id="{escape(block.id)}"' if block.id else ""
    match block:
        case Heading():
            level = min(max(block.level, 1), 6)
            return f"<h{level}{ident}>{inline(block.spans, marks)}</h{level}>"
        case Paragraph():
            return f"<p{ident}>{inline(block.spans, marks)}</p>"
        case Quote():
            cite = f"<p>— {escape(block.cite, quote=False)}</p>" if block.cite else ""
            return f"<blockquote{ident}><p>{inline(block.spans, marks)}</p>{cite}</blockquote>"
        case ListBlock():
            tag = "ol" if block.ordered else "ul"
            items, offset = [], 0
            for item in block.items:
                items.append(f"<li>{inline(item, marks, offset)}</li>")
                offset += sum(len(span.text) for span in item) + 1  # "\n" between items
            return f"<{tag}{ident}>{''.join(items)}</{tag}>"
        case Figure():
            if block.caption:
                spans = ((Span(f"{block.label}: "),) if block.label else ()) + block.caption
            else:
                spans = (Span(block.label or picture),)
            caption = inline(spans, marks)
            if html5:
                return f"<figure{ident}><figcaption>{caption}</figcaption></figure>"
            return f'<div class="figure"{ident}><p class="caption">{caption}</p></div>'
        case Embed():
            who = block.author or (f"@{block.handle}" if block.handle else block.platform)
            posted = escape(f"{who} ({block.platform})", quote=False)
            return (
                f'<blockquote class="embed"{ident}><p>{inline(block.text_spans, marks)}</p>'
                f"<p>— {posted}</p></blockquote>"
            )
    raise TypeError(f"no markup for {type(block).__name__}")
