"""Image credits: caption lines become Figures and every credit moves to `Figure.credit`.

No writer renders a credit, so each one is recorded in the audit trail exactly once.

When is a text paragraph a caption? It must be short (MAX_CAPTION_CHARS) and end in a credit:
- a MARKED credit ("Photograph: Name/EPA", "Credit… Name", "© Reuters", "[File: Reuters]",
  "REUTERS/Name", "Photo by X on Unsplash" ...) says by itself that it is a credit;
- a BARE credit ("Getty Images", "Submitted photo", "Name / Reuters file") counts only as the
  whole paragraph or after a finished sentence;
- a credit in PARENTHESES ("(REUTERS)", "(AP Photo/Nick Wass)") counts only when the text before
  it is one unfinished sentence (no sentence punctuation), as captions are and prose is not;
- a parenthesised NAME ("(Amy Ashenden)") counts only on such a line that also starts with a
  label ("Vigil: ..."), the shape of captions in saved news pages.
A paragraph that is only a credit disappears; its credit joins the neighbouring figure if any.
A figure from the page's markup whose caption is only a credit stays, uncaptioned: a picture is
there, and the writers announce it as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property

from ..model import Article, Block, Dropped, Figure, Inlines, Paragraph, plain
from .rule import Rule, block_place, excerpt, rebuilt, rule
from .spans import slice_spans, tidy

MAX_CAPTION_CHARS = 300
_BARE_TAIL = 120

# Photo agencies and wire services, as credits name them (also matched in capitals).
AGENCIES = (
    "Reuters", "PA", "PA Wire", "PA Media", "PA Images", "Press Association", "AP", "AP Photo",
    "Associated Press", "AFP", "Getty", "Getty Images", "EPA", "EPA-EFE", "EFE", "Shutterstock",
    "Rex", "Rex Features", "Alamy", "Bloomberg", "dpa", "ANSA", "Xinhua", "Anadolu Agency",
    "Anadolu", "Kyodo", "Yonhap", "AAP", "Sipa", "ZUMA Press", "NurPhoto", "SOPA Images", "Corbis",
    "iStock", "Camera Press", "Sputnik", "TASS", "WENN", "Backgrid", "SWNS", "Unsplash",
    "The New York Times", "The Washington Post", "picture alliance", "Europa Press", "Keystone",
    "Belga", "Lusa", "LaPresse", "Imago",
)  # fmt: skip
_AGENCY = "(?:{})".format(
    "|".join(
        re.escape(name)
        for name in sorted({n for a in AGENCIES for n in (a, a.upper())}, key=len, reverse=True)
    )
)
# Last words of agency names and submitted-photo credits: the cheap test before bare shapes.
_AGENCY_ENDS = frozenset(name.split()[-1].split("-")[-1].lower() for name in AGENCIES)
_SUBMITTED = ("submitted", "contributed", "supplied", "handout")
_SUBMITTED_ENDS = frozenset((*_SUBMITTED, "photo", "image", "picture", "photograph"))
_UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalised word, or an initial ("J."); a full stop elsewhere ends the name (a sentence).
_WORD = rf"(?:[{_UPPER}]\.|[{_UPPER}0-9][\w'’&-]*(?:\.[\w'’&-]+)*)"
_PARTICLE = r"(?:via|for|of|the|and|de|van|von|der|da|di|du|le|la|on|y|&)"
# Capitalised words joined by slashes, colons, commas, particles: "Doug Mills/The New York Times".
_NAMES = rf"{_WORD}(?:(?:\s*/\s*|:\s+|,\s+|\s+(?:{_PARTICLE}\s+)*){_WORD}){{0,7}}"
_PERSON = rf"{_WORD}(?:\s+(?:(?:de|van|von|der|da|di|le|la)\s+)?{_WORD}){{1,3}}"
# What follows "Credit:", "©": anything short that does not end like a sentence (prose does).
_FREE_TEXT = r"[^\n]{0,99}?[^\s.!?…]"
# A word that introduces a credit, capitalised as credits write it (prose writes "a photo by").
_MARKER = (
    "(?:Photograph|Photo|Picture|Image|PHOTOGRAPH|PHOTO|PICTURE|IMAGE|Fotografía|Fotografia|Foto"
    "|FOTO|Bild|BILD)"
)
# A credit after its marker: names, or an agency as the agency writes itself ("dpa").
_MARKED_NAMES = rf"(?:{_AGENCY}(?:\s*/\s*(?:{_AGENCY}|{_NAMES}))*|{_NAMES})"


class Kind(Enum):
    """How much a credit shape proves by itself that the line is a caption (module docstring)."""

    MARKED = "marked"
    BARE = "bare"
    PARENS = "parens"
    NAME = "name"


@dataclass(frozen=True)
class Shape:
    """A credit shape, its trailing form, and substrings one of which a text must hold to
    be worth the regex (lowercase; cleaning is on the hot path)."""

    kind: Kind
    rule: Rule
    needs: str
    last_words: frozenset[str]

    @cached_property
    def trailing(self) -> re.Pattern[str]:
        """The credit at the end of a text (compiled on first use, like the rule's pattern)."""
        return re.compile(rf"(?:^|(?<=\s))(?:{self.rule.source})\s*$")

    @cached_property
    def _needs(self) -> re.Pattern[str] | None:
        return re.compile(self.needs) if self.needs else None

    def worth_trying(self, low: str) -> bool:
        """The cheap test on the lowercased text before the regex."""
        needs = self._needs
        if needs is not None and not needs.search(low):
            return False
        if not self.last_words:
            return True
        words = low.rsplit(None, 1)
        return bool(words) and words[-1].rsplit("/", 1)[-1] in self.last_words


def _shape(
    kind: Kind,
    needs: str,
    pattern: str,
    reason: str,
    *examples: str,
    last_words: frozenset[str] = frozenset(),
) -> Shape:
    """A credit shape; `pattern` matches the whole credit and names the kept part `credit`;
    `needs` is a simple regex the lowercased text must contain first ("" for none)."""
    return Shape(kind, rule(pattern, reason, *examples), needs, last_words)


CREDIT_SHAPES: tuple[Shape, ...] = (
    _shape(Kind.PARENS, r"\)$",
           rf"\((?P<credit>[^()\n]{{0,60}}?\b{_AGENCY}\b[^()\n]{{0,60}}?)\)",
           "agency credit in parentheses", "(REUTERS)", "(PA)", "(Getty Images)",
           "(AP Photo/Nick Wass)", "(Getty Images: Kiran Ridley)"),
    _shape(Kind.MARKED, r"\)$",
           r"\((?:Photo|Picture|Image|Photograph)s?(?: credit)?:\s*(?P<credit>[^()\n]{1,80})\)",
           "photo credit in parentheses", "(Photo: Jane Smith)"),
    _shape(Kind.MARKED, r"\]$",
           rf"\[(?P<credit>(?i:file|photo|image|picture)s?:\s*[^\[\]\n]{{1,80}}"
           rf"|[^\[\]\n]{{0,60}}?\b{_AGENCY}\b[^\[\]\n]{{0,60}}?)\]",
           "agency credit in brackets", "[File: Reuters]", "[Ahmed Jadallah/Reuters]"),
    _shape(Kind.MARKED, "photo|picture|image|composite|foto|bild",
           rf"(?:{_MARKER}|Composite|COMPOSITE)s?\s*:\s*(?P<credit>{_MARKED_NAMES})",
           "'Photograph:' credit", "Photograph: Stefan Rousseau/EPA", "Foto: EFE/Juan Pérez",
           "Bild: dpa", "Foto: picture alliance/dpa", "Fotografía: Europa Press"),
    _shape(Kind.MARKED, "cr[eé]dit",
           r"(?:(?:(?:Main|MAIN) )?(?:[Ii]mage|[Pp]hoto|[Pp]icture|Header image) (?i:credits?)"
           r"|Credits?|CREDITS?|Crédits?(?: photos?)?|CRÉDITS?(?: PHOTOS?)?)"
           rf"\s*(?::|\.{{2,3}}|…)\s*(?P<credit>{_FREE_TEXT})",
           "'Credit:' line", "Credit: Jane Smith", "Credit... Doug Mills/The New York Times",
           "Credit…Doug Mills/The New York Times", "Image credit: Jane Smith/PA",
           "Main image credit: Getty", "Crédit photo : Jean Dupont"),
    _shape(Kind.MARKED, "©",
           rf"©\s*(?P<credit>{_FREE_TEXT})",
           "copyright sign", "© Reuters"),
    _shape(Kind.MARKED, "image (?:copyright|source)",
           rf"(?:Image|IMAGE) (?i:copyright|source)[,:]?\s+(?P<credit>{_FREE_TEXT})\.?",
           "BBC 'Image copyright' line", "Image copyright Getty Images",
           "Image source, Getty Images", "Image source: Getty Images."),
    _shape(Kind.MARKED, "staff photo",
           rf"(?P<credit>(?:Staff|STAFF) (?:photo|Photo|PHOTO) (?:by|By|BY)\s+{_NAMES})",
           "staff photo credit", "STAFF PHOTO BY JOHN SMITH"),
    _shape(Kind.MARKED, " by ",
           rf"{_MARKER} (?:by|By|BY) (?P<credit>{_NAMES})",
           "'Photo by' credit", "Photo by Jane Smith on Unsplash"),
    _shape(Kind.MARKED, "/",
           rf"(?P<credit>{_AGENCY}\s*/\s*{_NAMES})",
           "agency/photographer credit", "REUTERS/Stefan Wermuth"),
    _shape(Kind.MARKED, "/",
           rf"{_MARKER}\s*/\s*(?P<credit>{_AGENCY}\b[^\n/]{{0,40}}?)",
           "'Photo / agency' credit", "Photo / Reuters"),
    _shape(Kind.BARE, "/",
           rf"(?P<credit>{_NAMES}\s*/\s*{_AGENCY}(?:\s+(?i:file))?)",
           "photographer/agency credit", "Darren Staples / Reuters file", "Stefan Rousseau/PA",
           last_words=_AGENCY_ENDS | {"file"}),
    _shape(Kind.BARE, "|".join(_SUBMITTED),
           r"(?P<credit>(?i:submitted|contributed|supplied|handout)"
           r"(?: (?i:photo|image|picture|photograph))?)",
           "reader-submitted photo", "Submitted photo", last_words=_SUBMITTED_ENDS),
    _shape(Kind.BARE, "",
           rf"(?P<credit>{_AGENCY}(?:\s*/\s*{_AGENCY})*)",
           "agency name", "Getty Images", "REUTERS", "AFP/Getty Images", last_words=_AGENCY_ENDS),
    _shape(Kind.NAME, r"\)$",
           rf"\((?P<credit>{_PERSON})\)",
           "photographer's name in parentheses", "(Amy Ashenden)"),
)  # fmt: skip

# BBC captions: "Image caption Crowds gathered", optionally after "Image copyright Getty Images".
_BBC_CAPTION = re.compile(
    r"(?:Image (?:copyright|source),?\s+(?P<credit>.+?)\s+)?(?P<prefix>Image caption,?)\s+"
)
# "Vigil: ...", also French spacing "Anniversaire : ...".
_LABEL = re.compile(rf"(?P<label>[{_UPPER}][\w'’-]*(?: [\w'’-]+){{0,2}}) ?:\s+(?=\S)")
_ABBREVIATIONS = "".join(
    rf"(?<!\b{a})" for a in ("Mr", "Ms", "Dr", "St", "Jr", "Sr", "Lt", "Mrs", "Sen", "Rep", "Gov")
)
_SENTENCE_END = re.compile(rf"(?<!\b[{_UPPER}]){_ABBREVIATIONS}[.!?…;][\"”’)]*(?:\s|$)")
_SEPARATORS = " |·•/-–—"
_KIND = "image credit"


@dataclass(frozen=True)
class Credit:
    """A credit found at the end of a text: where it starts, the kept text, and its shape."""

    start: int
    text: str
    shape: Shape


def _last_sentence(text: str) -> int:
    """Where the last sentence of `text` starts (0 if it has one); bare credits are short,
    so only the tail is searched."""
    tail = max(0, len(text) - _BARE_TAIL)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, tail, len(text) - 1)]
    return ends[-1] if ends else 0


