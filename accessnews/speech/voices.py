"""Voice profiles: data in accessnews/voices/*.toml (engine, engine voice, prosody, pauses,
quote voice, lexicon).

A profile is picked by name (`--voice`) or by the article's language among the profiles of the
engine that reads it; profiles are never constants in code, so a new voice or a pronunciation
fix is a data edit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from typing import Any, TypeVar

from ..data import data, tomls
from ..errors import AccessnewsError, UsageError
from .engine import EngineVoice, SpeechEngine, VoiceSettings
from .engines import DEFAULT_ENGINE, ENGINES, engine_spec

VOICES_DIR = data("accessnews", "voices")  # package data: every install layout has it
DEFAULT_PROFILE = "en-GB"
T = TypeVar("T")


@dataclass(frozen=True)
class Pauses:
    """Silence (ms) after a headline, a heading, any other block, before a new chapter, and
    between two sentences of a block (each is synthesised alone, and espeak-ng leaves no pause
    after the last sentence it is given: at 175 wpm its own is 270-290 ms)."""

    headline: int = 900
    heading: int = 700
    paragraph: int = 400
    chapter: int = 1200
    sentence: int = 280

    def after(self, kind: str) -> int:
        return {"headline": self.headline, "heading": self.heading}.get(kind, self.paragraph)


@dataclass(frozen=True)
class VoiceProfile:
    name: str
    description: str
    languages: tuple[str, ...]
    voice: str
    rate: int
    pitch: int = 50
    volume: int = 100
    quote_voice: str | None = None
    pauses: Pauses = field(default_factory=Pauses)
    lexicon: tuple[tuple[str, str], ...] = ()
    engine: str = DEFAULT_ENGINE  # speech/engines/: which engine `voice` belongs to

    def settings(self, rate: int | None = None, *, quoted: bool = False) -> VoiceSettings:
        """Engine settings for narration, or for quotations when the profile has a quote voice."""
        voice = self.quote_voice if quoted and self.quote_voice else self.voice
        return VoiceSettings(voice, rate or self.rate, self.pitch, self.volume)


def _profile(path: Traversable) -> VoiceProfile:
    try:
        values: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        name = path.name.removesuffix(".toml")
        profile = VoiceProfile(
            name=name,
            description=values.get("description", name),
            languages=tuple(values.get("languages", ())),
            voice=values["voice"],
            rate=int(values["rate"]),
            pitch=int(values.get("pitch", 50)),
            volume=int(values.get("volume", 100)),
            quote_voice=values.get("quote_voice"),
            pauses=Pauses(**values.get("pauses", {})),
            lexicon=tuple(values.get("lexicon", {}).items()),
            engine=values.get("engine", DEFAULT_ENGINE),
        )
    except (
        AccessnewsError,
        OSError,
        tomllib.TOMLDecodeError,
        KeyError,
        TypeError,
        ValueError,
    ) as error:
        raise AccessnewsError(f"voice profile {path} is invalid: {error}") from error
    if profile.engine not in ENGINES:
        raise AccessnewsError(f"voice profile {path} names an unknown engine {profile.engine!r}")
    return profile


def load_profiles(directory: Traversable = VOICES_DIR) -> dict[str, VoiceProfile]:
    profiles = {profile.name: profile for profile in map(_profile, tomls(directory))}
    if not profiles:
        raise AccessnewsError(f"no voice profiles found in {directory}")
    return profiles


def _matching(tag: str, candidates: list[tuple[tuple[str, ...], T]]) -> T | None:
    """The first candidate whose languages hold the tag, else its primary subtag; a candidate
    whose own (first) language it is comes before one that lists it among others."""
    tag = tag.lower()
    for wanted in (tag, tag.split("-")[0]):
        lists = [([lang.lower() for lang in langs], candidate) for langs, candidate in candidates]
        for own_only in (True, False):
            for languages, candidate in lists:
                if wanted in (languages[:1] if own_only else languages):
                    return candidate
    return None


def _engine_profile(voice: EngineVoice, base: VoiceProfile, engine: str) -> VoiceProfile:
    """A profile for an engine voice that no hand-tuned profile covers: its own voice for
    narration and quotes, the default profile's rate and pauses, no lexicon."""
    return replace(
        base,
        engine=engine,
        name=voice.id,
        description=f"{engine_spec(engine).label} {voice.name} (automatic)",
        languages=voice.languages,
        voice=voice.id,
        quote_voice=None,
        lexicon=(),
    )


def select_profile(
    profiles: dict[str, VoiceProfile],
    name: str | None,
    language: str,
    engine_voices: Sequence[EngineVoice] = (),
    engine: str = DEFAULT_ENGINE,
) -> VoiceProfile:
    """Among the profiles of `engine` (whose voices are `engine_voices`): the named profile or
    engine voice id; else the profile for the language (exact tag, then primary subtag); else
    the engine's voice for it; else the engine's default profile."""
    own = {key: p for key, p in profiles.items() if p.engine == engine}
    fallback = profiles.get(DEFAULT_PROFILE) or next(iter(profiles.values()))
    default = own.get(DEFAULT_PROFILE) or next(iter(own.values()), fallback)
    if name is not None:
        by_name = {key.lower(): profile for key, profile in profiles.items()}
        voices = {voice.id.lower(): voice for voice in engine_voices}
        named = by_name.get(name.lower())
        if named is not None and named.engine != engine:
            raise AccessnewsError(
                f"voice profile {named.name!r} is for the {named.engine} engine, not {engine}"
            )
        if named is not None:
            return named
        if name.lower() in voices:
            return _engine_profile(voices[name.lower()], default, engine)
        raise UsageError(
            f"unknown voice {name!r}; use a profile ({', '.join(sorted(own))}) "
            f"or a {engine_spec(engine).label} voice id (see `accessnews voices`)"
        )
    profile = _matching(language, [(p.languages, p) for p in own.values()])
    voice = _matching(language, [(v.languages, v) for v in engine_voices])
    if profile is None and voice is not None:
        return _engine_profile(voice, default, engine)
    return profile or default


def voice_warning(profile: VoiceProfile, language: str) -> str | None:
    """What to tell the reader when the article's language has no voice and another reads it."""
    primary = language.split("-")[0].lower()
    if not primary or primary in (lang.split("-")[0].lower() for lang in profile.languages):
        return None
    return f"no voice for language {language!r}; read with {profile.name}"


def describe_voices() -> str:
    """What `accessnews voices` prints: the profiles, then each engine's installed voices."""
    lines = ["Voice profiles (--voice NAME):"]
    for profile in load_profiles().values():
        quote = f", quotes in {profile.quote_voice}" if profile.quote_voice else ""
        lines.append(
            f"  {profile.name:<8} {profile.description}; for {', '.join(profile.languages)}; "
            f"{profile.engine} voice {profile.voice} at {profile.rate} wpm{quote}"
        )
    for spec in ENGINES.values():
        missing = spec.missing()
        if missing is not None:
            lines.append(f"\nThe {spec.name} engine ({spec.label}) is not installed: {missing}")
            continue
        voices = SpeechEngine(spec.name).installed_voices()
        lines.append(
            f"\nInstalled {spec.label} voices ({len(voices)}, --engine {spec.name}), usable as "
            "--voice ID or `voice` in a profile; an article in a language no profile covers "
            "is read with its voice:"
        )
        lines.extend(f"  {v.id:<24} {v.name} [{', '.join(v.languages)}]" for v in voices)
    return "\n".join(lines)
