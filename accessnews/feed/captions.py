"""A timed transcript: `STEM.transcript.vtt`, one WebVTT cue per spoken sentence.

Podcast apps show it as captions (`podcast:transcript rel="captions"` in the feed). Cues carry
the sentence as displayed (the model's text, not the spoken form's expansions) and its own
audio's start and end, so the pauses between sentences have no caption.
"""

from __future__ import annotations

from pathlib import Path

from ..fileio import write_atomic
from ..speech.narration import Narration
from ..speech.serialise import AudioJob
from ..speech.sidecars import _cue_text, vtt_time

TRANSCRIPT_VTT = ".transcript.vtt"


def captions_vtt(narration: Narration) -> str:
    rate = narration.sample_rate
    cues = [
        f"{s.sentence_id}\n{vtt_time(s.start * 1000 // rate)} --> "
        f"{vtt_time(s.end * 1000 // rate)}\n{_cue_text(s.text)}"
        for block in narration.blocks
        for s in block.sentences
        if s.text.strip()
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


class CaptionsSerialiser:
    """Needs only the timeline: ignores the PCM."""

    def __init__(self, job: AudioJob) -> None:
        self.job = job

    def feed(self, pcm: bytes) -> None:
        del pcm

    def finish(self, narration: Narration) -> list[Path]:
        target = self.job.outdir / f"{self.job.stem}{TRANSCRIPT_VTT}"
        write_atomic(target, captions_vtt(narration))
        return [target]

    def abort(self) -> None:
        return None


def serialiser(job: AudioJob) -> CaptionsSerialiser:
    return CaptionsSerialiser(job)
