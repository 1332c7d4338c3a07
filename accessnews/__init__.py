"""accessnews: news articles as narrated MP3 with chapters and Grade 2 braille.

`read`, `clean` and `render` (accessnews/api.py) are loaded on first use, so that
`import accessnews` (and every command's start-up) stays cheap.
"""

import sys
from types import ModuleType

TYPE_CHECKING = False  # not typing's: importing typing would cost `import accessnews` ~3 ms

__version__ = "0.1.0"
__all__ = ["Article", "Result", "clean", "read", "render"]
_API = frozenset({"Result", "clean", "read", "render"})

if TYPE_CHECKING:
    from .api import Result, clean, read, render
    from .model import Article


class _Package(ModuleType):
    """The package keeps `read`, `clean` and `render` as the API's functions: importing the
    submodules of the same names (accessnews/read/, clean/, render.py) would otherwise replace
    them with the modules (the import system sets each submodule on its parent)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _API and isinstance(value, ModuleType):
            return  # still in sys.modules: `from .render import Renderer` works
        super().__setattr__(name, value)

    def __getattr__(self, name: str) -> object:
        if name == "Article":
            from .model import Article

            return Article
        if name in _API:
            from . import api

            found = getattr(api, name)
            setattr(self, name, found)
            return found
        raise AttributeError(f"module 'accessnews' has no attribute {name!r}")


sys.modules[__name__].__class__ = _Package
