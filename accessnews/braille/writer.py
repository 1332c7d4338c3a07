"""The braille writer seam: one clean Article -> STEM.brf, STEM.pef, STEM.braille.txt.

Translators (compiled liblouis tables) are kept for the writer's lifetime, so a batch of articles
loads each table once. The writer never cleans text: a character the table cannot braille is
brailled as its Unicode name in a transcriber's note and reported in the result, by block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import RenderError, UsageError
from ..fileio import write_atomic
from ..model import Article, Figure
from .brf import brf
from .formats import BULLET, NOTE, PLAIN_BULLET, Style, article_groups
from .labels import labels_for
from .layout import CENTRE_MARGIN, KEEP_LINES, NUMBER_GAP, Group, Page, PageSetup, paginate, shorten
from .pef import PefMeta, identifier, pef
from .preview import preview
from .proof import ProofText, prints_of, proof
from .selfcheck import SelfCheck, self_check
from .tables import table_for
from .translate import Translator, Untranslatable

PAGE_NUMBER_CHOICES = ("bottom", "top", "none")
MIN_CELLS = 2 * CENTRE_MARGIN + NOTE.first + 7  # room for a centred word and a note's first word
MIN_LINES = 1 + 2 + (1 + KEEP_LINES) + 1  # top furniture, heading + blank + kept lines, number
DIFFERENCES_SHOWN = 40
SELF_CHECK_WARNING = 0.95  # below this share of words back-translated, the result warns
BRAILLE_FORMATS = ("brf", "pef", "preview", "proof")


@dataclass(frozen=True)
class BrailleOptions:
    table: str | None = None  # liblouis table name; None = by article language
    cells: int = 40
    lines: int = 25
    interpoint: bool = False
    page_numbers: str = "bottom"  # "bottom" | "top" | "none"
    running_head: bool = False
    volume_pages: int = 70  # an edition longer than this is split into volumes

    def __post_init__(self) -> None:
        """Values a user can get wrong are usage errors (exit 2), raised before any work."""
        if self.cells < MIN_CELLS:
            raise UsageError(f"cells {self.cells} is too small: at least {MIN_CELLS}")
        if self.lines < MIN_LINES:
            raise UsageError(f"lines {self.lines} is too small: at least {MIN_LINES}")
        if self.table is not None:
            table_for(self.table, "en")  # unknown names fail here, listing the choices
        if self.volume_pages < 1:
            raise UsageError(f"volume_pages {self.volume_pages}: at least 1")
        if self.page_numbers not in PAGE_NUMBER_CHOICES:
            raise UsageError(
                f"page numbers {self.page_numbers!r}: choose {', '.join(PAGE_NUMBER_CHOICES)}"
            )


@dataclass(frozen=True)
class BrailleResult:
    files: list[Path]
    pages: int
    accuracy: float | None  # None: the table cannot be back-translated, so not checked
    table: str
    check: SelfCheck | None
    untranslatable: tuple[Untranslatable, ...] = ()
    notices: tuple[str, ...] = ()  # warnings found while brailling (a language without labels)

    @property
    def warnings(self) -> tuple[str, ...]:
        if self.accuracy is None or self.accuracy >= SELF_CHECK_WARNING:
            return self.notices
        return (
            *self.notices,
            f"braille self-check {self.accuracy:.1%} of words is below "
            f"{SELF_CHECK_WARNING:.0%} with {self.table} (see -v for the differences)",
        )

    def summary(self) -> str:
        checked = (
            f"self-check {self.accuracy:.1%} words"
            if self.accuracy is not None
            else f"self-check not checked ({self.table} is forward-only in liblouis)"
        )
        summary = f"braille {self.pages} pages, {checked}"
        if self.untranslatable:
            count = len(self.untranslatable)
            summary += f", {count} character{'s' * (count > 1)} without braille described in notes"
        return summary

    def details(self) -> str:
        check = self.check
        shown = check.differences[:DIFFERENCES_SHOWN] if check else ()
        lines = [
            f"braille table {self.table}: {check.words} words, {check.errors} word "
            f"errors in the back-translation, differences: {len(check.differences)}, "
            f"{check.unread} emphasis indicators liblouis cannot back-translate"
            if check
            else f"braille table {self.table}: liblouis cannot back-translate it; not checked"
        ]
        lines += [
            f"  no braille in {self.table}, described in a transcriber's note: {item}"
            for item in self.untranslatable
        ]
        lines += [f"  {difference}" for difference in shown]
        if check and len(check.differences) > len(shown):
            lines.append(f"  ... and {len(check.differences) - len(shown)} more")
        return "\n".join(lines)


class BrailleWriter:
    """Writes braille for articles; use as a context manager around a run or a batch worker."""

    def __init__(self, options: BrailleOptions) -> None:
        self.options = options
        self._translators: dict[str, Translator] = {}

    def __enter__(self) -> BrailleWriter:
        if self.options.table is not None:
            self._translator(self.options.table)
        return self

    def __exit__(self, *exc: object) -> None:
        self._translators.clear()

    def _translator(self, table: str) -> Translator:
        if table not in self._translators:
            self._translators[table] = Translator(table)
        return self._translators[table]

    def write(
        self,
        article: Article,
        outdir: Path,
        stem: str,
        formats: Sequence[str] = BRAILLE_FORMATS,
        progress: Callable[[int, int], None] | None = None,
    ) -> BrailleResult:
        """Translate, lay out, check and write the braille files of one article asked for in
        `formats` (brf, pef, preview, proof). `progress` is for the
        render's protocol: brailling an article takes milliseconds, there is nothing to show."""
        translator = self._translator(table_for(self.options.table, article.language))
        style = style_for(translator, article.language)
        untranslatable = _untranslatable(article, translator, style)
        groups = article_groups(article, style)
        setup = page_setup(self.options, translator, article.headline)
        pages = paginate(groups, setup, translator.number)
        _verify_complete(article, groups, pages)
        brf_bytes = brf(pages)
        check = (
            self_check(
                groups,
                pages,
                brf_bytes,
                translator.back_translate,
                style.note,
                translator.print_form,
            )  # fmt: skip
            if translator.back_translates
            else None
        )
        meta = PefMeta(
            title=article.headline,
            creators=article.bylines,
            language=article.language,
            published=article.published,
            identifier=identifier(article.headline, *(block.id for block in article.blocks)),
        )
        outputs = {f"{stem}.brf": brf_bytes} if "brf" in formats else {}
        if "pef" in formats:
            outputs[f"{stem}.pef"] = pef(pages, setup, meta)
        if "preview" in formats:
            outputs[f"{stem}.braille.txt"] = preview(pages).encode("utf-8")
        result = BrailleResult(
            [],
            len(pages),
            check.accuracy if check else None,
            translator.table,
            check,
            untranslatable,
            tuple(filter(None, [style.labels.warning(article)])),
        )
        if "proof" in formats:
            text = ProofText(
                article.headline,
                article.language,
                prints_of(groups),
                check.differences if check else (),
                result.summary(),
            )
            outputs[f"{stem}.proof.html"] = proof(pages, text).encode("utf-8")
        files = result.files
        for name, data in outputs.items():
            write_atomic(Path(outdir) / name, data)
            files.append(Path(outdir) / name)
        return result


