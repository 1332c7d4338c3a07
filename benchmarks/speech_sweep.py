"""Synthesise every paragraph of real article bodies and count what the speech self-check says.

Paragraphs come from text no one on this project wrote: the human ground truth of
`../shared/corpora/wcxb-dev-articles` (`main_content`, one paragraph a line) and the paragraphs
of Readability's expected output for `../shared/corpora/readability-test-pages`. Each goes
through the spoken form of its language and the voice the renderer would choose, then through
the real engine. Reported: pieces, first-try doubts, false alarms (a doubt on a piece whose
retry passed unchanged: the check, not the audio, was wrong), warnings (audio kept after
splitting), and the words-per-minute spread.

    python benchmarks/speech_sweep.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html

from accessnews.read.language import ACCEPT, DEFAULT, detect
from accessnews.speech.engine import SAMPLE_WIDTH, SpeechEngine, pieces, speech_units
from accessnews.speech.language import language_for
from accessnews.speech.scripts import voice_for_script
from accessnews.speech.spoken import SpokenForm
from accessnews.speech.voices import load_profiles, select_profile

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
_SPEAKABLE = re.compile(r"\w")


def wcxb_paragraphs(corpora: Path = CORPORA) -> Iterator[str]:
    for truth in sorted((corpora / "wcxb-dev-articles" / "ground-truth").glob("*.json")):
        body = (
            json.loads(truth.read_text(encoding="utf-8"))["ground_truth"].get("main_content") or ""
        )
        yield from (line.strip() for line in body.splitlines() if _SPEAKABLE.search(line))


def readability_paragraphs(corpora: Path = CORPORA) -> Iterator[str]:
    for expected in sorted((corpora / "readability-test-pages").glob("*/expected.html")):
        tree = html.fromstring(expected.read_bytes())
        for element in tree.iter("p", "li", "h1", "h2", "h3", "blockquote"):
            text = " ".join(element.text_content().split())
            if _SPEAKABLE.search(text):
                yield text


@dataclass
class Sweep:
    pieces: int = 0
    doubts: int = 0
    false_alarms: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    wpm: list[float] = field(default_factory=list)

    def lines(self) -> list[str]:
        spread = statistics.quantiles(self.wpm, n=20) if len(self.wpm) > 1 else [0.0] * 19
        return [
            f"pieces synthesised: {self.pieces}",
            f"first-try doubts: {self.doubts}",
            f"false alarms: {len(self.false_alarms)}",
            f"warnings (audio kept): {len(self.warnings)}",
            f"words per minute: median {statistics.median(self.wpm or [0]):.0f}, "
            f"5th-95th percentile {spread[0]:.0f}-{spread[-1]:.0f}",
        ]


def sweep(paragraphs: Iterator[str], engine: SpeechEngine) -> Sweep:
    """Speak each paragraph as the renderer would; tally the self-check's verdicts."""
    profiles = load_profiles()
    voices = engine.installed_voices()
    result = Sweep()
    for paragraph in paragraphs:
        found = detect(paragraph)
        language = found[0] if found and found[1] >= ACCEPT else DEFAULT
        profile = select_profile(profiles, None, language, voices)
        engine.use(voice_for_script(paragraph, profile.settings()))
        text = SpokenForm(language_for(language), profile.lexicon).say(paragraph)
        for piece in pieces(text):
            result.pieces += 1
            pcm, problem = engine.attempt(piece)
            if problem is not None:
                result.doubts += 1
                pcm, again = engine.attempt(piece)
                if again is None:
                    result.false_alarms.append(f"{problem}: {piece[:80]!r}")
                else:
                    warnings: list[str] = []
                    pcm = engine.speak(piece, warnings)
                    result.warnings += warnings
            seconds = len(pcm) / SAMPLE_WIDTH / engine.sample_rate
            if seconds > 0 and speech_units(piece) >= 5:
                result.wpm.append(speech_units(piece) * 60 / seconds)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="at most N paragraphs per corpus")
    parser.add_argument("--corpus", choices=("wcxb", "readability"), help="only this corpus")
    args = parser.parse_args()
    if not CORPORA.is_dir():
        print(f"no corpora at {CORPORA}", file=sys.stderr)
        return 2
    engine = SpeechEngine()
    for name, source in (("wcxb", wcxb_paragraphs), ("readability", readability_paragraphs)):
        if args.corpus not in (None, name):
            continue
        paragraphs = list(source())
        if args.limit:
            paragraphs = paragraphs[: args.limit]
        result = sweep(iter(paragraphs), engine)
        print(f"## {name}: {len(paragraphs)} paragraphs")
        print("\n".join(result.lines()))
        for line in (result.false_alarms + result.warnings)[:20]:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
