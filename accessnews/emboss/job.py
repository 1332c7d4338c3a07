"""An embosser job: braille read from a BRF, a PEF or an article, checked against the paper, and
the exact bytes the embosser gets (the model's setup string, then the pages)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..braille.brf import brf_of_rows
from ..braille.cells import BRAILLE_ASCII, to_ascii
from ..braille.pef import PEF_NS
from ..errors import InputError, UsageError
from .profiles import Profile

# BRF bytes: printable ASCII (some BRF writers use lower case), CR, LF, FF.
_BRF_BYTES = frozenset(range(0x20, 0x7F)) | {0x0D, 0x0A, 0x0C}
_SIX_DOT = frozenset(BRAILLE_ASCII)


@dataclass(frozen=True)
class Braille:
    """Braille ready to emboss: the BRF bytes and, for checking the paper, their pages' rows."""

    name: str
    brf: bytes
    pages: tuple[tuple[bytes, ...], ...]


def read_brf(data: bytes, name: str) -> Braille:
    """A BRF file as it is: its bytes are what the embosser gets."""
    bad = sorted(set(data) - _BRF_BYTES)
    if bad:
        raise InputError(f"{name} is not a BRF file: it holds byte 0x{bad[0]:02X}")
    chunks = data.split(b"\f")
    if not chunks[-1].strip(b"\r\n"):
        chunks.pop()  # what follows the last form feed is no page
    if not chunks:
        raise InputError(f"{name} is empty: no braille to emboss")
    pages = tuple(tuple(chunk.splitlines()) for chunk in chunks)
    return Braille(name, data, pages)


def read_pef(data: bytes, name: str) -> Braille:
    """A PEF's pages, every volume and section in order, as BRF (six-dot braille only)."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise InputError(f"{name} is not a PEF file: {error}") from None
    if root.tag != f"{{{PEF_NS}}}pef":
        raise InputError(f"{name} is not a PEF file: its root element is not pef")
    pages = []
    for page in root.iter(f"{{{PEF_NS}}}page"):
        rows = [to_ascii(row.text or "") for row in page.iter(f"{{{PEF_NS}}}row")]
        if any(set(row) - _SIX_DOT for row in rows):
            raise InputError(f"{name} holds cells that are not six-dot braille: cannot emboss")
        pages.append(rows)
    return read_brf(brf_of_rows(pages), name)


def render_article(source: str, profile: Profile, interpoint: bool) -> Braille:
    """An article brailled for the profile's paper, as `render --embosser` would write it."""
    from ..braille.writer import BrailleOptions, BrailleWriter
    from ..pipeline import load_article

    article = load_article(source)
    options = BrailleOptions(
        cells=profile.paper.cells, lines=profile.paper.lines, interpoint=interpoint
    )
    with tempfile.TemporaryDirectory() as folder, BrailleWriter(options) as writer:
        writer.write(article, Path(folder), "article")
        return read_brf((Path(folder) / "article.brf").read_bytes(), source)


def load(source: str, profile: Profile, interpoint: bool) -> Braille:
    """The braille of a .brf or .pef file, or of an article (any other file or URL)."""
    suffix = Path(source).suffix.lower()
    if suffix not in (".brf", ".pef"):
        return render_article(source, profile, interpoint)
    try:
        data = Path(source).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {source}: {error.strerror}") from None
    return read_brf(data, source) if suffix == ".brf" else read_pef(data, source)


def check_fits(braille: Braille, profile: Profile) -> None:
    """Refuse braille the paper cannot hold, rather than let the embosser wrap or cut it."""
    paper = profile.paper
    widest = max((len(row) for page in braille.pages for row in page), default=0)
    longest = max((len(page) for page in braille.pages), default=0)
    if widest > paper.cells or longest > paper.lines:
        raise UsageError(
            f"{braille.name} has pages of up to {widest} cells x {longest} lines; "
            f"{profile.name}:{paper.name} takes {paper.cells}x{paper.lines}: render it with "
            f"--embosser {profile.name}:{paper.name}"
        )


def job_bytes(braille: Braille, profile: Profile, interpoint: bool) -> bytes:
    """What the embosser receives: the setup string, then the BRF (its own bytes where the
    model takes form feeds; else every page padded to the paper's lines, no form feed)."""
    check_fits(braille, profile)
    if profile.form_feed:
        body = braille.brf
    else:
        lines = profile.paper.lines
        body = b"".join(
            b"".join(row + b"\r\n" for row in (*page, *[b""] * (lines - len(page))))
            for page in braille.pages
        )
    return profile.setup_bytes(interpoint) + body