def style_for(translator: Translator, language: str) -> Style:
    """How an article in `language` is brailled with `translator`'s table."""
    return Style(
        translator.translate,
        labels_for(language),
        PLAIN_BULLET if translator.untranslatable(BULLET, "") else BULLET,
        (translator.note_open, translator.note_close),
    )


def page_setup(options: BrailleOptions, translator: Translator, headline: str) -> PageSetup:
    """The page geometry for one article, with its running head if one is asked for."""
    head = ""
    if options.running_head:
        # Centred clear of a top page number of up to three digits ("#" and 3 cells).
        top = options.page_numbers == "top"
        width = options.cells - 2 * (NUMBER_GAP + 4 if top else CENTRE_MARGIN)
        head = shorten(translator.translate_text(headline), width)
    return PageSetup(
        cells=options.cells,
        lines=options.lines,
        page_numbers=options.page_numbers,
        interpoint=options.interpoint,
        running_head=head,
    )


def _untranslatable(
    article: Article, translator: Translator, style: Style
) -> tuple[Untranslatable, ...]:
    """Characters the table has no braille for, with their block, to report with the result.

    The print text of every group (lead-ins included) comes from a dry run of the formats.
    """
    return tuple(
        item
        for group in article_groups(article, replace(style, translate=lambda spans: ""))
        for para in group.paras
        for item in translator.untranslatable(para.print, group.source)
    )


def _verify_complete(article: Article, groups: list[Group], pages: tuple[Page, ...]) -> None:
    """Every block of the model must have text on some page; anything else is a layout bug.
    The one exception has no braille to place: an uncaptioned figure in a language with no word
    for a picture, brailled with a code that has no transcriber's note indicators."""
    placed = {line.source for page in pages for line in page.lines if line.source}
    empty = {g.source for g in groups if not any(p.cells or p.rule for p in g.paras)}
    unplaceable = {
        b.id for b in article.blocks if isinstance(b, Figure) and not b.text and b.id in empty
    }
    missing = [block.id for block in article.blocks if block.id not in placed | unplaceable]
    missing += [g.source for g in groups if g.source not in placed | unplaceable | set(missing)]
    if missing:
        raise RenderError(
            f"braille layout lost blocks {', '.join(missing)}: none of their text is on a page"
        )
