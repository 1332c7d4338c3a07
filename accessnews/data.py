"""The package's data files (voice profiles, language rules, tables), found through
importlib.resources: in a checkout, a wheel, `pip install --user`, pipx or a zip alike."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def data(package: str, *parts: str) -> Traversable:
    """The data file or folder `parts` of `package` (e.g. data("accessnews", "voices"))."""
    found = files(package)
    for part in parts:
        found = found / part
    return found


def tomls(folder: Traversable) -> list[Traversable]:
    """The folder's TOML files, sorted by name."""
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
