"""accessnews: news articles as narrated MP3 with chapters and Grade 2 braille.

`read`, `clean` and `render` (accessnews/api.py) are loaded on first use, so that
`import accessnews` (and every command's start-up) stays cheap.
"""

TYPE_CHECKING = False  # not typing's: importing typing would cost `import accessnews` ~3 ms
__version__ = "0.1.0"
__all__ = ["Article", "Result", "clean", "read", "render"]

if TYPE_CHECKING:
    from .api import Result, clean, read, render
    from .model import Article


def __getattr__(name: str) -> object:
    if name == "Article":
        from .model import Article

        return Article
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'accessnews' has no attribute {name!r}")
