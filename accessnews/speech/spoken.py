"""The spoken form of an article: what the engine says for each block, rendered from the model.

Writers never clean text; this module only decides how clean text is *said*: the headline and
"By ..." line, "Image: caption." for figures (never the credit), "X posted on DATE: ..." for
embedded posts, announced or voiced quotations, numbered list items, and the per-language
normalisation rules (language.py) for what espeak-ng reads badly. Each utterance keeps the id
of the block it came from, so audio can be traced back to the model, and its sentences: each a
slice of the display text paired with what is said for it (the engine's sentence rules cut both;
an announcement's words join the first sentence, its closing words the last), so the narration
can time every sentence and DAISY or EPUB can highlight it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from ..dates import parse_date
from ..model import Article, Block, Embed, Figure, Heading, ListBlock, Paragraph, Quote, plain
from .engine import sentence_spans
from .language import Language

META_HEADLINE = "meta-headline"
META_BYLINE = "meta-byline"
META_STANDFIRST = "meta-standfirst"
_ENDS_SENTENCE = re.compile(r"[.!?…:;]['\"’”)]*$")
_MARK = "\x00"  # stands for the text inside an announcement's phrase, to find its two sides


class Phrase(Protocol):
    """An announcement around a text: the language's phrase with every other value given."""

    def __call__(self, *, text: str) -> str: ...


@dataclass(frozen=True)
class Sentence:
    """One sentence: where it is in the display text, and what the engine says for it."""

    start: int
    end: int
    spoken: str


@dataclass(frozen=True)
class Utterance:
    """One block's speech: its id, kind (for pauses and chapters), display text, spoken text,
    and the sentences the spoken text is said in (one when the text has no sentence end)."""

    block_id: str
    kind: str
    title: str
    text: str
    quoted: bool = False
    sentences: tuple[Sentence, ...] = ()

    def said(self) -> tuple[Sentence, ...]:
        """The sentences to synthesise: at least one, so an empty text still has its place."""
        return self.sentences or (Sentence(0, len(self.title), self.text),)

    @property
    def is_block(self) -> bool:
        return not self.block_id.startswith("meta-")


def _sentence(text: str) -> str:
    """Close `text` as a sentence so espeak-ng ends it with a falling tone."""
    text = text.strip()
    return text if not text or _ENDS_SENTENCE.search(text) else text + "."


def _names(names: list[str], lang: Language) -> str:
    return (
        names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {lang.phrase('and')} {names[-1]}"
    )


def _date(value: str | None, lang: Language) -> str | None:
    """A date as the language says it ("23 March 2017"), or the text as written."""
    if not value:
        return None
    iso = parse_date(value)
    return lang.iso_date(iso) if iso else value


