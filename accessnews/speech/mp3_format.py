"""The MP3 serialiser: STEM.mp3 (ID3 chapters and tags) + JSON and WebVTT chapter sidecars.

LAME encodes while the narration is synthesised; the tag and sidecars depend on the timeline
only, so they are built while LAME is still encoding the last of the audio.
"""

from __future__ import annotations

from pathlib import Path

from ..fileio import write_atomic
from .mp3 import Encoder, Tags, id3_tag
from .narration import Narration
from .serialise import AudioJob, Streaming
from .shared import Share
from .sidecars import chapters_json, chapters_vtt


def lame_share(job: AudioJob) -> Share:
    """The narration's CBR MP3 at the job's settings: one LAME encode for every format that
    stores it (this one, DAISY and EPUB)."""
    key = ("lame", job.sample_rate, job.bitrate)
    return job.encodes.share(key, lambda: Encoder(job.sample_rate, job.bitrate, job.outdir))


class Mp3Serialiser(Streaming[Share]):
    def __init__(self, job: AudioJob) -> None:
        super().__init__(job, lame_share(job))

    def finish(self, narration: Narration) -> list[Path]:
        job = self._job
        chapters = list(narration.chapters)
        try:
            tags = Tags(
                title=job.article.headline,
                artist=job.artist,
                album=job.article.publication,
                date=job.article.published,
                language=job.language,
                comment=job.description(),
                length_ms=chapters[-1].end_ms,
                encoder=f"accessnews ({job.voice}, LAME)",
            )
            tag = id3_tag(tags, chapters)
            json_text = chapters_json(chapters, job.article.headline, job.artist)
            vtt_text = chapters_vtt(chapters)
        except BaseException:
            self._encoder.abort()
            raise
        audio = self._encoder.finish()
        paths = [job.outdir / f"{job.stem}{suffix}" for suffix in (".mp3", ".chapters.json")]
        paths.append(job.outdir / f"{job.stem}.chapters.vtt")
        write_atomic(paths[0], tag + audio)
        write_atomic(paths[1], json_text)
        write_atomic(paths[2], vtt_text)
        return paths


def serialiser(job: AudioJob) -> Mp3Serialiser:
    return Mp3Serialiser(job)
