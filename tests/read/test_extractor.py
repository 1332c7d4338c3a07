"""The lean import of trafilatura (read/extractor.py): the same extraction, without the four
libraries it defers; each check runs in a fresh interpreter, as the lean import only happens
in a process where trafilatura is not loaded yet."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from accessnews.read.extractor import DEFERRED

from ..conftest import SHARED

WCXB_PAGES = SHARED / "corpora" / "wcxb-dev-articles" / "html"
REAL_PAGES = 60  # every 13th WCXB page: ~10 s for both imports

# A page written for these tests: a story long enough for trafilatura to keep it.
PAGE = (
    "<html><head><title>Canal lock reopens</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Canal lock reopens</h1>"
    + "".join(
        f"<p>Paragraph {n}: the lock keepers worked through the winter to replace the oak gates, "
        "and boats queued along the towpath on the first morning of the season.</p>"
        for n in range(8)
    )
    + "</article><footer>Contact us</footer></body></html>"
)

CHECK = """
import json, sys
lean = sys.argv[1] == "lean"
from accessnews.read import extractor
if lean:
    extractor.allow_lean()
extract = extractor.extractor()
pages = json.loads(sys.stdin.read())
text = [extract(page, include_comments=False, include_tables=True) for page in pages]
loaded = [name for name in extractor.DEFERRED if name in sys.modules]
deferred = {  # resolving them loads the libraries: after `loaded`
    f"{module.__name__}.{name}": callable(value._real())
    for module in list(sys.modules.values())
    if module is not None and module.__name__.startswith("trafilatura")
    for name, value in vars(module).items()
    if isinstance(value, extractor._Deferred)
}
print(json.dumps({"text": text, "loaded": loaded, "deferred": deferred}))
"""


def _run(mode: str, pages: tuple[str, ...] = (PAGE,)) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, mode],
        input=json.dumps(pages),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    found: dict[str, object] = json.loads(result.stdout)
    return found


def test_the_lean_import_extracts_the_same_text_without_the_deferred_libraries() -> None:
    lean, plain = _run("lean"), _run("plain")
    assert lean["text"] == plain["text"] and "oak gates" in str(lean["text"])
    assert lean["loaded"] == [], "trafilatura's extract now runs a deferred library"
    assert plain["loaded"] == list(DEFERRED)  # the plain import loads them all


@pytest.mark.skipif(not WCXB_PAGES.is_dir(), reason="../shared/corpora is not here")
def test_the_lean_import_extracts_the_same_text_from_real_pages() -> None:
    files = sorted(WCXB_PAGES.glob("*.html.gz"))[::13][:REAL_PAGES]
    pages = tuple(gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files)
    lean, plain = _run("lean", pages), _run("plain", pages)
    assert lean["loaded"] == []
    texts = list(zip(files, list(lean["text"]), list(plain["text"]), strict=True))  # type: ignore[call-overload]
    assert sum(bool(ours) for _, ours, _ in texts) > len(files) * 0.9  # extraction really ran
    assert [f.name for f, ours, theirs in texts if ours != theirs] == []


def test_every_deferred_name_trafilatura_takes_is_a_function_or_a_class() -> None:
    """A stand-in serves calls and type checks; a constant taken at import time would be a
    stand-in where trafilatura expects a value, so none may be."""
    deferred = _run("lean")["deferred"]
    assert isinstance(deferred, dict) and "trafilatura.utils.get_base_url" in deferred
    assert [name for name, is_callable in deferred.items() if not is_callable] == []


def test_a_stand_in_calls_the_real_function_and_checks_types_against_the_real_class() -> None:
    script = (
        "from accessnews.read.extractor import _deferred\n"
        "quote = _deferred('urllib.parse', ('quote',))\n"
        "split = _deferred('urllib.parse', ('SplitResult',))\n"
        "from urllib.parse import urlsplit\n"
        "print(quote('a b'), isinstance(urlsplit('http://x/'), split), isinstance(1, split))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.split() == ["a%20b", "True", "False"]