class SpokenForm:
    """Renders articles to utterances for one language, lexicon and voice arrangement."""

    def __init__(
        self, lang: Language, lexicon: tuple[tuple[str, str], ...] = (), quote_voice: bool = False
    ) -> None:
        self.lang = lang
        self.quote_voice = quote_voice
        self._lexicon = [(re.compile(rf"\b{re.escape(w)}\b"), said) for w, said in lexicon]

    def say(self, text: str) -> str:
        """Text as it should be spoken: the profile's lexicon, then the language's rules."""
        for pattern, said in self._lexicon:
            text = pattern.sub(said, text)
        return self.lang.normalise(text)

    def article(self, article: Article) -> tuple[Utterance, ...]:
        """What is said, in order; a block with nothing to say (an uncaptioned figure in a
        language with no word for a picture) is left out rather than voiced as silence."""
        said = (self.block(block) for block in article.blocks)
        return self.metadata(article) + tuple(u for u in said if u.text)

    def metadata(self, article: Article) -> tuple[Utterance, ...]:
        said = [
            _utterance(META_HEADLINE, "headline", article.headline, self._part(article.headline))
        ]
        parts = []
        if article.bylines:
            parts.append(self.lang.phrase("by", names=_names(list(article.bylines), self.lang)))
        date = _date(article.published, self.lang)
        if date:
            parts.append(_sentence(date))
        byline = " ".join(parts)
        if byline:
            said.append(
                _utterance(META_BYLINE, "byline", byline, self._part(byline, line=self.say))
            )
        if article.standfirst:
            standfirst = article.standfirst
            said.append(
                _utterance(META_STANDFIRST, "paragraph", standfirst, self._part(standfirst))
            )
        return tuple(said)

    def block(self, block: Block) -> Utterance:
        lang = self.lang
        match block:
            case Heading():
                return _utterance(block.id, "heading", block.text, self._part(block.text))
            case Figure() if not block.caption:
                return self._picture_alone(block)
            case Figure():
                label = self.say(block.label) if block.label else None
                caption = plain(block.caption)
                return _utterance(
                    block.id,
                    "figure",
                    block.text,
                    self._part(
                        caption,
                        len(block.text) - len(caption),
                        lambda *, text: (
                            lang.phrase("image_labelled", label=label or "", caption=text)
                            if label
                            else lang.phrase("image", caption=text)
                        ),
                        line=lambda text: self.say(text).strip(),
                    ),
                )
            case Embed():
                handle = f"@{block.handle}" if block.handle else ""
                who = self.say(block.author or handle) or lang.phrase("someone")
                date = _date(block.date, lang)
                return _utterance(
                    block.id,
                    "embed",
                    block.text,
                    self._part(
                        block.text,
                        phrase=lambda *, text: (
                            lang.phrase("posted", date=date, who=who, text=text)
                            if date
                            else lang.phrase("posted_undated", who=who, text=text)
                        ),
                    ),
                    quoted=self.quote_voice,
                )
            case Quote():
                return _utterance(
                    block.id,
                    "quote",
                    block.text,
                    self._part(block.text, phrase=self._quote(block)),
                    quoted=self.quote_voice,
                )
            case ListBlock():
                sentences: list[Sentence] = []
                offset = 0
                for number, item in enumerate(map(plain, block.items), start=1):
                    numbered = functools.partial(lang.phrase, "item", number=str(number))
                    sentences += self._part(item, offset, numbered if block.ordered else None)
                    offset += len(item) + 1  # the line break between items in `block.text`
                return _utterance(block.id, "list", block.text, sentences)
            case Paragraph():
                return _utterance(block.id, "paragraph", block.text, self._part(block.text))
        raise TypeError(f"no spoken form for {type(block).__name__}")

    def _picture_alone(self, block: Figure) -> Utterance:
        """An uncaptioned figure (its caption was only a credit): its label as the caption, else
        the language's word for a picture alone ("Image."), as a screen reader announces an
        unlabelled image; a language with no generated words has nothing to say."""
        if block.label:
            label = self._part(
                block.label, phrase=lambda *, text: self.lang.phrase("image", caption=text)
            )
            return _utterance(block.id, "figure", block.text, label)
        alone = self.lang.phrase("image_alone")
        return _utterance(block.id, "figure", "", [Sentence(0, 0, alone)])

    def _line(self, text: str) -> str:
        return _sentence(self.say(text))

    def _part(
        self,
        text: str,
        offset: int = 0,
        phrase: Phrase | None = None,
        line: Callable[[str], str] | None = None,
    ) -> list[Sentence]:
        """The sentences of `text` (found at `offset` in the display text), each said by `line`
        (default: the rules, closed as a sentence), inside an announcement's `phrase` if any."""
        spans = sentence_spans(text) or [(0, len(text))]
        said = [(line or self._line)(text[start:end]) for start, end in spans]
        if phrase is not None:
            before, _, after = phrase(text=_MARK).partition(_MARK)
            last = said[-1].rstrip(".") if after.startswith(".") else said[-1]
            said[-1] = last + after
            said[0] = before + said[0]
        return [
            Sentence(offset + start, offset + end, spoken.strip())
            for (start, end), spoken in zip(spans, said, strict=True)
        ]

    def _quote(self, block: Quote) -> Phrase:
        """How a quotation's text is announced: by its phrase, or by the quote voice."""
        if self.quote_voice:
            cite = self._line(block.cite) if block.cite else None
            return lambda *, text: f"{cite} {text}" if cite else text
        if block.cite:
            return functools.partial(self.lang.phrase, "quote_cite", cite=self.say(block.cite))
        return functools.partial(self.lang.phrase, "quote")


def _utterance(
    block_id: str, kind: str, display: str, sentences: list[Sentence], quoted: bool = False
) -> Utterance:
    """An utterance said sentence by sentence: its spoken text is theirs, joined."""
    spoken = " ".join(s.spoken for s in sentences if s.spoken)
    first = replace(sentences[0], start=0)  # a figure's label belongs to its first sentence
    return Utterance(block_id, kind, display, spoken, quoted, (first, *sentences[1:]))
