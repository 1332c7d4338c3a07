"""DAISY 2.02 full-text, full-audio books: `STEM.daisy/` with ncc.html, the text (XHTML 1.0 with
an id on every sentence), one SMIL 1.0 file per article with a `par` per sentence, and the MP3.

Built from the narration's timeline: the NCC lists the headline (h1, class "title") and every
heading of the article one level below (levels never skip, as the NCC requires); each entry
links to the `par` of the heading's first sentence. An edition is the same book with several
articles, each at level 1 with its own text, SMIL and audio files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from .. import __version__
from ..fileio import atomic_folder
from ..model import Article, Heading
from ..speech.serialise import AudioJob
from .encoded import EncodingSerialiser
from .epub import identifier
from .sync import Synced, clock

FORMAT = "Daisy 2.02"
XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
SMIL_DOCTYPE = (
    '<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">'
)
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
BOOK_SUFFIX = ".daisy"
FIRST = "a001"  # an article's files: FIRST.html, FIRST.smil, FIRST.mp3 (editions count on)
FILES_PER_ARTICLE = 3


@dataclass(frozen=True)
class Part:
    """One article of a book: its files are NAME.html, NAME.smil and NAME.mp3."""

    name: str
    article: Article
    synced: Synced
    audio: bytes  # the MP3


@dataclass(frozen=True)
class BookInfo:
    title: str
    identifier: str
    language: str
    creator: str
    publisher: str
    date: str  # yyyy-mm-dd


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{escape(content)}" />'


def _xhtml(title: str, language: str, head: Sequence[str], body: Sequence[str]) -> str:
    lines = [
        XML_DECLARATION,
        XHTML_DOCTYPE,
        f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{language}" xml:lang="{language}">',
        "<head>",
        '<meta http-equiv="Content-type" content="text/html; charset=utf-8" />',
        f"<title>{escape(title, quote=False)}</title>",
        *head,
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def _smil(part: Part, info: BookInfo, elapsed_ms: int) -> str:
    pars = [
        f'<par endsync="last" id="p-{c.sentence_id}">'
        f'<text src="{part.name}.html#{c.target}" id="t-{c.sentence_id}" />'
        f'<audio src="{part.name}.mp3" clip-begin="npt={c.begin_ms / 1000:.3f}s" '
        f'clip-end="npt={c.end_ms / 1000:.3f}s" id="a-{c.sentence_id}" /></par>'
        for c in part.synced.clips
    ]
    head = [
        _meta("dc:format", FORMAT),
        _meta("dc:identifier", info.identifier),
        _meta("dc:title", part.article.headline),
        _meta("ncc:generator", f"accessnews {__version__}"),
        _meta("ncc:totalElapsedTime", clock(elapsed_ms)),
        _meta("ncc:timeInThisSmil", clock(part.synced.duration_ms)),
        '<layout><region id="txtView" /></layout>',
    ]
    lines = [
        XML_DECLARATION,
        SMIL_DOCTYPE,
        "<smil>",
        "<head>",
        *head,
        "</head>",
        "<body>",
        f'<seq dur="{part.synced.duration_ms / 1000:.3f}s">',
        *pars,
        "</seq>",
        "</body>",
        "</smil>",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class NccEntry:
    level: int
    text: str
    href: str  # "a001.smil#p-SENTENCE": the par of the heading's first sentence


def _entries(part: Part) -> list[NccEntry]:
    """The NCC entries of one article: the headline at level 1, its headings below it, each at
    most one level deeper than the entry before it."""
    smil = f"{part.name}.smil#p-"
    headline = part.synced.first_clip("meta-headline").sentence_id
    entries = [NccEntry(1, part.article.headline, smil + headline)]
    for block in part.article.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level - 1, 2), entries[-1].level + 1, 6)
            clip = part.synced.first_clip(block.id)
            entries.append(NccEntry(level, block.text, smil + clip.sentence_id))
    return entries


def ncc_document(entries: Sequence[NccEntry], info: BookInfo, files: int, total_ms: int) -> str:
    """ncc.html: the book's metadata and its entries (the first one is the title)."""
    body = []
    for n, entry in enumerate(entries, start=1):
        title = ' class="title"' if n == 1 else ""
        body.append(
            f'<h{entry.level}{title} id="ncc{n}"><a href="{entry.href}">'
            f"{escape(entry.text, quote=False)}</a></h{entry.level}>"
        )
    head = [
        _meta("dc:title", info.title),
        _meta("dc:creator", info.creator),
        _meta("dc:date", info.date),
        _meta("dc:format", FORMAT),
        _meta("dc:identifier", info.identifier),
        _meta("dc:language", info.language),
        _meta("dc:publisher", info.publisher),
        _meta("ncc:charset", "utf-8"),
        _meta("ncc:generator", f"accessnews {__version__}"),
        _meta("ncc:narrator", "speech synthesis (espeak-ng)"),
        _meta("ncc:multimediaType", "audioFullText"),
        _meta("ncc:setInfo", "1 of 1"),
        _meta("ncc:totalTime", clock(total_ms)[:8]),
        _meta("ncc:depth", str(max(entry.level for entry in entries))),
        _meta("ncc:tocItems", str(len(entries))),
        _meta("ncc:files", str(files)),
        _meta("ncc:pageFront", "0"),
        _meta("ncc:pageNormal", "0"),
        _meta("ncc:pageSpecial", "0"),
        _meta("ncc:maxPageNormal", "0"),
    ]
    return _xhtml(info.title, info.language, head, body)


def _text(part: Part, language: str) -> str:
    return _xhtml(part.article.headline, language, [], part.synced.elements)


def book_info(article: Article, identifier: str) -> BookInfo:
    """The Dublin Core of an article's book (creator: the bylines, else the publication)."""
    publisher = article.publication or "accessnews"
    creator = ", ".join(article.bylines) or publisher
    published = (article.published or "")[:10] or date.today().isoformat()
    return BookInfo(article.headline, identifier, article.language, creator, publisher, published)


def write_book(target: Path, part: Part, info: BookInfo) -> list[Path]:
    """Write one article's book into folder `target` (replaced whole, atomically)."""
    with atomic_folder(target) as folder:
        (folder / f"{part.name}.mp3").write_bytes(part.audio)
        (folder / f"{part.name}.smil").write_text(_smil(part, info, 0), "utf-8")
        (folder / f"{part.name}.html").write_text(_text(part, info.language), "utf-8")
        ncc = ncc_document(_entries(part), info, FILES_PER_ARTICLE + 1, part.synced.duration_ms)
        (folder / "ncc.html").write_text(ncc, "utf-8")
    return sorted(target.iterdir())


class DaisySerialiser(EncodingSerialiser):
    html5 = False

    def write(self, text: Synced, audio: bytes) -> list[Path]:
        job = self.job
        info = book_info(job.article, identifier(job.article, job.stem))
        part = Part(FIRST, job.article, text, audio)
        return write_book(job.outdir / f"{job.stem}{BOOK_SUFFIX}", part, info)


def serialiser(job: AudioJob) -> DaisySerialiser:
    return DaisySerialiser(job)
