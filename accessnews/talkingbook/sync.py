"""What both talking books synchronise: the article's text with an id on every sentence, and a
clip of the narration per sentence.

Clips are contiguous: each sentence's clip runs on to the start of the next (through the pause
after it), the first starts at 0 and the last ends with the narration, so the clips tile the
audio exactly and a player moving from one to the next neither skips nor repeats a sample.
Times are whole milliseconds, rounded down, so a clip never ends after the audio does.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from ..braille.labels import labels_for
from ..markup import Mark, block
from ..model import Article, Block
from ..speech.narration import Narration, SpokenBlock

META_TAGS = {"meta-headline": "h1"}  # other announcements (byline, standfirst) are paragraphs


@dataclass(frozen=True)
class Clip:
    sentence_id: str
    target: str  # the text element's id: the sentence's, or its block's if it was not found
    block_id: str
    begin_ms: int
    end_ms: int


@dataclass(frozen=True)
class Synced:
    """The article as markup elements in reading order, and the clips that point into them."""

    elements: tuple[str, ...]
    clips: tuple[Clip, ...]
    duration_ms: int

    def first_clip(self, block_id: str) -> Clip:
        return next(c for c in self.clips if c.block_id == block_id)


def _ms(samples: int, narration: Narration) -> int:
    return samples * 1000 // narration.sample_rate


def _marks(text: str, spoken: SpokenBlock) -> list[Mark]:
    """Where each sentence of the block sits in its text (found in order)."""
    marks, position = [], 0
    for sentence in spoken.sentences:
        found = text.find(sentence.text.strip(), position) if sentence.text.strip() else -1
        if found >= 0:
            end = found + len(sentence.text.strip())
            marks.append(Mark(found, end, sentence.sentence_id))
            position = end
    return marks


def _meta(spoken: SpokenBlock) -> str:
    tag = META_TAGS.get(spoken.block_id, "p")
    inner = " ".join(
        f'<span id="{escape(s.sentence_id)}">{escape(s.text, quote=False)}</span>'
        for s in spoken.sentences
    )
    return f'<{tag} id="{escape(spoken.block_id)}">{inner}</{tag}>'


def synced(article: Article, narration: Narration, html5: bool) -> Synced:
    """Markup of every spoken block with sentence ids, and the contiguous sentence clips."""
    blocks: dict[str, Block] = {b.id: b for b in article.blocks}
    elements: list[str] = []
    targets: dict[str, str] = {}
    picture = labels_for(article.language).image
    for spoken in narration.blocks:
        model = blocks.get(spoken.block_id)
        if model is None:
            elements.append(_meta(spoken))
            targets |= {s.sentence_id: s.sentence_id for s in spoken.sentences}
            continue
        marks = _marks(model.text, spoken)
        elements.append(block(model, marks, html5=html5, picture=picture))
        found = {m.id for m in marks}
        targets |= {
            s.sentence_id: s.sentence_id if s.sentence_id in found else spoken.block_id
            for s in spoken.sentences
        }
    order = [(s, b) for b in narration.blocks for s in b.sentences]
    starts = [0] + [_ms(s.start, narration) for s, _ in order[1:]]
    ends = starts[1:] + [_ms(narration.total, narration)]
    clips = tuple(
        Clip(s.sentence_id, targets[s.sentence_id], b.block_id, begin, end)
        for (s, b), begin, end in zip(order, starts, ends, strict=True)
        if end > begin
    )
    return Synced(tuple(elements), clips, _ms(narration.total, narration))


def clock(ms: int) -> str:
    """A SMIL full clock value, hh:mm:ss.fff."""
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"