def _trailing(text: str, kinds: tuple[Kind, ...]) -> Credit | None:
    """The credit ending `text`, of one of `kinds`; bare credits only after a finished sentence."""
    text = text.rstrip()
    low = text.lower()
    for shape in CREDIT_SHAPES:
        if shape.kind not in kinds or not shape.worth_trying(low):
            continue
        if shape.kind is Kind.BARE:
            match = shape.rule.pattern.fullmatch(text, _last_sentence(text))
        else:
            match = shape.trailing.search(text)
        if match:
            return Credit(match.start(), match.group("credit").strip(), shape)
    return None


def whole_credit(text: str) -> str | None:
    """The credit if `text` is nothing but a credit (any shape but a bare name), else None."""
    text = text.strip()
    low = text.lower()
    for shape in CREDIT_SHAPES:
        if shape.kind is Kind.NAME or not shape.worth_trying(low):
            continue
        match = shape.rule.pattern.fullmatch(text)
        if match:
            return match.group("credit").strip()
    return None


def _unfinished_sentence(text: str) -> bool:
    return not _SENTENCE_END.search(text)


_FIGURE_KINDS = (Kind.MARKED, Kind.BARE, Kind.PARENS)  # tuples: enum hashing is slow
_LINE_KINDS = tuple(Kind)


