"""What both talking-book serialisers do with the narration's audio: a constant-bitrate MP3
(what DAISY 2.02 recommends, a core media type of EPUB 3) encoded by LAME while the narration
is synthesised, through the same loudness stage as the article's MP3: the same encode, when the
article's MP3 is asked for too, and one encode for both books."""

from __future__ import annotations

from pathlib import Path

from ..speech.mp3_format import lame_share
from ..speech.narration import Narration
from ..speech.serialise import AudioJob, Streaming
from ..speech.shared import Share
from .sync import Synced, synced


class EncodingSerialiser(Streaming[Share]):
    """Shares the article MP3's LAME encode (mp3_format.lame_share); `finish` hands the synced
    text and the MP3 to `write`."""

    html5 = True  # the markup of the text (DAISY 2.02 keeps to XHTML 1.0)

    def __init__(self, job: AudioJob) -> None:
        super().__init__(job, lame_share(job))

    @property
    def job(self) -> AudioJob:
        return self._job

    def finish(self, narration: Narration) -> list[Path]:
        try:
            text = synced(self._job.article, narration, html5=self.html5)
        except BaseException:
            self._encoder.abort()
            raise
        return self.write(text, self._encoder.finish())

    def write(self, text: Synced, audio: bytes) -> list[Path]:
        raise NotImplementedError
