"""HTML pages of news sites to an Article: metadata, the article element, then its blocks.

lxml parses the page once and everything works on that tree: metadata, chrome, finding the
article, then the walk of the article element into blocks. Everything removed that had
visible text is recorded in the audit trail.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

from ...errors import InputError
from ...model import Article, Block, LanguageEvidence, ListBlock, Paragraph, Quote, spans_of
from ..detect import decode_repairing, refuse_non_text, repairs
from ..language import DEFAULT
from ..mojibake import repair_mojibake
from .blocks import read_blocks
from .chrome import outside, strip_chrome, strip_invisible
from .content import find_content, take_lead_figures
from .header import headline_element, read_header
from .meta import page_meta
from .signal import extract_text, locate
from .stream import place_streamed_parts

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters XML (and so lxml) cannot hold; they are invisible control codes in a page.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_BLOCKS = (Paragraph, Quote, ListBlock)
MAX_DEPTH = 256  # libxml2's nesting limit without XML_PARSE_HUGE (our tree walks recurse)
MAX_ELEMENTS = 100_000  # ~20x the largest real article page measured; ~16 s to read and clean
_LAYOUT_TAG = re.compile(r"</?(?:div|span|font|center)\b[^>]*>", re.I)


def parse_page(text: str, name: str) -> lxml.html.HtmlElement:
    """The page as an lxml document (lxml refuses str input with an XML encoding declaration).

    libxml2 stops reading at 256 levels of nesting, and everything deeper would be lost without
    a word; such a page is read again without its layout elements (div, span, font, center), which
    hold no text of their own. A page of more than MAX_ELEMENTS elements is refused before any
    walk over it, so time and memory stay bounded.
    """
    text = _NOT_XML.sub("", _XML_DECLARATION.sub("", text, 1))
    doc = _parse(text, name)
    if doc is None:
        doc = _parse(_LAYOUT_TAG.sub(" ", text), name)
    if doc is None:
        raise InputError(
            f"{name}: the page nests its elements more than {MAX_DEPTH} deep even without its "
            "layout elements (the HTML parser's limit)"
        )
    elements = sum(1 for _ in doc.iter())
    if elements > MAX_ELEMENTS:
        raise InputError(
            f"{name}: the page has {elements:,} HTML elements; the limit is {MAX_ELEMENTS:,} "
            "(the largest of 793 real article pages measured has 5,105)"
        )
    return doc


def _parse(text: str, name: str) -> lxml.html.HtmlElement | None:
    """The document, or None where the parser hit its nesting limit."""
    parser = lxml.html.HTMLParser()
    try:
        doc = lxml.html.document_fromstring(text, parser=parser)
    except (ParserError, ValueError) as error:
        raise InputError(f"{name}: not a readable HTML page ({error})") from None
    too_deep = any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)
    return None if too_deep else doc


def _script_only_body(body_text: str | None) -> list[Block]:
    """Paragraphs of JSON-LD `articleBody`, for pages whose visible text is drawn by scripts.

    Only when the page itself has no paragraphs: the markup carries figures, embeds and
    emphasis that the JSON text does not.
    """
    lines = (" ".join(line.split()) for line in (body_text or "").splitlines())
    return [Paragraph(spans_of(line)) for line in lines if line]


def _unless_repeated(standfirst: str | None, blocks: list[Block]) -> str | None:
    """No standfirst when it only repeats the first paragraph (a common og:description)."""
    first = next((b.text for b in blocks if isinstance(b, Paragraph)), "")
    if standfirst and first.startswith(standfirst.rstrip(" .…")):
        return None
    return standfirst


def read(data: bytes, *, name: str, base_url: str | None = None) -> Article:
    """Parse an HTML page; `base_url` (the page's address) makes relative links absolute."""
    refuse_non_text(data, name)
    page_html, repaired = decode_repairing(data, name)
    page_html, unmangled = repair_mojibake(page_html)
    doc = parse_page(page_html, name)
    page = page_meta(doc)
    body = doc.find("body")
    if body is None:
        raise InputError(f"{name}: no article text found (the page has no body)")
    place_streamed_parts(body)
    signal = locate(body, extract_text(page_html))
    dropped = strip_invisible(body)
    dropped += strip_chrome(body, signal)
    root = find_content(body, signal)
    take_lead_figures(root, headline_element(body, root, page))
    header = read_header(body, root, page, name)
    dropped += header.dropped
    dropped += outside(body, root)
    blocks, more = read_blocks(root, base_url or page.base_url)  # last: it takes `root` out
    if not any(isinstance(block, _TEXT_BLOCKS) for block in blocks):
        blocks += _script_only_body(page.body_text)
    if not any(isinstance(block, _TEXT_BLOCKS) for block in blocks):
        raise InputError(
            f"{name}: no article text found (no paragraphs outside menus and page chrome)"
        )
    return Article(
        headline=header.headline,
        blocks=tuple(blocks),
        standfirst=_unless_repeated(header.standfirst, blocks),
        bylines=header.bylines,
        published=header.published,
        publication=page.publication,
        language=page.language or DEFAULT,
        language_evidence=LanguageEvidence("declared", page.language),
        source=name,
        dropped=(*repairs(page_html, repaired), *unmangled, *dropped, *more),
    )