def _caption_credit(text: str) -> Credit | None:
    """The credit that makes a short paragraph a caption line, by the module's rules."""
    if len(text) > MAX_CAPTION_CHARS:
        return None
    credit = _trailing(text, _LINE_KINDS)
    if credit is None or credit.shape.kind is Kind.MARKED or credit.shape.kind is Kind.BARE:
        return credit
    before = text[: credit.start]
    if not _unfinished_sentence(before):
        return None
    if credit.shape.kind is Kind.NAME and not _LABEL.match(before):
        return None
    return credit


@dataclass(frozen=True)
class _Found:
    """A credit taken out of the text, waiting to be set on its figure and recorded."""

    credit: str
    reason: str
    where: str


@dataclass
class _Figures:
    """The transform's running state: blocks out, audit entries, credits awaiting a caption."""

    blocks: tuple[Block, ...]
    out: list[Block] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    waiting: list[_Found] = field(default_factory=list)

    def record(self, found: _Found) -> None:
        self.dropped.append(Dropped(_KIND, found.credit, found.reason, found.where))

    def add_figure(self, figure: Figure, found: list[_Found]) -> None:
        """Append a figure with its credits and any awaiting it, each recorded exactly once."""
        merged: dict[str, _Found] = {}
        for item in [*self.waiting, *found]:
            key = item.credit.casefold()
            if key in merged:  # the same credit twice (markup and caption): one entry says so
                item = replace(merged[key], reason=f"{merged[key].reason}, repeated in the text")
            merged[key] = item
        self.waiting.clear()
        for item in merged.values():
            self.record(item)
        credits = "; ".join(item.credit for item in merged.values()) or None
        self.out.append(figure if credits == figure.credit else replace(figure, credit=credits))

    def credit_last_figure(self, figure: Figure, found: _Found) -> None:
        """A credit line below `figure`, the last block out: its credit joins the figure's."""
        self.record(found)
        credits = [figure.credit] if figure.credit else []
        if found.credit.casefold() not in (c.casefold() for c in credits):
            credits.append(found.credit)
        self.out[-1] = replace(figure, credit="; ".join(credits))


