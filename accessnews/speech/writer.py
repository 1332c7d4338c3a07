"""The audio writer: a clean Article -> one Narration -> every audio format asked for.

One speech engine serves every article the writer renders. The narration (narrate.py) times
every block and sentence to the sample, so a chapter starts exactly where its first block's
audio begins; it is checked to hold audio for every block of the model before anything is
written. Its PCM lives in a scratch folder beside the outputs until every serialiser has run.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import AccessnewsError, RenderError, UsageError
from ..fileio import environmental
from ..model import Article, Figure
from .chapters import plan_chapters, words
from .engines import ENGINES, engine_spec
from .language import Language, language_for
from .mp3 import Chapter
from .narrate import Narrator
from .narration import Narration
from .serialise import AudioJob, AudioSerialiser, serialiser
from .spoken import SpokenForm
from .voicing import Voicing

# MPEG-2 Layer III bitrates: the only ones for the engines' native 22,050 and 24,000 Hz
BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)


@dataclass(frozen=True)
class AudioOptions:
    voice: str | None = None  # profile name (voices/NAME.toml); None = pick by article language
    rate: int | None = None  # words per minute (the engine checks its range); None = profile's
    bitrate: int = 64  # kbps
    engine: tuple[str, ...] = ()  # engines by preference (speech/voicing.py); () = the profile's
    # The user's own pronunciations (lexicon.toml): they win over the profile's for a word.
    lexicon: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        """Values a user can get wrong are usage errors (exit 2), raised before any work. A
        rate no engine asked for can speak fails here; the range of the engine that reads an
        article is checked again when it opens (the neural voice's is narrower)."""
        specs = [engine_spec(name) for name in self.engine] or list(ENGINES.values())
        if self.rate is not None and not any(self.rate in spec.rates for spec in specs):
            low = min(spec.rates.start for spec in specs)
            high = max(spec.rates.stop for spec in specs) - 1
            raise UsageError(f"rate {self.rate} is out of range; use {low}-{high}")
        if self.bitrate not in BITRATES:
            raise UsageError(
                f"bitrate {self.bitrate} is not an MP3 bitrate at 22-24 kHz; use one of "
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
    failed: dict[str, str] = field(default_factory=dict)  # format -> why it was not written

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


def _language_warnings(notes: tuple[str, ...], lang: Language, language: str) -> tuple[str, ...]:
    """What the listener should know about the article's language: the engine or voice that
    reads it instead of the chosen one, no speech data."""
    found = notes
    if lang.neutral:
        found += (
            f"no speech rules for language {language!r}: no announcement words (image, post), "
            "and numbers, dates and symbols are read as the voice reads them",
        )
    return found


class AudioWriter:
    """Context manager: opens the speech engine(s) on entry, releases them on exit."""

    def __init__(self, options: AudioOptions) -> None:
        self.options = options
        self._voicing: Voicing | None = None

    def __enter__(self) -> AudioWriter:
        options = self.options
        self._voicing = Voicing(options.engine, options.voice, options.rate)
        return self

    def __exit__(self, *exc: object) -> None:
        self._voicing = None

    def write(
        self,
        article: Article,
        outdir: Path,
        stem: str,
        formats: Sequence[str] = ("mp3",),
        progress: Callable[[int, int], None] | None = None,
    ) -> AudioResult:
        """Narrate `article` once and serialise the narration in every audio format asked for.

        A serialiser that fails is reported in the result's `failed`, and the others still
        write; a failure of synthesis itself fails them all.
        """
        if self._voicing is None:
            raise RenderError("AudioWriter.write called outside its `with` block")
        cast = self._voicing.cast(article)
        engine, profile = cast.engine, cast.profile
        if self.options.lexicon:
            lexicon = dict(profile.lexicon) | dict(self.options.lexicon)
            profile = replace(profile, lexicon=tuple(lexicon.items()))
        rate = self.options.rate or profile.rate
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        lang = language_for(article.language)
        job = AudioJob(
            article, outdir, stem, engine.sample_rate, self.options.bitrate,
            lang.iso639_2, f"{engine.spec.label} voice {profile.voice}",
        )  # fmt: skip
        with tempfile.TemporaryDirectory(dir=outdir, prefix=".accessnews-") as scratch:
            # Encoders first: they start up in their own processes while the spoken form is
            # computed here.
            serialisers, failed = _start(formats, job)
            try:
                form = SpokenForm(lang, profile.lexicon, bool(profile.quote_voice))
                utterances = form.article(article)
                plan = plan_chapters(utterances, rate)
                pcm_path = Path(scratch) / "narration.pcm"
                with pcm_path.open("wb") as pcm_file:
                    sinks = [pcm_file.write, *(s.feed for s in serialisers.values())]
                    spoken = Narrator(engine, profile, rate, sinks).narrate(
                        article, utterances, plan, pcm_path, progress
                    )
                narration = spoken.narration
                _check_every_block(article, narration)
            except BaseException:
                for started in serialisers.values():
                    started.abort()
                raise
            files = _serialise(serialisers, narration, failed)
        return AudioResult(
            files=files,
            duration=narration.seconds(narration.total),
            chapters=len(narration.chapters),
            words=sum(words(u.text) for u in utterances),
            chapter_list=narration.chapters,
            voice=profile.name,
            speech=narration.seconds(spoken.speech),
            warnings=(*_language_warnings(cast.notes, lang, article.language), *spoken.warnings),
            failed=failed,
        )


@contextlib.contextmanager
def _recorded(name: str, failed: dict[str, str]) -> Iterator[None]:
    """Record in `failed` why format `name` failed (its error, or the machine's reason)."""
    try:
        yield
    except AccessnewsError as error:
        failed[name] = str(error)
    except OSError as error:
        cause = environmental(error)
        if cause is None:
            raise  # not the machine: a bug, with its traceback
        failed[name] = f"{cause} ({error.filename or error})"


def _start(
    formats: Sequence[str], job: AudioJob
) -> tuple[dict[str, AudioSerialiser], dict[str, str]]:
    """A serialiser per format, and why the ones that cannot start (no encoder) failed; with
    none started there is nothing to synthesise for, and the first failure is raised."""
    started: dict[str, AudioSerialiser] = {}
    failed: dict[str, str] = {}
    for name in formats:
        with _recorded(name, failed):
            started[name] = serialiser(name, job)
    if not started and failed:
        raise RenderError(next(iter(failed.values())))
    return started, failed


def _serialise(
    serialisers: dict[str, AudioSerialiser], narration: Narration, failed: dict[str, str]
) -> list[Path]:
    """Each format's files; a format that fails is recorded in `failed`, the next still written."""
    files: list[Path] = []
    for name, serialiser_ in serialisers.items():
        with _recorded(name, failed):
            files += serialiser_.finish(narration)
    return files


def _check_every_block(article: Article, narration: Narration) -> None:
    """Fail loudly unless every block id of the model has audio in the narration; only an
    uncaptioned figure (no text) may be silent, in a language with no word for a picture."""
    voiced = {block.block_id for block in narration.blocks if block.end > block.start}
    silent = language_for(article.language).phrase("image_alone") == ""
    missing = [
        block.id
        for block in article.blocks
        if block.id not in voiced and not (silent and isinstance(block, Figure) and not block.text)
    ]
    if missing:
        raise RenderError(f"no audio for {len(missing)} block(s): {', '.join(missing[:5])}")
