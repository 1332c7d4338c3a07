"""Voice profiles: data in voices/*.toml (engine voice, prosody, pauses, quote voice, lexicon).

A profile is picked by name (`--voice`) or by the article's language; profiles are never
constants in code, so a new voice or a pronunciation fix is a data edit.
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AccessnewsError
from .engine import SpeechEngine, VoiceSettings


def _voices_dir() -> Path:
    """voices/ beside the package in a checkout, else where a wheel install puts it."""
    checkout = Path(__file__).resolve().parents[2] / "voices"
    installed = Path(sys.prefix) / "share" / "accessnews" / "voices"
    return checkout if checkout.is_dir() or not installed.is_dir() else installed


VOICES_DIR = _voices_dir()
DEFAULT_PROFILE = "en-GB"


@dataclass(frozen=True)
class Pauses:
    """Silence (ms) after a headline, a heading, any other block, and before a new chapter."""

    headline: int = 900
    heading: int = 700
    paragraph: int = 400
    chapter: int = 1200

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

    def settings(self, rate: int | None = None, *, quoted: bool = False) -> VoiceSettings:
        """Engine settings for narration, or for quotations when the profile has a quote voice."""
        voice = self.quote_voice if quoted and self.quote_voice else self.voice
        return VoiceSettings(voice, rate or self.rate, self.pitch, self.volume)


def _profile(path: Path) -> VoiceProfile:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
        return VoiceProfile(
            name=path.stem,
            description=data.get("description", path.stem),
            languages=tuple(data.get("languages", ())),
            voice=data["voice"],
            rate=int(data["rate"]),
            pitch=int(data.get("pitch", 50)),
            volume=int(data.get("volume", 100)),
            quote_voice=data.get("quote_voice"),
            pauses=Pauses(**data.get("pauses", {})),
            lexicon=tuple(data.get("lexicon", {}).items()),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise AccessnewsError(f"voice profile {path} is invalid: {error}") from error


def load_profiles(directory: Path = VOICES_DIR) -> dict[str, VoiceProfile]:
    profiles = {path.stem: _profile(path) for path in sorted(directory.glob("*.toml"))}
    if not profiles:
        raise AccessnewsError(f"no voice profiles found in {directory}")
    return profiles


def select_profile(
    profiles: dict[str, VoiceProfile], name: str | None, language: str
) -> VoiceProfile:
    """The named profile, else the one for the language (exact tag, then primary subtag)."""
    if name is not None:
        by_name = {key.lower(): profile for key, profile in profiles.items()}
        if name.lower() not in by_name:
            raise AccessnewsError(
                f"unknown voice {name!r}; available voices: {', '.join(sorted(profiles))}"
            )
        return by_name[name.lower()]
    tag = language.lower()
    for wanted in (tag, tag.split("-")[0]):
        for profile in profiles.values():
            if wanted in (lang.lower() for lang in profile.languages):
                return profile
    return profiles.get(DEFAULT_PROFILE) or next(iter(profiles.values()))


def describe_voices() -> str:
    """What `accessnews voices` prints: the profiles, then espeak-ng's installed voices."""
    lines = ["Voice profiles (--voice NAME):"]
    for profile in load_profiles().values():
        quote = f", quotes in {profile.quote_voice}" if profile.quote_voice else ""
        lines.append(
            f"  {profile.name:<8} {profile.description}; for {', '.join(profile.languages)}; "
            f"engine voice {profile.voice} at {profile.rate} wpm{quote}"
        )
    voices = SpeechEngine().installed_voices()
    lines.append(f"\nInstalled espeak-ng voices ({len(voices)}), usable as `voice` in a profile:")
    lines.extend(f"  {v.id:<24} {v.name} [{', '.join(v.languages)}]" for v in voices)
    return "\n".join(lines)