def _strip_caption(spans: Inlines, start: int, stop: int) -> Inlines:
    """The caption's spans between `start` and a credit at `stop`, without separators left over."""
    text = plain(spans)[start:stop]
    stop = start + len(text.rstrip(_SEPARATORS))
    return tidy(slice_spans(spans, start, stop))


def _from_figure(state: _Figures, figure: Figure) -> None:
    """A figure from markup: take a textual credit out of its caption; record every credit."""
    caption = figure.caption
    text = plain(caption)
    found: list[_Found] = []
    bbc = _BBC_CAPTION.match(text)
    if bbc:
        caption = tidy(slice_spans(caption, bbc.end(), len(text)))
        text = plain(caption)
        before = f"before the caption '{excerpt(text)}'"
        state.dropped.append(Dropped("caption prefix", bbc["prefix"], "BBC caption marker", before))
        if bbc["credit"]:
            found.append(_Found(bbc["credit"], "BBC 'Image copyright' line", before))
    after = f"after the caption '{excerpt(text)}'"
    if figure.credit:
        markup = whole_credit(figure.credit) or figure.credit
        found.append(_Found(markup, "credit from the page's markup", after))
    whole = whole_credit(text)
    credit = None if whole else _trailing(text, _FIGURE_KINDS)
    if whole:
        found.append(_Found(whole, "caption that is only a credit", "in an uncaptioned figure"))
        caption = ()
    elif credit:
        found.append(_Found(credit.text, credit.shape.rule.reason, after))
        caption = _strip_caption(caption, 0, credit.start)
    state.add_figure(
        figure if caption is figure.caption else replace(figure, caption=caption), found
    )


