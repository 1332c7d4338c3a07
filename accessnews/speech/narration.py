"""The narration: one article's speech, synthesised once, with a timeline of blocks and sentences.

Every audio format (MP3 with chapters, M4B, DAISY 2.02, EPUB 3 Media Overlays, the edition) is a
serialiser of a Narration: they read the same PCM file and the same sample-exact timeline, so
synthesis runs once per article however many audio formats are asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .mp3 import Chapter


@dataclass(frozen=True)
class SpokenSentence:
    """One sentence as displayed and as spoken, with the samples its audio occupies."""

    sentence_id: str  # "<block_id>-s<n>", n from 1; unique in the article
    text: str  # the sentence as displayed: a slice of the model block's text
    spoken: str  # the same sentence after the spoken-form rules (what the engine read)
    start: int  # first sample of its audio in the narration's PCM
    end: int  # one past its last sample (end > start)


@dataclass(frozen=True)
class SpokenBlock:
    """One block of the model (or a "meta-..." announcement) and the samples its sentences span."""

    block_id: str
    kind: str  # the model block kind (heading, paragraph, ...) or "meta"
    level: int  # heading level (0 when not a heading)
    start: int
    end: int
    sentences: tuple[SpokenSentence, ...]


@dataclass(frozen=True)
class Narration:
    """The whole article's audio (a PCM file) and its timeline, shared by every audio serialiser."""

    sample_rate: int  # Hz (espeak-ng: 22050)
    total: int  # samples in the whole narration, pauses included
    blocks: tuple[SpokenBlock, ...]  # reading order; gapped by pauses, never overlapping
    chapters: tuple[Chapter, ...]  # the same chapters as the MP3's
    language: str  # BCP-47 tag of the article
    pcm_path: Path  # mono s16le PCM; a temp file owned by the writer run

    def seconds(self, samples: int) -> float:
        """A sample position as seconds from the start of the narration."""
        return samples / self.sample_rate
