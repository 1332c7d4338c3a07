"""PEF 1.0 ("2008-1"): the same pages and rows as the BRF, in Unicode braille, with Dublin Core.

Metadata follows what DAISY Pipeline writes: dc:format and dc:identifier (required by the
schema), title, creator, language and date. Blank cells are U+2800, never an ASCII space.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ..dates import parse_date
from .cells import to_unicode
from .formats import published_date
from .layout import Page, PageSetup

PEF_NS = "http://www.daisy.org/ns/2008/pef"
DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class PefMeta:
    title: str
    creators: tuple[str, ...]
    language: str
    published: str | None
    identifier: str


def meta_date(published: str | None) -> str:
    """dc:date must be yyyy-mm-dd: the publication date when the model has one, else today."""
    return parse_date(published_date(published) or "") or date.today().isoformat()


def identifier(*parts: str) -> str:
    """A stable identifier from the article's content, so a re-render keeps it."""
    return "accessnews-" + hashlib.sha1("\0".join(parts).encode()).hexdigest()[:16]


def pef(pages: Sequence[Page], setup: PageSetup, meta: PefMeta) -> bytes:
    """The PEF document of laid-out pages, as UTF-8 bytes."""
    return pef_volumes([pages], setup, meta)


def pef_volumes(volumes: Sequence[Sequence[Page]], setup: PageSetup, meta: PefMeta) -> bytes:
    """The PEF document of braille volumes, one `volume` element each, as UTF-8 bytes."""
    root = etree.Element(f"{{{PEF_NS}}}pef", nsmap={None: PEF_NS, "dc": DC_NS}, version="2008-1")
    head_meta = etree.SubElement(etree.SubElement(root, f"{{{PEF_NS}}}head"), f"{{{PEF_NS}}}meta")
    fields = [("identifier", meta.identifier), ("format", "application/x-pef+xml")]
    fields += [("title", meta.title), *(("creator", name) for name in meta.creators)]
    fields += [("date", meta_date(meta.published)), ("language", meta.language)]
    for name, value in fields:
        etree.SubElement(head_meta, f"{{{DC_NS}}}{name}").text = value
    body = etree.SubElement(root, f"{{{PEF_NS}}}body")
    for pages in volumes:
        volume = etree.SubElement(
            body,
            f"{{{PEF_NS}}}volume",
            cols=str(setup.cells),
            rows=str(setup.lines),
            rowgap="0",
            duplex="true" if setup.interpoint else "false",
        )
        section = etree.SubElement(volume, f"{{{PEF_NS}}}section")
        for page in pages:
            page_element = etree.SubElement(section, f"{{{PEF_NS}}}page")
            for row in page.rows:
                etree.SubElement(page_element, f"{{{PEF_NS}}}row").text = to_unicode(row.rstrip())
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
