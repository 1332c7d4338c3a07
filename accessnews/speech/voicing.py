"""Which engine and voice profile read an article: the one place engines are chosen.

The user names engines in order of preference (`--engine neural,espeak`: the neural voice,
or espeak-ng where its extra is not installed), or a profile whose `engine` key names one;
espeak-ng is the default. An engine that cannot run here is an error naming the install
command unless a later engine in the list can. Per article, an engine that cannot read it
(the neural voice reads English in Latin letters only) hands it to espeak-ng, with a note
for the report. Engines are opened once per process and reused.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article
from .engine import SpeechEngine, open_engine
from .engines import DEFAULT_ENGINE, engine_spec
from .scripts import dominant_script
from .voices import VoiceProfile, load_profiles, select_profile, voice_warning


@dataclass(frozen=True)
class Cast:
    """An article's engine and profile, and what the listener should know about the choice."""

    engine: SpeechEngine
    profile: VoiceProfile
    notes: tuple[str, ...] = ()


def _foreign_script(article: Article) -> str | None:
    """The first non-Latin script a block of the article is mostly written in, if any."""
    for text in (article.headline, *(block.text for block in article.blocks)):
        script = dominant_script(text)
        if script not in (None, "LATIN"):
            return script
    return None


class Voicing:
    """Opens the chosen engine on creation (so a missing extra fails before any work)."""

    def __init__(
        self, engines: tuple[str, ...] = (), voice: str | None = None, rate: int | None = None
    ) -> None:
        self._profiles = load_profiles()
        self._voice = voice
        self._rate = rate
        named = self._profiles.get(voice) if voice else None
        preferences = engines or ((named.engine,) if named else (DEFAULT_ENGINE,))
        for name in preferences:
            engine_spec(name)  # an unknown name fails before the first engine loads
        self.primary = self._checked(open_engine(preferences))
        self._open = {self.primary.spec.name: self.primary}
        if voice is not None:  # an unknown voice, or one of another engine, fails before any work
            self._profile(self.primary, voice, "")

    def _checked(self, engine: SpeechEngine) -> SpeechEngine:
        if self._rate is not None:
            engine.check_rate(self._rate)
        return engine

    def _profile(self, engine: SpeechEngine, voice: str | None, language: str) -> VoiceProfile:
        voices = engine.installed_voices()
        return select_profile(self._profiles, voice, language, voices, engine.spec.name)

    def cast(self, article: Article) -> Cast:
        """The engine and profile for `article`, falling back to espeak-ng where the chosen
        engine cannot read it."""
        engine, notes = self.primary, []
        spec = engine.spec
        script = None if spec.script_voices else _foreign_script(article)
        if not spec.reads(article.language) or script is not None:
            why = f"{script.lower()} script" if script else f"language {article.language!r}"
            notes.append(f"{spec.label} cannot read {why}: read with espeak-ng instead")
            if DEFAULT_ENGINE not in self._open:
                self._open[DEFAULT_ENGINE] = self._checked(open_engine((DEFAULT_ENGINE,)))
            engine = self._open[DEFAULT_ENGINE]
        voice = self._voice if engine is self.primary else None
        profile = self._profile(engine, voice, article.language)
        if not voice:
            notes += [w for w in [voice_warning(profile, article.language)] if w]
        return Cast(engine, profile, tuple(notes))
