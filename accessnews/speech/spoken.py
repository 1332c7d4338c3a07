"""The spoken form of an article: what the engine says for each block, rendered from the model.

Writers never clean text; this module only decides how clean text is *said*: the headline and
"By ..." line, "Image: caption." for figures (never the credit), "X posted on DATE: ..." for
embedded posts, announced or voiced quotations, numbered list items, and the per-language
normalisation rules (language.py) for what espeak-ng reads badly. Each utterance keeps the id
of the block it came from, so audio can be traced back to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import parse_date
from ..model import Article, Block, Embed, Figure, Heading, ListBlock, Paragraph, Quote, plain
from .language import Language

META_HEADLINE = "meta-headline"
META_BYLINE = "meta-byline"
META_STANDFIRST = "meta-standfirst"
_ENDS_SENTENCE = re.compile(r"[.!?…:;]['\"’”)]*$")


@dataclass(frozen=True)
class Utterance:
    """One block's speech: its id, kind (for pauses and chapters), display text, spoken text."""

    block_id: str
    kind: str
    title: str
    text: str
    quoted: bool = False

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
        return self.metadata(article) + tuple(self.block(block) for block in article.blocks)

    def metadata(self, article: Article) -> tuple[Utterance, ...]:
        said = [
            Utterance(META_HEADLINE, "headline", article.headline, self._line(article.headline))
        ]
        parts = []
        if article.bylines:
            parts.append(self.lang.phrase("by", names=_names(list(article.bylines), self.lang)))
        date = _date(article.published, self.lang)
        if date:
            parts.append(_sentence(date))
        byline = " ".join(parts)
        if byline:
            said.append(Utterance(META_BYLINE, "byline", byline, self.say(byline)))
        if article.standfirst:
            said.append(
                Utterance(
                    META_STANDFIRST, "paragraph", article.standfirst, self._line(article.standfirst)
                )
            )
        return tuple(said)

    def block(self, block: Block) -> Utterance:
        lang = self.lang
        match block:
            case Heading():
                return Utterance(block.id, "heading", block.text, self._line(block.text))
            case Figure():
                caption = self.say(plain(block.caption)).strip().rstrip(".")
                text = (
                    lang.phrase("image_labelled", label=self.say(block.label), caption=caption)
                    if block.label
                    else lang.phrase("image", caption=caption)
                )
                return Utterance(block.id, "figure", block.text, text)
            case Embed():
                handle = f"@{block.handle}" if block.handle else ""
                who = self.say(block.author or handle) or lang.phrase("someone")
                date = _date(block.date, lang)
                values = {"who": who, "text": self._line(block.text)}
                text = (
                    lang.phrase("posted", date=date, **values)
                    if date
                    else lang.phrase("posted_undated", **values)
                )
                return Utterance(block.id, "embed", block.text, text, quoted=self.quote_voice)
            case Quote():
                return Utterance(
                    block.id, "quote", block.text, self._quote(block), self.quote_voice
                )
            case ListBlock():
                items = [self._line(plain(item)) for item in block.items]
                if block.ordered:
                    items = [
                        lang.phrase("item", number=str(n), text=t) for n, t in enumerate(items, 1)
                    ]
                return Utterance(block.id, "list", block.text, " ".join(items))
            case Paragraph():
                return Utterance(block.id, "paragraph", block.text, self._line(block.text))
        raise TypeError(f"no spoken form for {type(block).__name__}")

    def _line(self, text: str) -> str:
        return _sentence(self.say(text))

    def _quote(self, block: Quote) -> str:
        text = self._line(block.text)
        if self.quote_voice:
            return f"{self._line(block.cite)} {text}" if block.cite else text
        if block.cite:
            return self.lang.phrase("quote_cite", cite=self.say(block.cite), text=text)
        return self.lang.phrase("quote", text=text)
