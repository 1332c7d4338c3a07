"""One encode of an article's narration, shared by every format that stores the same audio.

The article's MP3, the DAISY book and the EPUB all carry a constant-bitrate MP3 of the narration
at the job's sample rate and bitrate (DAISY 2.02 and EPUB 3 both take CBR MP3): LAME runs once
and each format gets the same bytes, instead of one LAME process per format competing for the
cores synthesis needs. Each serialiser holds a `Share`; the first one feeds the encoder, the first
`finish` waits for it and keeps the audio for the others, and the encoder is stopped only when
every holder has given up on it (one format failing never costs another its audio).
"""

from __future__ import annotations

from collections.abc import Callable

from .pipe import PipeEncoder


class _Encode:
    """The encoder, its result once finished, and how many holders still need it."""

    def __init__(self, encoder: PipeEncoder) -> None:
        self.encoder = encoder
        self.holders = 0
        self._result: bytes | Exception | None = None

    def result(self) -> bytes:
        if self._result is None:
            try:
                self._result = self.encoder.finish()
            except Exception as error:  # every holder reports the encoder's failure
                self._result = error
        if isinstance(self._result, Exception):
            raise self._result
        return self._result

    def release(self) -> None:
        self.holders -= 1
        if self.holders == 0:
            if self._result is None:
                self.encoder.abort()
            self._result = b""  # the audio is no longer needed: free it


class Share:
    """One holder's view of a shared encode: `write`, `finish` and `abort` like an encoder."""

    def __init__(self, encode: _Encode, feeds: bool) -> None:
        self._encode = encode
        self._feeds = feeds
        self._open = True
        encode.holders += 1

    def write(self, pcm: bytes) -> None:
        if self._feeds:
            self._encode.encoder.write(pcm)

    def finish(self) -> bytes:
        """The encoded audio (encoded once, whichever holder asks first)."""
        try:
            return self._encode.result()
        finally:
            self._release()

    def abort(self) -> None:
        """This holder no longer needs the audio; the encoder stops when no holder does."""
        self._release()

    def _release(self) -> None:
        if self._open:
            self._open = False
            self._encode.release()


class SharedEncodes:
    """The encodes of one article's narration by what they are (encoder and settings)."""

    def __init__(self) -> None:
        self._encodes: dict[tuple[object, ...], _Encode] = {}

    def share(self, key: tuple[object, ...], make: Callable[[], PipeEncoder]) -> Share:
        """A hold on the encode `key`, started by `make` for its first holder."""
        encode = self._encodes.get(key)
        if encode is None or encode.holders == 0:
            encode = self._encodes[key] = _Encode(make())
            return Share(encode, feeds=True)
        return Share(encode, feeds=False)
