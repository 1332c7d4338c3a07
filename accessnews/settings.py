"""User settings: command-line flags win over ACCESSNEWS_* environment variables, which win over
the config file ($XDG_CONFIG_HOME/accessnews/config.toml), which wins over the options' own
defaults (the dataclasses in speech/writer.py and braille/writer.py: one place per default).

A user's pronunciations live beside the config, in lexicon.toml, and join the voice profile's
lexicon. A bad file, key or value is one line naming where it came from, and exit 2.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError

CONFIG_NAME = "config.toml"
LEXICON_NAME = "lexicon.toml"
ENV_PREFIX = "ACCESSNEWS_"


@dataclass(frozen=True)
class Setting:
    """One setting a user can keep: its key (config key, flag's dest) and value type."""

    key: str
    kind: type

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.key.upper()

    @property
    def flag(self) -> str:
        return "--" + self.key.replace("_", "-")


SETTINGS = {
    setting.key: setting
    for setting in (
        Setting("voice", str),
        Setting("engine", str),
        Setting("rate", int),
        Setting("bitrate", int),
        Setting("braille_table", str),
        Setting("embosser", str),
        Setting("cells", int),
        Setting("lines", int),
        Setting("interpoint", bool),
        Setting("page_numbers", str),
        Setting("running_head", bool),
        Setting("volume_pages", int),
    )
}
_BOOLEANS = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def config_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """$XDG_CONFIG_HOME/accessnews, or ~/.config/accessnews (the XDG default)."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")) / ".config")
    return Path(base).expanduser() / "accessnews"


@dataclass(frozen=True)
class Value:
    value: Any
    origin: str  # "--rate", "ACCESSNEWS_RATE" or "/home/me/.config/accessnews/config.toml"


def _toml(path: Path) -> dict[str, Any]:
    """A TOML file's table; {} when there is none."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read it ({error})") from None


def _from_config(path: Path) -> dict[str, Value]:
    found = {}
    for key, value in _toml(path).items():
        setting = SETTINGS.get(key)
        if setting is None:
            known = ", ".join(SETTINGS)
            raise UsageError(f"{path}: unknown key {key!r}; known keys: {known}")
        if type(value) is not setting.kind:  # bool is an int subclass: types must match exactly
            raise UsageError(f"{path}: key {key}: expected {setting.kind.__name__}, got {value!r}")
        found[key] = Value(value, str(path))
    return found


def _from_env(environ: Mapping[str, str]) -> dict[str, Value]:
    found = {}
    for setting in SETTINGS.values():
        raw = environ.get(setting.env)
        if raw is None or raw == "":
            continue
        try:
            value: Any = _BOOLEANS[raw.lower()] if setting.kind is bool else setting.kind(raw)
        except (KeyError, ValueError):
            raise UsageError(f"{setting.env}={raw!r}: expected {setting.kind.__name__}") from None
        found[setting.key] = Value(value, setting.env)
    return found


def resolve(flags: Mapping[str, Any], environ: Mapping[str, str] = os.environ) -> dict[str, Value]:
    """Each setting given somewhere, with where: flags (None = not given) > env > config."""
    merged = _from_config(config_dir(environ) / CONFIG_NAME) | _from_env(environ)
    given = {
        key: Value(value, SETTINGS[key].flag) for key, value in flags.items() if value is not None
    }
    return merged | given


def checked(values: Mapping[str, Value], build: Callable[[dict[str, Any]], Any]) -> Any:
    """`build(values)`; a usage error caused by a value from the environment or the config file
    names that origin (a flag's own error already names the flag's value)."""
    try:
        return build({key: value.value for key, value in values.items()})
    except UsageError:
        for key, value in values.items():
            if value.origin.startswith("--"):
                continue
            try:
                build({key: value.value})
            except UsageError as own:
                raise UsageError(f"{value.origin}: key {key}: {own}") from None
        raise


def user_lexicon(environ: Mapping[str, str] = os.environ) -> tuple[tuple[str, str], ...]:
    """The user's pronunciations (`word = "how to say it"`), which win over the profile's."""
    path = config_dir(environ) / LEXICON_NAME
    entries = _toml(path)
    for word, said in entries.items():
        if not isinstance(said, str):
            raise UsageError(f"{path}: key {word!r}: expected a string, got {said!r}")
    return tuple(entries.items())


def _given(**values: Any) -> dict[str, Any]:
    """Only the values given, so that the options' dataclass defaults apply to the rest."""
    return {key: value for key, value in values.items() if value is not None}


def _names(text: str | None) -> tuple[str, ...] | None:
    """`neural,espeak` as names in order of preference; None when not given."""
    return None if text is None else tuple(n.strip() for n in text.split(",") if n.strip())


def render_options(
    values: Mapping[str, Any],
    formats: Sequence[str] | None = None,
    *,
    language: str | None = None,
    lexicon: tuple[tuple[str, str], ...] = (),
) -> Any:
    """RenderOptions for `formats` (None: the default formats) from settings (keys of SETTINGS;
    absent = the options' default); a value a writer cannot take raises UsageError."""
    from .formats import DEFAULT_FORMATS, of_writer
    from .render import RenderOptions

    chosen = tuple(DEFAULT_FORMATS if formats is None else formats)
    audio_options = braille_options = None
    if of_writer(chosen, "audio"):
        from .speech.writer import AudioOptions

        audio_options = AudioOptions(
            **_given(voice=values.get("voice"), rate=values.get("rate")),
            **_given(engine=_names(values.get("engine"))),
            **_given(bitrate=values.get("bitrate")),
            lexicon=lexicon,
        )
    if of_writer(chosen, "braille"):
        from .braille.writer import BrailleOptions
        from .emboss.profiles import geometry

        cells, lines, interpoint = geometry(
            values.get("embosser"), values.get("cells"), values.get("lines"),
            values.get("interpoint"),
        )  # fmt: skip
        braille_options = BrailleOptions(
            **_given(table=values.get("braille_table"), cells=cells, lines=lines),
            **_given(interpoint=interpoint, page_numbers=values.get("page_numbers")),
            **_given(running_head=values.get("running_head")),
            **_given(volume_pages=values.get("volume_pages")),
        )
    return RenderOptions(
        audio=audio_options, braille=braille_options, language=language, formats=chosen
    )
