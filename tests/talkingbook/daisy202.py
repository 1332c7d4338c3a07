"""A DAISY 2.02 checker written from the specification (DAISY 2.02, Recommendation 2001-02-28).

DAISY Pipeline 2's validator is not in the package registries this project installs from
(PyPI, Debian, npm), so the tests check books against the specification's rules here:
- files: exactly one ncc.html; every file it and the SMIL files refer to exists;
  `ncc:files` counts every file of the book;
- NCC metadata: the required dc: and ncc: elements (section 2.1 and appendix 2), dc:format
  "Daisy 2.02", ncc:multimediaType "audioFullText" for a full text and audio book, page counts
  as integers, ncc:depth the deepest heading, ncc:tocItems the number of NCC items,
  ncc:totalTime the sum of every SMIL's duration;
- NCC body: the first element is h1 class="title"; heading levels never skip; each heading holds
  one link to a `par` or `text` element of a SMIL file;
- SMIL: dc:format, ncc:timeInThisSmil equal to the main seq's dur and to the sum of its clips,
  ncc:totalElapsedTime the sum of the SMIL files before it (in NCC order); every `text` src
  resolves to an id in the XHTML; every clip has clip-begin < clip-end <= the audio file's real
  duration (ffprobe), and the clips of one audio file follow each other without a gap.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
REQUIRED_NCC = (
    "dc:creator", "dc:date", "dc:format", "dc:identifier", "dc:language", "dc:publisher",
    "dc:title", "ncc:charset", "ncc:depth", "ncc:files", "ncc:generator", "ncc:maxPageNormal",
    "ncc:multimediaType", "ncc:pageFront", "ncc:pageNormal", "ncc:pageSpecial", "ncc:tocItems",
    "ncc:totalTime",
)  # fmt: skip
PAGE_COUNTS = ("ncc:pageFront", "ncc:pageNormal", "ncc:pageSpecial", "ncc:maxPageNormal")
HEADING = re.compile(rf"{re.escape(XHTML)}h([1-6])")
CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)")
NPT = re.compile(r"npt=(\d+(?:\.\d+)?)s")
TOLERANCE = 0.0015  # seconds: times are written to the millisecond


def clock_seconds(value: str) -> float:
    """A SMIL clock value ("hh:mm:ss.fff", "mm:ss") or a timecount ("12.5s") in seconds."""
    if value.endswith("s") and ":" not in value:
        return float(value[:-1])
    match = CLOCK.fullmatch(value)
    if match is None:
        raise ValueError(f"not a SMIL clock value: {value!r}")
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)


def _metas(root: ET.Element, namespace: str = "") -> dict[str, str]:
    return {
        m.get("name", ""): m.get("content", "")
        for m in root.iter(f"{namespace}meta")
        if m.get("name")
    }


def audio_seconds(path: Path) -> float:
    done = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(json.loads(done.stdout)["format"]["duration"])


@functools.cache
def _ids(path: Path) -> set[str]:
    return {e.get("id", "") for e in ET.parse(path).getroot().iter() if e.get("id")}


class Checker:
    def __init__(self, book: Path) -> None:
        self.book = book
        self.problems: list[str] = []
        self.referenced: set[str] = {"ncc.html"}
        self._durations: dict[str, float] = {}

    def problem(self, message: str) -> None:
        self.problems.append(message)

    def run(self) -> list[str]:
        ncc_path = self.book / "ncc.html"
        if not ncc_path.is_file():
            return ["no ncc.html"]
        ncc = ET.parse(ncc_path).getroot()
        metas = _metas(ncc, XHTML)
        self._metadata(metas)
        smils = self._body(ncc)
        total = self._smils(smils)
        if abs(total - clock_seconds(metas.get("ncc:totalTime", "0:0:0"))) > 1:
            self.problem(
                f"ncc:totalTime {metas.get('ncc:totalTime')} but the SMIL files hold {total:.3f}s"
            )
        files = sorted(p.name for p in self.book.iterdir())
        if metas.get("ncc:files") != str(len(files)):
            self.problem(f"ncc:files {metas.get('ncc:files')} but the book has {len(files)} files")
        if unreferenced := set(files) - self.referenced:
            self.problem(f"files nothing refers to: {sorted(unreferenced)}")
        return self.problems

    def _metadata(self, metas: dict[str, str]) -> None:
        for name in REQUIRED_NCC:
            if not metas.get(name):
                self.problem(f"NCC lacks required metadata {name}")
        if metas.get("dc:format") != "Daisy 2.02":
            self.problem(f"dc:format is {metas.get('dc:format')!r}, not 'Daisy 2.02'")
        if metas.get("ncc:multimediaType") != "audioFullText":
            self.problem(f"ncc:multimediaType is {metas.get('ncc:multimediaType')!r}")
        for name in PAGE_COUNTS:
            if not metas.get(name, "").isdigit():
                self.problem(f"{name} is not a number: {metas.get(name)!r}")
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", metas.get("dc:date", "")):
            self.problem(f"dc:date {metas.get('dc:date')!r} is not yyyy-mm-dd")
        self.metas = metas

    def _body(self, ncc: ET.Element) -> list[str]:
        """Check the NCC items; the SMIL files in the order the NCC first names them."""
        body = ncc.find(f"{XHTML}body")
        items = list(body) if body is not None else []
        headings = [(int(m.group(1)), e) for e in items if (m := HEADING.fullmatch(e.tag))]
        if not headings or headings[0][0] != 1 or headings[0][1].get("class") != "title":
            self.problem('the NCC does not start with <h1 class="title">')
        if len(items) != len(headings):
            self.problem("the NCC body holds elements other than headings (no pages are made)")
        previous, smils = 0, []
        for level, heading in headings:
            if level > previous + 1:
                self.problem(f"NCC heading level skips from {previous} to {level}")
            previous = level
            links = heading.findall(f"{XHTML}a")
            if len(links) != 1:
                self.problem(f"NCC heading {heading.get('id')} holds {len(links)} links, not 1")
                continue
            name, _, fragment = links[0].get("href", "").partition("#")
            if name not in smils:
                smils.append(name)
            target = self._smil_element(name, fragment)
            if target not in ("par", "text"):
                self.problem(f"NCC link {name}#{fragment} is not a SMIL par or text ({target})")
        if self.metas.get("ncc:tocItems") != str(len(headings)):
            self.problem(f"ncc:tocItems {self.metas.get('ncc:tocItems')} but {len(headings)} items")
        depth = max((level for level, _ in headings), default=0)
        if self.metas.get("ncc:depth") != str(depth):
            self.problem(
                f"ncc:depth {self.metas.get('ncc:depth')} but the deepest level is {depth}"
            )
        return smils

    def _smil_element(self, name: str, fragment: str) -> str | None:
        path = self.book / name
        if not path.is_file():
            return None
        found = [e.tag for e in ET.parse(path).getroot().iter() if e.get("id") == fragment]
        return found[0] if len(found) == 1 else None

    def _smils(self, names: list[str]) -> float:
        elapsed = 0.0
        for name in names:
            self.referenced.add(name)
            root = ET.parse(self.book / name).getroot()
            metas = _metas(root)
            if metas.get("dc:format") != "Daisy 2.02":
                self.problem(f"{name}: dc:format is {metas.get('dc:format')!r}")
            stated = clock_seconds(metas.get("ncc:totalElapsedTime", "-1:0:0"))
            if abs(stated - elapsed) > TOLERANCE:
                self.problem(f"{name}: ncc:totalElapsedTime {stated:.3f}s, expected {elapsed:.3f}s")
            seq = root.find("body/seq")
            duration = clock_seconds(seq.get("dur", "0s")) if seq is not None else 0.0
            in_smil = clock_seconds(metas.get("ncc:timeInThisSmil", "0:0:0"))
            clips = self._clips(name, root)
            if abs(in_smil - duration) > TOLERANCE or abs(clips - duration) > TOLERANCE:
                self.problem(
                    f"{name}: timeInThisSmil {in_smil}, seq dur {duration}, clips {clips:.3f}"
                )
            elapsed += duration
        return elapsed

    def _clips(self, name: str, root: ET.Element) -> float:
        """Check every par's text and audio; the sum of the clips' lengths."""
        ends: dict[str, float] = {}
        total = 0.0
        for par in root.iter("par"):
            text = par.find("text")
            if text is None:
                self.problem(f"{name}: par {par.get('id')} has no text")
            else:
                self._text_target(name, text.get("src", ""))
            for audio in par.iter("audio"):
                source = audio.get("src", "")
                begin_match = NPT.fullmatch(audio.get("clip-begin", ""))
                end_match = NPT.fullmatch(audio.get("clip-end", ""))
                if begin_match is None or end_match is None:
                    self.problem(f"{name}: clip {audio.get('id')} has no npt clip times")
                    continue
                begin, end = float(begin_match.group(1)), float(end_match.group(1))
                if not begin < end:
                    self.problem(f"{name}: clip {audio.get('id')} begins at or after its end")
                if end > self._duration(source) + TOLERANCE:
                    self.problem(f"{name}: clip {audio.get('id')} ends after {source} does")
                if abs(ends.get(source, 0.0) - begin) > TOLERANCE:
                    self.problem(
                        f"{name}: clip {audio.get('id')} leaves a gap or overlap in {source}"
                    )
                ends[source] = end
                total += end - begin
        return total

    def _text_target(self, name: str, src: str) -> None:
        file, _, fragment = src.partition("#")
        self.referenced.add(file)
        path = self.book / file
        if not path.is_file() or fragment not in _ids(path):
            self.problem(f"{name}: text src {src} does not resolve")

    def _duration(self, source: str) -> float:
        self.referenced.add(source)
        if source not in self._durations:
            path = self.book / source
            self._durations[source] = audio_seconds(path) if path.is_file() else 0.0
        return self._durations[source]


def check_book(book: Path) -> list[str]:
    """Every way `book` breaks the DAISY 2.02 rules above (empty when it keeps them)."""
    return Checker(book).run()
