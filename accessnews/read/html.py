"""HTML pages of news sites to an Article: metadata, the article element, then its blocks.

lxml parses the page once and everything works on that tree: metadata, chrome, finding the
article, then the walk of the article element into blocks. Everything removed that had
visible text is recorded in the audit trail.
"""

from __future__ import annotations

import re

import lxml.html
from lxml.etree import ParserError

from ..errors import InputError
from ..model import Article, Block, ListBlock, Paragraph, Quote, spans_of
from .detect import decode, refuse_non_text
from .html_blocks import read_blocks
from .html_chrome import outside, strip_chrome, strip_invisible
from .html_content import find_content
from .html_header import read_header
from .html_meta import page_meta
from .html_signal import extract_text, locate
from .language import guess_language

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Characters XML (and so lxml) cannot hold; they are invisible control codes in a page.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_BLOCKS = (Paragraph, Quote, ListBlock)


def parse_page(text: str, name: str) -> lxml.html.HtmlElement:
    """The page as an lxml document (lxml refuses str input with an XML encoding declaration)."""
    try:
        return lxml.html.document_fromstring(_NOT_XML.sub("", _XML_DECLARATION.sub("", text, 1)))
    except (ParserError, ValueError) as error:
        raise InputError(f"{name}: not a readable HTML page ({error})") from None


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
    page_html = decode(data, name)
    doc = parse_page(page_html, name)
    page = page_meta(doc)
    body = doc.find("body")
    if body is None:
        raise InputError(f"{name}: no article text found (the page has no body)")
    signal = locate(body, extract_text(page_html))
    dropped = strip_invisible(body)
    dropped += strip_chrome(body, signal)
    root = find_content(body, signal)
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
    text = " ".join(block.text for block in blocks)
    return Article(
        headline=header.headline,
        blocks=tuple(blocks),
        standfirst=_unless_repeated(header.standfirst, blocks),
        bylines=header.bylines,
        published=header.published,
        publication=page.publication,
        language=page.language or guess_language(text),
        source=name,
        dropped=(*dropped, *more),
    )
