"""trafilatura's `extract`, and a leaner import of it for a process that allows one.

`import trafilatura` runs the package's `__init__`, which loads its downloader (urllib3,
certifi) and metadata extraction (htmldate, courlan), and its utilities load charset-normalizer
to decode bytes: ~55 ms of a ~110 ms import (py3langid with numpy, ~60-85 ms more, where this
process has not loaded them), none of it used by `extract` on text without a URL and without
metadata, which is all the signal asks. On a one-minute HTML article that time
sits on the `render` command's path (see cli/readahead.py), so the reader child (which calls
`allow_lean`) loads `trafilatura.core` alone, with those four libraries standing in as names
that import the real library when first called: a call still runs the real code, and a type
check against a library that was never loaded is False (none of its objects can exist).
Anything the stand-ins cannot serve (a subclass of a stand-in) makes this import fall back to
the plain one. Only a process that owns its modules does this: the package it leaves in
`sys.modules` is `trafilatura` without the names its `__init__` would have added.

This relies on trafilatura's internals (`trafilatura.core.extract`, which libraries its modules
import): pyproject.toml bounds the version, and tests/read/test_extractor.py fails loudly when
the extraction differs from the plain import's or a stand-in library gets loaded.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import logging
import sys
from collections.abc import Callable, Sequence
from functools import cache
from types import ModuleType
from typing import Any

# The libraries trafilatura imports that `extract` does not run for text without URL or metadata.
DEFERRED = ("courlan", "htmldate", "charset_normalizer", "urllib3")

Extract = Callable[..., str | None]
# An optional dependency of trafilatura, for its `target_language` filter only (which the signal
# does not pass): marked absent while trafilatura loads, it does not load numpy (~60-85 ms).
_OPTIONAL = "py3langid"


class _Deferred(type):
    """A name from a deferred library: a class, so that type checks and `X | Y` unions work."""

    _module: str
    _path: tuple[str, ...]

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _Deferred:
        if any(isinstance(base, _Deferred) for base in bases):
            raise TypeError(f"a subclass of the deferred {name!r} cannot be served")
        return super().__new__(mcs, name, bases, namespace)

    def _real(cls) -> Any:
        found: Any = importlib.import_module(cls._module)
        for part in cls._path:
            found = getattr(found, part)
        return found

    def _loaded(cls) -> bool:
        return not isinstance(sys.modules.get(cls._module), _Standin | None)

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls._real()(*args, **kwargs)

    def __instancecheck__(cls, instance: Any) -> bool:
        return cls._loaded() and isinstance(instance, cls._real())

    def __subclasscheck__(cls, subclass: type) -> bool:
        return cls._loaded() and issubclass(subclass, cls._real())

    def __getattr__(cls, name: str) -> _Deferred:
        if name.startswith("__"):
            raise AttributeError(name)
        return _deferred(cls._module, (*cls._path, name))


def _deferred(module: str, path: tuple[str, ...]) -> _Deferred:
    return _Deferred(path[-1], (), {"_module": module, "_path": path})


class _Standin(ModuleType):
    """A deferred library's module while trafilatura is imported: every name is deferred."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__path__: list[str] = []  # a package, so that its submodules are stood in too

    def __getattr__(self, name: str) -> _Deferred:
        if name.startswith("__"):
            raise AttributeError(name)
        return _deferred(self.__name__, (name,))


class _StandinFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Serves a stand-in for each module of the deferred libraries."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.split(".", 1)[0] in DEFERRED:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return _Standin(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        pass


_lean_allowed = False


def allow_lean() -> None:
    """Let `extractor` import trafilatura lean in this process (a process that owns its
    modules: the reader child)."""
    global _lean_allowed
    _lean_allowed = True


@cache
def extractor() -> Extract:
    """trafilatura's `extract`: imported lean where allowed, trafilatura is not loaded yet and
    none of the deferred libraries is either; else the plain import."""
    loaded = "trafilatura" in sys.modules or any(name in sys.modules for name in DEFERRED)
    if not _lean_allowed or loaded:
        return _plain()
    try:
        return _lean()
    except Exception:  # noqa: BLE001  # whatever the stand-ins could not serve: the plain way
        for name in [name for name in sys.modules if name.split(".")[0] == "trafilatura"]:
            del sys.modules[name]
        return _plain()


def _plain() -> Extract:
    import trafilatura

    extract: Extract = trafilatura.extract
    return extract


def _lean() -> Extract:
    spec = importlib.util.find_spec("trafilatura")
    if spec is None:
        raise ImportError("trafilatura is not installed")
    sys.modules["trafilatura"] = importlib.util.module_from_spec(spec)  # its __init__ not run
    finder = _StandinFinder()
    sys.meta_path.insert(0, finder)
    absent = _OPTIONAL not in sys.modules
    if absent:
        sys.modules[_OPTIONAL] = None  # type: ignore[assignment]  # None: an ImportError
    try:
        core = importlib.import_module("trafilatura.core")
    finally:
        sys.meta_path.remove(finder)
        if absent:
            del sys.modules[_OPTIONAL]
        for name in [name for name, module in sys.modules.items() if isinstance(module, _Standin)]:
            del sys.modules[name]
    logging.getLogger("trafilatura").addHandler(logging.NullHandler())  # as its __init__ does
    extract: Extract = core.extract
    return extract