def _from_paragraph(state: _Figures, index: int, paragraph: Paragraph) -> bool:
    """Turn a caption line or credit-only line into figure data; False if it is prose."""
    text = paragraph.text
    if _BBC_CAPTION.match(text):  # marked as a caption, whatever its length
        _from_figure(state, Figure(caption=paragraph.spans))
        return True
    if len(text) > MAX_CAPTION_CHARS:
        return False
    whole = whole_credit(text)
    if whole:
        _credit_line(state, index, whole)
        return True
    credit = _caption_credit(text)
    if credit is None:
        return False
    label = _LABEL.match(text[: credit.start])
    start = label.end() if label else 0
    where = f"after the caption '{excerpt(text[start:])}'"
    figure = Figure(
        caption=_strip_caption(paragraph.spans, start, credit.start),
        label=label["label"] if label else None,
    )
    state.add_figure(figure, [_Found(credit.text, credit.shape.rule.reason, where)])
    return True


def _credit_line(state: _Figures, index: int, credit: str) -> None:
    """A paragraph that is only a credit: it joins a BBC caption below or a figure above."""
    following = state.blocks[index + 1] if index + 1 < len(state.blocks) else None
    if isinstance(following, Paragraph) and (bbc := _BBC_CAPTION.match(following.text)):
        caption = following.text[bbc.end() :]
        where = f"before the caption '{excerpt(caption)}'"
        state.waiting.append(_Found(credit, "credit line before a caption", where))
    elif state.out and isinstance(last := state.out[-1], Figure):
        where = f"after the caption '{excerpt(plain(last.caption))}'"
        state.credit_last_figure(last, _Found(credit, "credit line below a caption", where))
    else:
        where = block_place(state.blocks, index)
        state.record(_Found(credit, "line that is only a credit", where))


def extract_credits(article: Article) -> Article:
    """Caption lines to Figures, textual credits out of captions, every credit recorded once."""
    state = _Figures(article.blocks)
    for index, block in enumerate(article.blocks):
        if isinstance(block, Figure):
            _from_figure(state, block)
        elif not (isinstance(block, Paragraph) and _from_paragraph(state, index, block)):
            state.out.append(block)
    return rebuilt(article, state.out, state.dropped)
