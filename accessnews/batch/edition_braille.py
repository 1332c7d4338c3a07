"""The edition in braille: a contents page, then every article starting on a new page.

Articles are laid out by the braille module's own functions (groups, pagination, BRF and PEF
serialisers) with page numbers continuing through the edition; the contents page lists each
headline with guide dots and the braille page number where the article starts (BANA 2016, 4.3).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..braille.brf import brf
from ..braille.formats import article_groups
from ..braille.labels import labels_for
from ..braille.layout import (
    BLANK,
    NUMBER_GAP,
    Group,
    Page,
    PageSetup,
    Para,
    paginate,
    wrap,
)
from ..braille.pef import PefMeta, identifier, pef
from ..braille.proof import ProofText, prints_of, proof
from ..braille.tables import table_for
from ..braille.translate import Translator
from ..braille.writer import BrailleOptions, page_setup, style_for
from ..fileio import write_atomic
from ..model import Article

GUIDE_DOT = '"'  # dot 5 in Braille ASCII: the guide dots leading to a contents page number
RUNOVER = 3  # contents entries are 1-3 paragraphs
Label = Callable[[int], str]


@dataclass(frozen=True)
class BrailleEdition:
    files: list[Path]
    pages: int
    starts: tuple[int, ...]  # the page each article starts on


class _Tables:
    """One Translator per table, shared by every article of the edition."""

    def __init__(self, table: str | None) -> None:
        self.table = table
        self._open: dict[str, Translator] = {}

    def for_language(self, language: str) -> Translator:
        name = table_for(self.table, language)
        if name not in self._open:
            self._open[name] = Translator(name)
        return self._open[name]


def _entry(source: str, headline: str, number: str, cells: int) -> Group:
    """A contents entry: the headline, guide dots, and the page number at the right margin."""
    rows = wrap(
        headline, cells - NUMBER_GAP - len(number), cells - RUNOVER + 1 - NUMBER_GAP - len(number)
    )
    indent = 0 if len(rows) == 1 else RUNOVER - 1
    fill = cells - indent - len(rows[-1]) - 2 - len(number)
    if fill >= 1:
        rows[-1] = f"{rows[-1]} {GUIDE_DOT * fill} {number}"
    else:
        rows.append(f"{GUIDE_DOT * (cells - RUNOVER - len(number))} {number}")
    paras = tuple(Para(row, headline, 1 if i == 0 else RUNOVER) for i, row in enumerate(rows))
    return Group(source, paras)


def _pad_to_odd(pages: list[Page], interpoint: bool) -> None:
    """On two-sided paper an article starts on a right-hand (odd) page."""
    if interpoint and len(pages) % 2 == 1:
        pages.append(Page(len(pages) + 1, (BLANK,)))  # a blank left-hand page


@dataclass(frozen=True)
class _Laid:
    """One article ready to paginate: its groups and page setup, and how many pages it takes."""

    headline: str  # in braille, for the contents
    groups: list[Group]
    setup: PageSetup
    pages: int


def _starts(laid: Sequence[_Laid], contents_pages: int, interpoint: bool) -> list[int]:
    """The page each article starts on, after `contents_pages` pages of contents."""
    starts, count = [], contents_pages
    for article in laid:
        count += count % 2 if interpoint else 0
        starts.append(count + 1)
        count += article.pages
    return starts


def _contents(
    title: Para | None, laid: Sequence[_Laid], starts: Sequence[int], setup: PageSetup, label: Label
) -> tuple[Page, ...]:
    """The contents pages: `title` (none in a language without labels) and the headlines are
    braille already."""
    heading = [Group("contents", (title,), blank_after=True)] if title else []
    entries = [
        _entry(f"contents-{n}", article.headline, label(start), setup.cells)
        for n, (article, start) in enumerate(zip(laid, starts, strict=True))
    ]
    return paginate([*heading, *entries], setup, label)


def braille_edition(
    articles: Sequence[Article], outdir: Path, title: str, options: BrailleOptions
) -> BrailleEdition:
    """Write edition.brf, edition.pef and (unless left out) edition.proof.html into `outdir`."""
    tables = _Tables(options.table)
    main = tables.for_language(articles[0].language)

    def label(n: int) -> str:
        return main.number(n)

    def label_from(start: int) -> Callable[[int], str]:
        """Labels of an article's pages numbered from 1 when it starts on edition page `start`."""
        return lambda n: label(n + start - 1)

    laid = []
    for article in articles:
        translator = tables.for_language(article.language)
        setup = page_setup(options, translator, article.headline)
        groups = article_groups(article, style_for(translator, article.language))
        pages = len(paginate(groups, setup, label))
        laid.append(_Laid(translator.translate_text(article.headline), groups, setup, pages))
    plain = page_setup(options, main, "")  # the contents pages have no running head
    word = labels_for(articles[0].language).contents
    contents_title = Para(main.translate_text(word), word, centred=True) if word else None
    guess = 1
    while True:  # the contents' length moves the start pages, which can change its length
        starts = _starts(laid, guess, options.interpoint)
        contents = _contents(contents_title, laid, starts, plain, label)
        if len(contents) == guess:
            break
        guess = len(contents)
    edition = list(contents)
    for item, start in zip(laid, starts, strict=True):
        _pad_to_odd(edition, options.interpoint)
        item_pages = paginate(item.groups, item.setup, label_from(start))
        edition.extend(Page(p.number + start - 1, p.lines) for p in item_pages)
    meta = PefMeta(
        title=title,
        creators=(),
        language=articles[0].language,
        published=None,
        identifier=identifier(title, *(a.headline for a in articles)),
    )
    files = [outdir / "edition.brf", outdir / "edition.pef"]
    write_atomic(files[0], brf(edition))
    write_atomic(files[1], pef(edition, plain, meta))
    if options.proof:
        prints = {"contents": word or ""}
        prints.update((f"contents-{n}", a.headline) for n, a in enumerate(articles))
        for item in laid:
            prints.update(prints_of(item.groups))
        summary = f"{len(articles)} articles, {len(edition)} braille pages"
        files.append(outdir / "edition.proof.html")
        write_atomic(
            files[2], proof(edition, ProofText(title, articles[0].language, prints, (), summary))
        )
    return BrailleEdition(files, len(edition), tuple(starts))
