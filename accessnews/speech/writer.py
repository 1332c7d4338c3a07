"""The audio writer: a clean Article -> STEM.mp3 (chapters, tags) + JSON and WebVTT chapters.

One speech engine serves every article the writer renders. Each utterance's audio is appended
at a known sample position, so a chapter starts exactly where its first block's audio begins;
the timeline is checked to hold audio for every block of the model before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import RenderError, UsageError
from ..fileio import write_atomic
from ..model import Article
from .chapters import plan_chapters, words
from .engine import SAMPLE_WIDTH, EngineVoice, SpeechEngine
from .language import Language, language_for
from .mp3 import Chapter, Encoder, Tags, id3_tag
from .scripts import voice_for_script
from .spoken import SpokenForm, Utterance
from .voices import VoiceProfile, load_profiles, select_profile, voice_warning

RATE_RANGE = range(80, 451)  # what espeak-ng accepts, words per minute
# MPEG-2 Layer III bitrates: the only ones for espeak-ng's native 22,050 Hz
BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)


@dataclass(frozen=True)
class AudioOptions:
    voice: str | None = None  # profile name (voices/NAME.toml); None = pick by article language
    rate: int | None = None  # words per minute; None = the profile's
    bitrate: int = 64  # kbps
    # The user's own pronunciations (lexicon.toml): they win over the profile's for a word.
    lexicon: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        """Values a user can get wrong are usage errors (exit 2), raised before any work."""
        if self.rate is not None and self.rate not in RATE_RANGE:
            raise UsageError(
                f"rate {self.rate} is out of range; use {RATE_RANGE.start}-{RATE_RANGE.stop - 1}"
            )
        if self.bitrate not in BITRATES:
            raise UsageError(
                f"bitrate {self.bitrate} is not an MP3 bitrate at 22 kHz; use one of "
                + ", ".join(map(str, BITRATES))
            )


def clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


@dataclass(frozen=True)
class AudioResult:
    files: list[Path]
    duration: float
    chapters: int
    words: int
    chapter_list: tuple[Chapter, ...] = ()
    voice: str = ""
    speech: float = 0.0  # seconds of synthesised speech, without the pauses between blocks
    warnings: tuple[str, ...] = ()  # "block id: what the speech self-check doubted"

    def summary(self) -> str:
        chapters = f"{self.chapters} chapter{'s' if self.chapters != 1 else ''}"
        doubts = f", {len(self.warnings)} speech warning(s)" if self.warnings else ""
        return f"audio {clock(self.duration)}, {chapters}, {self.words} words{doubts}"

    def details(self) -> str:
        lines = [f"  voice {self.voice}; files: {', '.join(p.name for p in self.files)}"]
        lines += [f"  warning: {warning}" for warning in self.warnings]
        lines += [
            f"  {clock(c.start_ms / 1000):>6}  {c.title}  [{c.block_id}]" for c in self.chapter_list
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class _Timeline:
    """Where each utterance's audio starts and how long it is, in samples."""

    starts: tuple[int, ...]
    lengths: tuple[int, ...]
    total: int
    warnings: tuple[str, ...] = ()  # "block id: doubt" for audio kept despite the self-check


def _language_warnings(no_voice: str | None, lang: Language, language: str) -> tuple[str, ...]:
    """What the listener should know about the article's language: no voice, no speech data."""
    found: tuple[str, ...] = (no_voice,) if no_voice else ()
    if lang.neutral:
        found += (
            f"no speech rules for language {language!r}: no announcement words (image, post), "
            "and numbers, dates and symbols are read as the voice reads them",
        )
    return found


def _description(article: Article) -> str:
    """The ID3 comment, which podcast apps show as the episode's description: the standfirst
    and, for a page read from the web, its address; never a local path."""
    parts = [article.standfirst or article.headline]
    if article.source and article.source.startswith(("http://", "https://")):
        parts.append(f"Source: {article.source}")
    return "\n".join(parts)


