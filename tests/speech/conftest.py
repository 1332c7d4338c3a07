"""Rendered outputs shared by the speech tests: each article is synthesised once per session."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from accessnews.model import (
    Article,
    Embed,
    Figure,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    spans_of,
)
from accessnews.pipeline import load_article
from accessnews.speech.engine import SpeechEngine
from accessnews.speech.writer import AudioOptions, AudioResult, AudioWriter


@dataclass(frozen=True)
class Rendered:
    article: Article
    result: AudioResult
    progress: list[tuple[int, int]]

    @property
    def mp3(self) -> Path:
        return self.result.files[0]


def paragraph(text: str) -> Paragraph:
    return Paragraph(spans_of(text))


SENTENCES = (
    "The council met on Tuesday to discuss the new budget for schools and roads.",
    "Residents said the plans would change the character of the high street for ever.",
    "A spokesman for the mayor said every option remained on the table for now.",
    "Work on the bridge is expected to begin next spring and last for two years.",
)


def long_article(characters: int = 30_000) -> Article:
    """A news-like article of over `characters` characters: sections of paragraphs, and one
    paragraph of about 9,300 characters."""
    blocks: list = []
    size = 0
    number = 0
    while size < characters:
        if number % 12 == 0:
            blocks.append(Heading(2, spans_of(f"Part {number // 12 + 1} of the story")))
        text = " ".join(SENTENCES[(number + i) % len(SENTENCES)] for i in range(3))
        blocks.append(paragraph(text))
        size += len(text) + 1
        number += 1
    # one paragraph longer than the engine's piece size, so it is synthesised in pieces
    blocks.append(paragraph(" ".join(SENTENCES[i % len(SENTENCES)] for i in range(120))))
    return Article(headline="A very long report", blocks=tuple(blocks), language="en-GB")


def feature_article() -> Article:
    """Every block type, with a figure credit that must never be spoken."""
    return Article(
        headline="Council approves the new bridge",
        standfirst="The vote ends a ten-year row.",
        bylines=("Jane Smith", "Omar Ali"),
        published="2017-03-23",
        publication="The Test Gazette",
        language="en-GB",
        source="https://example.org/bridge",
        blocks=(
            paragraph("Councillors voted on Tuesday to build the bridge across the river."),
            Figure(spans_of("The old crossing at dusk"), label="Bridge", credit="Getty Images"),
            Quote(spans_of("This is a great day for the town."), cite="the mayor"),
            Heading(2, spans_of("What happens next")),
            ListBlock(True, (spans_of("Surveys in spring"), spans_of("Building in summer"))),
            Embed(
                "twitter",
                spans_of("Delighted with the vote tonight"),
                author="Erin McLaughlin",
                handle="ErinCNN",
                date="March 23, 2017",
            ),
            paragraph("The bridge should open in 2019, the council said."),
        ),
    )


def _render(article: Article, outdir: Path, stem: str, **options) -> Rendered:
    progress: list[tuple[int, int]] = []
    with AudioWriter(AudioOptions(**options)) as writer:
        result = writer.write(article, outdir, stem, progress=lambda d, t: progress.append((d, t)))
    return Rendered(article, result, progress)


@pytest.fixture(scope="session")
def engine() -> SpeechEngine:
    return SpeechEngine()


@pytest.fixture(scope="session")
def rendered_feature(tmp_path_factory) -> Rendered:
    return _render(feature_article(), tmp_path_factory.mktemp("feature"), "feature")


@pytest.fixture(scope="session")
def rendered_seed(tmp_path_factory) -> Rendered:
    from tests.conftest import SEED

    if not SEED.is_file():
        pytest.skip("reference article ../shared/seeds/ not present")
    return _render(load_article(str(SEED)), tmp_path_factory.mktemp("seed"), SEED.stem)


@pytest.fixture(scope="session")
def rendered_long(tmp_path_factory) -> Rendered:
    return _render(long_article(), tmp_path_factory.mktemp("long"), "long", bitrate=32)
