"""EPUB 3 with Media Overlays: `STEM.epub`, the article's text read aloud with each sentence
highlighted as it is spoken.

One XHTML content document (an id on every sentence), a navigation document (the headline and
the article's headings), one SMIL 3.0 overlay with a `par` per sentence pointing at the narration
MP3, and the package document with `media:duration` for the overlay and in total. Checked with
EPUBCheck in the tests (0 errors, 0 warnings).
"""

from __future__ import annotations

import uuid
import zipfile
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from .. import __version__
from ..fileio import atomic_path
from ..model import Article, Heading
from ..speech.serialise import AudioJob
from .encoded import EncodingSerialiser
from .sync import Synced, clock

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"""
XHTML_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
    'lang="{lang}" xml:lang="{lang}">\n<head>\n<meta charset="utf-8"/>\n<title>{title}</title>\n'
    '<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n'
)
# The class reading systems put on the sentence being read (media:active-class).
ACTIVE_CLASS = "-epub-media-overlay-active"
STYLE = f".{ACTIVE_CLASS} {{ background-color: #ffe36e; color: #000; }}\n"
# Book identifiers: a UUID (v5) of the article's source, stable across renders.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://accessnews.invalid/epub")


def identifier(article: Article, stem: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, article.source or stem)}"


def _page(title: str, language: str, body: str) -> str:
    head = XHTML_OPEN.format(lang=escape(language), title=escape(title, quote=False))
    return f"{head}<body>\n{body}\n</body>\n</html>\n"


def _nav(article: Article) -> str:
    """The table of contents: the headline, and the article's headings under it."""
    items = [
        f'<li><a href="text.xhtml#{b.id}">{escape(b.text, quote=False)}</a></li>'
        for b in article.blocks
        if isinstance(b, Heading)
    ]
    inner = f"<ol>{''.join(items)}</ol>" if items else ""
    headline = escape(article.headline, quote=False)
    toc = (
        f'<nav epub:type="toc" id="toc"><h1>{headline}</h1><ol><li>'
        f'<a href="text.xhtml#meta-headline">{headline}</a>{inner}</li></ol></nav>'
    )
    return _page(article.headline, article.language, toc)


def _overlay(synced: Synced) -> str:
    pars = "\n".join(
        f'<par id="p-{c.sentence_id}"><text src="text.xhtml#{c.target}"/><audio src="audio.mp3" '
        f'clipBegin="{clock(c.begin_ms)}" clipEnd="{clock(c.end_ms)}"/></par>'
        for c in synced.clips
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'version="3.0">\n<body>\n{pars}\n</body>\n</smil>\n'
    )


def _package(article: Article, book_id: str, synced: Synced) -> str:
    modified = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    creators = "".join(
        f"<dc:creator>{escape(name, quote=False)}</dc:creator>" for name in article.bylines
    )
    date = f"<dc:date>{article.published[:10]}</dc:date>" if article.published else ""
    publisher = (
        f"<dc:publisher>{escape(article.publication, quote=False)}</dc:publisher>"
        if article.publication
        else ""
    )
    duration = clock(synced.duration_ms)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id"
 xml:lang="{escape(article.language)}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="pub-id">{book_id}</dc:identifier>
<dc:title>{escape(article.headline, quote=False)}</dc:title>
<dc:language>{escape(article.language, quote=False)}</dc:language>
{creators}{publisher}{date}
<meta property="dcterms:modified">{modified}</meta>
<meta property="media:duration" refines="#overlay">{duration}</meta>
<meta property="media:duration">{duration}</meta>
<meta property="media:narrator">espeak-ng</meta>
<meta property="media:active-class">{ACTIVE_CLASS}</meta>
<meta name="generator" content="accessnews {__version__}"/>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="text" href="text.xhtml" media-type="application/xhtml+xml" media-overlay="overlay"/>
<item id="overlay" href="text.smil" media-type="application/smil+xml"/>
<item id="audio" href="audio.mp3" media-type="audio/mpeg"/>
<item id="style" href="style.css" media-type="text/css"/>
</manifest>
<spine>
<itemref idref="text"/>
</spine>
</package>
"""


def write_epub(target: Path, article: Article, synced: Synced, audio: bytes, book_id: str) -> None:
    """The EPUB zip (mimetype first and stored, as OCF requires), written atomically."""
    text = _page(article.headline, article.language, "\n".join(synced.elements))
    members = {
        "META-INF/container.xml": CONTAINER,
        "EPUB/package.opf": _package(article, book_id, synced),
        "EPUB/nav.xhtml": _nav(article),
        "EPUB/text.xhtml": text,
        "EPUB/text.smil": _overlay(synced),
        "EPUB/style.css": STYLE,
    }
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        for name, content in members.items():
            book.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("EPUB/audio.mp3", audio, compress_type=zipfile.ZIP_STORED)


class EpubSerialiser(EncodingSerialiser):
    def write(self, text: Synced, audio: bytes) -> list[Path]:
        job = self.job
        target = job.outdir / f"{job.stem}.epub"
        write_epub(target, job.article, text, audio, identifier(job.article, job.stem))
        return [target]


def serialiser(job: AudioJob) -> EpubSerialiser:
    return EpubSerialiser(job)
