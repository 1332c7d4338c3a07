"""The DAISY edition: every article's book joined into `edition.daisy/`, articles at level 1
and their sections at level 2, without synthesising or encoding anything again.

Each article's text, SMIL and MP3 are copied under the article's number (a001, a002 ...), its
SMIL pointed at the renamed files and given its place in the book (ncc:totalElapsedTime), and
one NCC lists the headlines and headings of all of them.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..errors import RenderError
from ..fileio import atomic_folder
from .daisy import FILES_PER_ARTICLE, FIRST, BookInfo, NccEntry, ncc_document
from .sync import clock

EDITION_NAME = "edition.daisy"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_HEADING = re.compile(rf"{re.escape(_XHTML)}h([1-6])")


def _meta_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf'(<meta name="{re.escape(name)}" content=")[^"]*(")')


def _entries(ncc: Path, name: str) -> tuple[list[NccEntry], dict[str, str]]:
    """An article book's NCC entries, pointed at its files' new `name`; and its metadata."""
    root = ET.parse(ncc).getroot()
    metas = {m.get("name", ""): m.get("content", "") for m in root.iter(f"{_XHTML}meta")}
    body = root.find(f"{_XHTML}body")
    entries = []
    for element in body if body is not None else []:
        match = _HEADING.fullmatch(element.tag)
        link = element.find(f"{_XHTML}a")
        if match and link is not None:
            href = link.get("href", "").replace(f"{FIRST}.", f"{name}.", 1)
            entries.append(NccEntry(int(match.group(1)), "".join(link.itertext()), href))
    return entries, metas


def daisy_edition(books: Sequence[Path], target: Path, title: str, identifier: str) -> list[Path]:
    """Join article books (STEM.daisy folders, in order) into one book at `target`."""
    entries: list[NccEntry] = []
    languages: list[str] = []
    elapsed = 0
    with atomic_folder(target) as folder:
        for number, book in enumerate(books, start=1):
            name = f"a{number:03d}"
            if not (book / "ncc.html").is_file():
                raise RenderError(f"edition: {book} is not a DAISY book (no ncc.html)")
            found, metas = _entries(book / "ncc.html", name)
            entries += found
            languages.append(metas.get("dc:language", ""))
            shutil.copyfile(book / f"{FIRST}.mp3", folder / f"{name}.mp3")
            shutil.copyfile(book / f"{FIRST}.html", folder / f"{name}.html")
            smil = (book / f"{FIRST}.smil").read_text(encoding="utf-8")
            smil = smil.replace(f'src="{FIRST}.', f'src="{name}.')
            smil = _meta_pattern("ncc:totalElapsedTime").sub(rf"\g<1>{clock(elapsed)}\2", smil)
            smil = _meta_pattern("dc:identifier").sub(rf"\g<1>{identifier}\2", smil)
            (folder / f"{name}.smil").write_text(smil, encoding="utf-8")
            in_smil = re.search(r'<seq dur="([\d.]+)s"', smil)
            elapsed += round(float(in_smil.group(1)) * 1000) if in_smil else 0
        language = max(set(languages), key=languages.count)
        info = BookInfo(title, identifier, language, title, title, date.today().isoformat())
        files = 1 + FILES_PER_ARTICLE * len(books)
        (folder / "ncc.html").write_text(ncc_document(entries, info, files, elapsed), "utf-8")
    return sorted(target.iterdir())
