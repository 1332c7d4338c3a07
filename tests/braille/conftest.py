"""Braille test helpers: one real liblouis translator per session and a sample rich article."""

from __future__ import annotations

import pytest

from accessnews.braille.translate import Translator
from accessnews.model import Article, Embed, Figure, Heading, ListBlock, Paragraph, Quote, Span


@pytest.fixture(scope="session")
def ueb() -> Translator:
    return Translator("en-ueb-g2.ctb")


@pytest.fixture
def rich_article() -> Article:
    """Every block type, emphasis and a figure credit that must never reach the braille."""
    return Article(
        headline="Harbour barrier holds as storm surge hits the bay",
        bylines=("Hannah Cole",),
        published="2024-10-15",
        standfirst="The new gate closed for the first time on Tuesday night.",
        blocks=(
            Paragraph((Span("The barrier "), Span("swung shut", italic=True), Span(" at 9pm."))),
            Figure(
                (Span("Waves broke over the promenade wall."),),
                label="Storm",
                credit="REUTERS/Tom Ashby",
            ),
            Heading(2, (Span("How the gate works"),)),
            Paragraph(
                (
                    Span("Two steel leaves lie flat until a surge is "),
                    Span("forecast", bold=True),
                    Span("."),
                )
            ),
            ListBlock(True, ((Span("Air is pumped in."),), (Span("The leaves rise."),))),
            ListBlock(False, ((Span("quiet streets"),), (Span("dry cellars"),))),
            Quote(
                (Span("We built it for the storms our grandchildren will see."),), cite="Ruth Anand"
            ),
            Embed(
                "bluesky",
                (Span("Stood down at 00:20 after a quiet shout."),),
                author="Marlow Bay Lifeboat",
                handle="marlowlifeboat",
                date="2024-10-16",
            ),
            Paragraph((Span("The council will publish a full report next month."),)),
        ),
    )
