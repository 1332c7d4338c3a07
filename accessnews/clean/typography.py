"""Typography and Unicode: one canonical spelling of the same text for speech and braille.

NFC composition, every kind of space as a plain space, invisible and control characters removed
(recorded), spaced hyphens and dashes as one spaced em dash, whitespace collapsed. A dash, not a
hyphen, because espeak-ng ends a clause at a dash (a spaced hyphen gets only a short pause) and
liblouis' UEB table writes a dash as the dash sign (a spaced hyphen stays a hyphen); em rather
than en because both engines treat them alike and the em dash is the one news text uses most.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from ..model import Article, Block, Dropped, Embed, Figure, Inlines, ListBlock, Quote, plain
from .rule import block_place, rebuilt
from .spans import map_spans, tidy

DASH = "\u2014"
# Characters with no sound and no braille cell: zero-width spaces, soft hyphens, bidi controls,
# byte-order marks, object replacement. Joiners (U+200C/U+200D) stay: emoji and scripts need them.
_INVISIBLE = "\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufffc"
_CONTROL = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_REMOVED = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
# Every other Unicode space (no-break, narrow, thin, ideographic ...) and the vertical controls.
_SPACE_LIKE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\x85]")
_LINE_BREAK = re.compile("[\r\u2028\u2029]")
_SPACED_DASH = re.compile(r"(?<=\S)[^\S\n]+(?:-{1,3}|\u2013|\u2014)[^\S\n]+(?=\S)")
_DOUBLE_HYPHEN = re.compile(r"(?<=\w)--(?=\w)")
_KIND = "control characters"
_REASON = "invisible or control characters that speech and braille would spell out or choke on"


def _dash(match: re.Match[str]) -> str:
    """A spaced dash, except between digits where a spaced hyphen is a score or a range."""
    text, start, end = match.string, match.start(), match.end()
    if text[start - 1].isdigit() and text[end].isdigit():
        return match.group(0)
    return f" {DASH} "


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} " + unicodedata.name(char, "control character")


class _Normaliser:
    """Normalises strings and counts what it removed, for one audit-trail entry per place."""

    def __init__(self) -> None:
        self.removed: Counter[str] = Counter()

    def text(self, text: str) -> str:
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _REMOVED.search(text):
            self.removed.update(_REMOVED.findall(text))
            text = _REMOVED.sub("", text)
        text = _LINE_BREAK.sub("\n", _SPACE_LIKE.sub(" ", text))
        return _DOUBLE_HYPHEN.sub(DASH, _SPACED_DASH.sub(_dash, text))

    def line(self, text: str | None) -> str | None:
        """A one-line field (label, credit, author): normalised and collapsed; None if empty."""
        if text is None:
            return None
        return " ".join(self.text(text).split()) or None

    def spans(self, spans: Inlines, *, keep_newlines: bool = False) -> Inlines:
        return tidy(map_spans(spans, self.text), keep_newlines=keep_newlines)

    def record(self, where: str) -> tuple[Dropped, ...]:
        """One audit entry for what was removed since the last call."""
        if not self.removed:
            return ()
        text = ", ".join(
            _char_name(char) + (f" ×{count}" if count > 1 else "")
            for char, count in self.removed.most_common()
        )
        self.removed.clear()
        return (Dropped(_KIND, text, _REASON, where),)


def _is_clean(text: str) -> bool:
    """True if normalising cannot change `text`: the fast path for almost every block.

    `isprintable` is False for every control, format and non-ASCII space character.
    """
    return (
        bool(text)
        and text.isprintable()
        and text == text.strip()
        and "  " not in text
        and "--" not in text
        and " - " not in text
        and " \u2013 " not in text
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def _texts(block: Block) -> tuple[str | None, ...]:
    """Every text field of a block (an embed's text may hold line breaks, so it is not listed)."""
    match block:
        case Figure():
            return (plain(block.caption), block.label, block.credit)
        case Embed():
            return (block.author, block.handle)
        case ListBlock():
            return tuple(plain(item) for item in block.items)
        case Quote():
            return (block.text, block.cite)
        case _:
            return (block.text,)


def _block(norm: _Normaliser, block: Block) -> Block:
    if not isinstance(block, Embed) and all(t is None or _is_clean(t) for t in _texts(block)):
        return block
    match block:
        case Figure():
            return replace(
                block,
                caption=norm.spans(block.caption),
                label=norm.line(block.label),
                credit=norm.line(block.credit),
            )
        case Embed():
            return replace(
                block,
                text_spans=norm.spans(block.text_spans, keep_newlines=True),
                author=norm.line(block.author),
                handle=norm.line(block.handle),
            )
        case ListBlock():
            items = tuple(norm.spans(item) for item in block.items)
            return replace(block, items=tuple(item for item in items if item))
        case Quote():
            return replace(block, spans=norm.spans(block.spans), cite=norm.line(block.cite))
        case _:
            return replace(block, spans=norm.spans(block.spans))


def normalise(article: Article) -> Article:
    """Canonical Unicode and spacing in every text of the article; blocks left empty go."""
    norm = _Normaliser()
    dropped: list[Dropped] = []
    headline = norm.line(article.headline) or article.headline
    standfirst = norm.line(article.standfirst)
    bylines = tuple(filter(None, map(norm.line, article.bylines)))
    dropped += norm.record("in the headline, standfirst or byline")
    blocks: list[Block] = []
    for index, block in enumerate(article.blocks):
        cleaned = _block(norm, block)
        dropped += norm.record(block_place(article.blocks, index))
        if cleaned.text or isinstance(cleaned, Figure):  # a figure is a picture, words or not
            blocks.append(cleaned)
    if (headline, standfirst, bylines) != (article.headline, article.standfirst, article.bylines):
        article = replace(article, headline=headline, standfirst=standfirst, bylines=bylines)
    return rebuilt(article, blocks, dropped)
