"""The edition in braille: a contents page, then every article starting on a new page.

Articles are laid out by the braille module's own functions (groups, pagination, BRF and PEF
serialisers) with page numbers continuing through the edition; the contents page lists each
headline with guide dots and the braille page number where the article starts (BANA 2016, 4.3).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..fileio import write_atomic
from ..model import Article
from .brf import brf
from .formats import article_groups
from .labels import labels_for
from .layout import (
    BLANK,
    NUMBER_GAP,
    Group,
    Page,
    PageSetup,
    Para,
    paginate,
    wrap,
)
from .pef import PefMeta, identifier, pef_volumes
from .proof import ProofText, prints_of, proof_volumes
from .tables import table_for
from .translate import Translator
from .writer import BRAILLE_FORMATS, BrailleOptions, page_setup, style_for

GUIDE_DOT = '"'  # dot 5 in Braille ASCII: the guide dots leading to a contents page number
RUNOVER = 3  # contents entries are 1-3 paragraphs
Label = Callable[[int], str]


@dataclass(frozen=True)
class BrailleEdition:
    files: list[Path]
    pages: int
    starts: tuple[int, ...]  # the page each article starts on, in its volume
    volumes: int = 1


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
    title: Para | None,
    laid: Sequence[_Laid],
    starts: Sequence[int],
    setup: PageSetup,
    label: Label,
    first: tuple[int, int],
) -> tuple[Page, ...]:
    """The contents pages, starting on the volume's page first[0], listing the articles from the
    edition's article first[1] on: `title` (none in a language without labels) and the headlines
    are braille already."""
    heading = [Group("contents", (title,), blank_after=True)] if title else []
    entries = [
        _entry(f"contents-{n}", article.headline, label(start), setup.cells)
        for n, (article, start) in enumerate(zip(laid, starts, strict=True), start=first[1])
    ]
    return paginate([*heading, *entries], setup, lambda n: label(n + first[0] - 1))


def _split(laid: Sequence[_Laid], limit: int) -> list[list[int]]:
    """Articles (by index) per volume: a volume ends at the article that would take its articles
    past `limit` pages; an article longer than that is a volume of its own."""
    volumes: list[list[int]] = [[]]
    pages = 0
    for index, item in enumerate(laid):
        if volumes[-1] and pages + item.pages > limit:
            volumes.append([])
            pages = 0
        volumes[-1].append(index)
        pages += item.pages
    return volumes


def _renumber(pages: Sequence[Page], first: int) -> list[Page]:
    return [Page(page.number + first - 1, page.lines) for page in pages]


@dataclass(frozen=True)
class _Front:
    """What comes before a volume's articles: its title page (when there are several volumes)
    and the contents title (none in a language without labels), as braille."""

    title_page: tuple[Page, ...]
    contents_title: Para | None


def _volume(
    laid: Sequence[_Laid],
    front: _Front,
    plain: PageSetup,
    label: Label,
    interpoint: bool,
    first_article: int,
) -> tuple[list[Page], list[int]]:
    """The pages of one volume (numbered from 1) and the page each of its articles starts on."""

    def label_from(start: int) -> Label:
        """Labels of pages numbered from 1 when they start on the volume's page `start`."""
        return lambda n: label(n + start - 1)

    before = len(front.title_page)
    guess = 1
    while True:  # the contents' length moves the start pages, which can change its length
        starts = _starts(laid, before + guess, interpoint)
        first = (before + 1, first_article)
        contents = _contents(front.contents_title, laid, starts, plain, label, first)
        if len(contents) == guess:
            break
        guess = len(contents)
    volume = [*front.title_page, *_renumber(contents, before + 1)]
    for item, start in zip(laid, starts, strict=True):
        _pad_to_odd(volume, interpoint)
        volume.extend(_renumber(paginate(item.groups, item.setup, label_from(start)), start))
    return volume, starts


def _title_page(
    title: str, number: int, total: int, main: Translator, language: str, setup: PageSetup
) -> tuple[Page, ...]:
    """A volume's title page: the edition's title and "Volume 1 of 3", centred."""
    volume = labels_for(language).volume.format(n=number, total=total)
    paras = tuple(
        Para(main.translate_text(text), text, centred=True) for text in (title, volume) if text
    )
    return paginate([Group(f"volume-{number}", paras, blank_after=True)], setup, main.number)


def braille_edition(
    articles: Sequence[Article],
    outdir: Path,
    title: str,
    options: BrailleOptions,
    formats: Sequence[str] = BRAILLE_FORMATS,
) -> BrailleEdition:
    """Write the edition's braille in `formats` into `outdir`: edition.brf (edition-N.brf, one
    per volume, when it is longer than options.volume_pages), edition.pef (one volume element
    per volume) and, with the proof format, edition.proof.html. The articles carry
    the edition's title as running head."""
    tables = _Tables(options.table)
    main = tables.for_language(articles[0].language)

    def label(n: int) -> str:
        return main.number(n)

    headed = replace(options, running_head=True)
    laid = []
    for article in articles:
        translator = tables.for_language(article.language)
        setup = page_setup(headed, translator, title)
        groups = article_groups(article, style_for(translator, article.language))
        count = len(paginate(groups, setup, label))
        laid.append(_Laid(translator.translate_text(article.headline), groups, setup, count))
    plain = page_setup(options, main, "")  # the title and contents pages have no running head
    word = labels_for(articles[0].language).contents
    contents_title = Para(main.translate_text(word), word, centred=True) if word else None
    split = _split(laid, options.volume_pages)
    volumes: list[list[Page]] = []
    starts: list[int] = []
    for number, indices in enumerate(split, start=1):
        title_page = (
            _title_page(title, number, len(split), main, articles[0].language, plain)
            if len(split) > 1
            else ()
        )
        front = _Front(title_page, contents_title)
        own_laid = [laid[i] for i in indices]
        pages, own = _volume(own_laid, front, plain, label, options.interpoint, indices[0])
        volumes.append(pages)
        starts += own
    meta = PefMeta(
        title=title,
        creators=(),
        language=articles[0].language,
        published=None,
        identifier=identifier(title, *(a.headline for a in articles)),
    )
    several = len(volumes) > 1
    files: list[Path] = []
    if "brf" in formats:
        files += [
            outdir / f"edition{f'-{n}' if several else ''}.brf" for n in range(1, 1 + len(volumes))
        ]
        for path, pages in zip(files, volumes, strict=True):
            write_atomic(path, brf(pages))
    if "pef" in formats:
        files.append(outdir / "edition.pef")
        write_atomic(files[-1], pef_volumes(volumes, plain, meta))
    if "proof" in formats:
        prints = {"contents": word or ""}
        prints.update((f"contents-{n}", a.headline) for n, a in enumerate(articles))
        for item in laid:
            prints.update(prints_of(item.groups))
        summary = f"{len(articles)} articles, {len(volumes)} volumes"
        text = ProofText(title, articles[0].language, prints, (), summary)
        files.append(outdir / "edition.proof.html")
        write_atomic(files[-1], proof_volumes(volumes, text))
    return BrailleEdition(files, sum(len(v) for v in volumes), tuple(starts), len(volumes))