class AudioWriter:
    """Context manager: creates the speech engine on entry, releases it on exit."""

    def __init__(self, options: AudioOptions) -> None:
        self.options = options
        self._profiles = load_profiles()
        self._engine: SpeechEngine | None = None
        self._voices: list[EngineVoice] = []

    def __enter__(self) -> AudioWriter:
        self._engine = SpeechEngine()
        self._voices = self._engine.installed_voices()
        if self.options.voice is not None:  # an unknown voice fails before any work
            select_profile(self._profiles, self.options.voice, "", self._voices)
        return self

    def __exit__(self, *exc: object) -> None:
        self._engine = None

    def write(
        self,
        article: Article,
        outdir: Path,
        stem: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> AudioResult:
        if self._engine is None:
            raise RenderError("AudioWriter.write called outside its `with` block")
        profile = select_profile(self._profiles, self.options.voice, article.language, self._voices)
        if self.options.lexicon:
            lexicon = dict(profile.lexicon) | dict(self.options.lexicon)
            profile = replace(profile, lexicon=tuple(lexicon.items()))
        no_voice = None if self.options.voice else voice_warning(profile, article.language)
        rate = self.options.rate or profile.rate
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        # LAME first: it starts up in its own process while the spoken form is computed here.
        encoder = Encoder(self._engine.sample_rate, self.options.bitrate, outdir)
        try:
            lang = language_for(article.language)
            form = SpokenForm(lang, profile.lexicon, bool(profile.quote_voice))
            utterances = form.article(article)
            plan = plan_chapters(utterances, rate)
            timeline = self._synthesize(
                utterances, {c.first for c in plan}, profile, rate, encoder, progress
            )
            _check_every_block(article, utterances, timeline)
            to_ms = 1000 / self._engine.sample_rate
            starts = [round(timeline.starts[c.first] * to_ms) for c in plan]
            ends = starts[1:] + [round(timeline.total * to_ms)]
            chapters = [
                Chapter(f"chp{n}", start, end, c.title, utterances[c.first].block_id)
                for n, (c, start, end) in enumerate(zip(plan, starts, ends, strict=True))
            ]
            # The tag and sidecars depend on the timeline only: build them while LAME is
            # still encoding the last of the audio (its tail is most of a short render).
            contents = self._file_contents(article, stem, chapters, lang.iso639_2, profile)
        except BaseException:
            encoder.abort()
            raise
        audio = encoder.finish()
        files = self._write_files(outdir, stem, audio, contents)
        return AudioResult(
            files=files,
            duration=timeline.total / self._engine.sample_rate,
            chapters=len(chapters),
            words=sum(words(u.text) for u in utterances),
            chapter_list=tuple(chapters),
            voice=profile.name,
            speech=sum(timeline.lengths) / self._engine.sample_rate,
            warnings=(*_language_warnings(no_voice, lang, article.language), *timeline.warnings),
        )

    def _synthesize(
        self,
        utterances: tuple[Utterance, ...],
        chapter_starts: set[int],
        profile: VoiceProfile,
        rate: int,
        encoder: Encoder,
        progress: Callable[[int, int], None] | None,
    ) -> _Timeline:
        """Speak every utterance into the encoder, with the profile's pauses between them."""
        assert self._engine is not None
        per_ms = self._engine.sample_rate / 1000
        blocks_total = sum(u.is_block for u in utterances)
        blocks_done = 0
        starts: list[int] = []
        lengths: list[int] = []
        warnings: list[str] = []
        position = 0
        if progress:
            progress(0, blocks_total)
        for index, utterance in enumerate(utterances):
            settings = profile.settings(rate, quoted=utterance.quoted)
            self._engine.use(voice_for_script(utterance.text, settings))
            doubts: list[str] = []
            pcm = self._engine.speak(utterance.text, doubts)
            warnings += [f"{utterance.block_id}: {doubt}" for doubt in doubts]
            starts.append(position)
            lengths.append(len(pcm) // SAMPLE_WIDTH)
            position += len(pcm) // SAMPLE_WIDTH
            encoder.write(pcm)
            if index + 1 < len(utterances):
                pause_ms = (
                    profile.pauses.chapter
                    if index + 1 in chapter_starts
                    else profile.pauses.after(utterance.kind)
                )
                silence = round(pause_ms * per_ms)
                encoder.write(bytes(silence * SAMPLE_WIDTH))
                position += silence
            if utterance.is_block:
                blocks_done += 1
                if progress:
                    progress(blocks_done, blocks_total)
        return _Timeline(tuple(starts), tuple(lengths), position, tuple(warnings))

    def _file_contents(
        self,
        article: Article,
        stem: str,
        chapters: list[Chapter],
        language: str,
        profile: VoiceProfile,
    ) -> tuple[bytes, str, str]:
        """The MP3's ID3 tag, the JSON chapters and the WebVTT chapters."""
        from .sidecars import chapters_json, chapters_vtt  # after synthesis, while LAME ends

        artist = ", ".join(article.bylines) or None
        tags = Tags(
            title=article.headline,
            artist=artist,
            album=article.publication,
            date=article.published,
            language=language,
            comment=_description(article),
            length_ms=chapters[-1].end_ms,
            encoder=f"accessnews (espeak-ng voice {profile.voice}, LAME)",
        )
        return (
            id3_tag(tags, chapters),
            chapters_json(chapters, article.headline, artist),
            chapters_vtt(chapters),
        )

    def _write_files(
        self, outdir: Path, stem: str, audio: bytes, contents: tuple[bytes, str, str]
    ) -> list[Path]:
        tag, json_text, vtt_text = contents
        paths = [outdir / f"{stem}.mp3", outdir / f"{stem}.chapters.json"]
        paths.append(outdir / f"{stem}.chapters.vtt")
        write_atomic(paths[0], tag + audio)
        write_atomic(paths[1], json_text)
        write_atomic(paths[2], vtt_text)
        return paths


def _check_every_block(
    article: Article, utterances: tuple[Utterance, ...], timeline: _Timeline
) -> None:
    """Fail loudly unless every block id of the model has audio in the timeline."""
    voiced = {u.block_id for u, n in zip(utterances, timeline.lengths, strict=True) if n > 0}
    missing = [block.id for block in article.blocks if block.id not in voiced]
    if missing:
        raise RenderError(f"no audio for {len(missing)} block(s): {', '.join(missing[:5])}")
