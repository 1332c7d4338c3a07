"""The speech engines accessnews can drive, each described by an EngineSpec.

Only the descriptions live here (cheap to import); each engine's pyttsx3 driver module is
imported when the engine is opened, so espeak-only runs never load numpy or onnxruntime.
"""

from __future__ import annotations

from ...errors import UsageError
from .espeak import ESPEAK
from .neural import NEURAL
from .spec import EngineSpec

ENGINES: dict[str, EngineSpec] = {spec.name: spec for spec in (ESPEAK, NEURAL)}
DEFAULT_ENGINE = ESPEAK.name


def engine_spec(name: str) -> EngineSpec:
    """The engine called `name`, or a one-line error listing the known ones."""
    try:
        return ENGINES[name]
    except KeyError:
        raise UsageError(
            f"unknown speech engine {name!r}; use one of {', '.join(ENGINES)}"
        ) from None
