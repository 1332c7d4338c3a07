"""Which language an article is in: its declared tag weighed against py3langid reading its text.

Pages often declare the wrong language (a site template's `lang="en"` over an Italian story) or
none at all, and plain text declares nothing; the voice and the braille code both follow this
choice, so it is made once, here, and its evidence travels in the model. py3langid (a maintained
fork of langid.py: 97 languages, naive Bayes over byte n-grams) reads the text; its model ships
LZMA-compressed and takes ~0.7 s to unpack, so the unpacked arrays are kept in the user's cache
and memory-mapped (a few ms) by every later run.
"""

from __future__ import annotations

import json
import mmap
import os
import re
import shutil
import tempfile
from array import array
from contextlib import suppress
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..model import Article, Embed, Figure, LanguageEvidence

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

DEFAULT = "en"
SAMPLE_CHARS = 4000  # more text does not change the verdict on news prose, only the time
MIN_LETTERS = 40  # below this a detector's answer is noise ("Test" reads as Kabyle)
OVERRULE = 0.95  # the text must be at least this sure to overrule a page's declared tag
ACCEPT = 0.5  # with nothing declared, a weaker verdict still beats a blind default
_TAG = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{1,8})*$")
_LETTER = re.compile(r"[^\W\d_]")
# py3langid labels that BCP 47 spells with a shorter tag.
_PREFERRED = {"uzs": "uz", "arz": "ar", "ary": "ar", "wuu": "zh", "yue": "zh", "hbo": "he"}


def language_tag(value: str | None) -> str | None:
    """A BCP 47 tag from `en_GB`, `EN-gb`, `es`; None if it does not look like one."""
    if not value or not _TAG.match(value.strip()):
        return None
    primary, *rest = value.strip().replace("_", "-").split("-")
    subtags = [
        part.upper() if len(part) == 2 else part.title() if len(part) == 4 else part
        for part in rest
    ]
    return "-".join([primary.lower(), *subtags])


def given_language(value: str) -> str:
    """A `--language` value as a tag, or a usage error naming the expected form."""
    tag = language_tag(value)
    if tag is None:
        raise UsageError(f"--language {value!r} is not a language tag (for example: it, pt-BR)")
    return tag


def primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def article_text(article: Article) -> str:
    """The article's own prose, for detection: headline, standfirst and body, not embeds."""
    parts, size = [article.headline, article.standfirst or ""], 0
    for block in article.blocks:
        if size >= SAMPLE_CHARS:  # a page of a million paragraphs is sampled, not joined
            break
        if not isinstance(block, Embed | Figure):
            parts.append(block.text)
            size += len(parts[-1])
    return "\n".join(parts)[:SAMPLE_CHARS]


def detect(text: str) -> tuple[str, float] | None:
    """The text's language and the detector's probability; None when there is too little text."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return None
    label, probability = _identifier().classify(text)
    return _PREFERRED.get(label, label), probability


def preload() -> None:
    """Load the identifier now, so that a process waiting for an article to identify (the
    `render` command's, while its reader child works) imports py3langid and numpy (~60-85 ms)
    during the wait rather than after the article arrives."""
    _identifier()


def identify(article: Article, given: str | None = None) -> Article:
    """The article with its language chosen and the evidence recorded."""
    declared = article.language_evidence.declared if article.language_evidence else None
    if given is not None:
        return _with(article, given, LanguageEvidence("given", declared))
    found = detect(article_text(article))
    detected, confidence = found if found else (None, None)
    evidence = LanguageEvidence("declared", declared, detected, confidence)
    if declared and (
        found is None or primary(declared) == detected or (confidence or 0.0) < OVERRULE
    ):
        return _with(article, declared, evidence)
    if detected and (confidence or 0.0) >= (OVERRULE if declared else ACCEPT):
        return _with(article, detected, replace(evidence, source="detected"))
    return _with(article, declared or DEFAULT, replace(evidence, source="default"))


def _with(article: Article, language: str, evidence: LanguageEvidence) -> Article:
    return replace(article, language=language, language_evidence=evidence)


@dataclass(frozen=True)
class _Model:
    """py3langid's model arrays: class priors, per-feature likelihoods and the n-gram automaton."""

    ptc: Any
    pc: Any
    classes: list[str]
    nextmove: Any
    row: Any
    output: Any


_RAW = ("nextmove", "row", "output")  # read element by element in Python: kept as raw C arrays


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's identifier over the memory-mapped model, unpacked once per user."""
    import py3langid
    from py3langid.langid import LanguageIdentifier

    folder = _cache_root() / f"py3langid-{py3langid.__version__}"
    try:
        model = _mapped(folder)
    except (OSError, ValueError, KeyError):  # not cached yet, or a damaged cache
        model = _packaged()
        shutil.rmtree(folder, ignore_errors=True)
        with suppress(OSError):  # no writable cache: this run keeps the unpacked copy
            _save(model, folder)
    return LanguageIdentifier(
        model.ptc, model.pc, model.classes, model.nextmove, model.output,
        norm_probs=True, tk_row=model.row,
    )  # fmt: skip


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "accessnews"


def _packaged() -> _Model:
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return _Model(ptc, pc, classes, nextmove, row, array("i", output))


def _save(model: _Model, folder: Path) -> None:
    """Write the unpacked model beside `folder` and move it into place in one rename."""
    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        np.save(staging / "ptc.npy", model.ptc)
        np.save(staging / "pc.npy", model.pc)
        for name in _RAW:
            (staging / f"{name}.bin").write_bytes(getattr(model, name).tobytes())
        codes = {name: getattr(model, name).typecode for name in _RAW}
        meta = {"classes": model.classes, "typecodes": codes}
        (staging / "meta.json").write_text(json.dumps(meta))
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _mapped(folder: Path) -> _Model:
    """The cached model, memory-mapped: only the pages a text touches are read."""
    import numpy as np

    meta = json.loads((folder / "meta.json").read_text())
    raw = {name: _map(folder / f"{name}.bin", meta["typecodes"][name]) for name in _RAW}
    ptc = np.load(folder / "ptc.npy", mmap_mode="r")
    return _Model(ptc, np.load(folder / "pc.npy"), meta["classes"], **raw)


def _map(path: Path, typecode: str) -> memoryview[int]:
    with path.open("rb") as file:
        mapped = memoryview(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    return mapped.cast(typecode)  # type: ignore[call-overload]  # a typecode read from meta
