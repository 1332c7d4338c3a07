"""Synthesis of one article into a Narration, sentence by sentence.

Each sentence of each utterance is synthesised on its own (checked, retried and split by the
engine like any text), so its first and last sample are known exactly, not estimated from the
engine's events. The audio goes straight on to the sinks (the PCM file, the streaming encoders)
with the voice profile's pauses between utterances; nothing is held in memory but one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, Heading
from .chapters import PlannedChapter
from .engine import SAMPLE_WIDTH, SpeechEngine
from .mp3 import Chapter
from .narration import Narration, SpokenBlock, SpokenSentence
from .scripts import voice_for_script
from .spoken import Sentence, Utterance
from .voices import VoiceProfile

META = "meta"


@dataclass(frozen=True)
class Spoken:
    """A narration and what its synthesis found out on the way."""

    narration: Narration
    speech: int  # samples of synthesised speech, without the pauses between utterances
    warnings: tuple[str, ...]  # "block id: doubt" for audio kept despite the self-check


class Narrator:
    """Speaks utterances into `sinks` with one engine, voice profile and rate."""

    def __init__(
        self,
        engine: SpeechEngine,
        profile: VoiceProfile,
        rate: int,
        sinks: Sequence[Callable[[bytes], object]],
    ) -> None:
        self._engine = engine
        self._profile = profile
        self._rate = rate
        self._sinks = sinks
        self._per_ms = engine.sample_rate / 1000
        self._position = 0  # samples written so far
        self._warnings: list[str] = []

    def _write(self, pcm: bytes) -> None:
        for sink in self._sinks:
            sink(pcm)
        self._position += len(pcm) // SAMPLE_WIDTH

    def narrate(
        self,
        article: Article,
        utterances: tuple[Utterance, ...],
        plan: tuple[PlannedChapter, ...],
        pcm_path: Path,
        progress: Callable[[int, int], None] | None = None,
    ) -> Spoken:
        """Speak every utterance, with the profile's pauses between them, into the sinks."""
        chapter_starts = {c.first for c in plan}
        levels = {b.id: b.level for b in article.blocks if isinstance(b, Heading)}
        blocks_total = sum(u.is_block for u in utterances)
        blocks_done = 0
        starts: list[int] = []
        blocks: list[SpokenBlock] = []
        speech = 0
        if progress:
            progress(0, blocks_total)
        for index, utterance in enumerate(utterances):
            starts.append(self._position)
            block = self._block(utterance, levels.get(utterance.block_id, 0))
            speech += self._position - starts[-1]
            if block is not None:
                blocks.append(block)
            if index + 1 < len(utterances):
                pauses = self._profile.pauses
                pause_ms = (
                    pauses.chapter if index + 1 in chapter_starts else pauses.after(utterance.kind)
                )
                self._write(bytes(round(pause_ms * self._per_ms) * SAMPLE_WIDTH))
            if utterance.is_block:
                blocks_done += 1
                if progress:
                    progress(blocks_done, blocks_total)
        total = self._position
        narration = Narration(
            sample_rate=self._engine.sample_rate,
            total=total,
            blocks=tuple(blocks),
            chapters=_chapters(utterances, plan, starts, total, self._engine.sample_rate),
            language=article.language,
            pcm_path=pcm_path,
        )
        return Spoken(narration, speech, tuple(self._warnings))

    def _block(self, utterance: Utterance, level: int) -> SpokenBlock | None:
        """Speak one utterance sentence by sentence; its block, or None if it made no sound.

        A sentence that makes no sound (a lone symbol) joins the display text of its
        neighbour, so the block's sentences still cover its text and each has audio."""
        settings = self._profile.settings(self._rate, quoted=utterance.quoted)
        self._engine.use(voice_for_script(utterance.text, settings))
        voiced: list[tuple[int, Sentence, int, int]] = []  # display start, sentence, samples
        pause = bytes(round(self._profile.pauses.sentence * self._per_ms) * SAMPLE_WIDTH)
        for sentence in utterance.said():
            doubts: list[str] = []
            pcm = self._engine.speak(sentence.spoken, doubts)
            self._warnings += [f"{utterance.block_id}: {doubt}" for doubt in doubts]
            if len(pcm) >= SAMPLE_WIDTH:
                if voiced:
                    self._write(pause)
                start = self._position
                self._write(pcm)
                voiced.append((sentence.start if voiced else 0, sentence, start, self._position))
            elif voiced:
                begin, last, first, end = voiced[-1]
                joined = Sentence(last.start, sentence.end, f"{last.spoken} {sentence.spoken}")
                voiced[-1] = (begin, joined, first, end)
        sentences = [
            SpokenSentence(
                f"{utterance.block_id}-s{number}",
                utterance.title[begin : sentence.end],
                sentence.spoken,
                start,
                end,
            )
            for number, (begin, sentence, start, end) in enumerate(voiced, start=1)
        ]
        if not sentences:
            return None
        kind = META if not utterance.is_block else utterance.kind
        return SpokenBlock(
            utterance.block_id, kind, level, sentences[0].start, sentences[-1].end, tuple(sentences)
        )


def _chapters(
    utterances: tuple[Utterance, ...],
    plan: tuple[PlannedChapter, ...],
    starts: list[int],
    total: int,
    sample_rate: int,
) -> tuple[Chapter, ...]:
    """The planned chapters at the times their first utterances start."""
    to_ms = 1000 / sample_rate
    begins = [round(starts[c.first] * to_ms) for c in plan]
    ends = begins[1:] + [round(total * to_ms)]
    return tuple(
        Chapter(f"chp{n}", start, end, c.title, utterances[c.first].block_id)
        for n, (c, start, end) in enumerate(zip(plan, begins, ends, strict=True))
    )
