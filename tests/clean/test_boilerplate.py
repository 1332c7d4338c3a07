"""Boilerplate lines: each rule's real-world example goes, prose that starts alike stays."""

from __future__ import annotations

import pytest

from accessnews.clean.boilerplate import BOILERPLATE, LANGUAGE_RULES
from accessnews.model import Heading, Span, spans_of

from .helpers import PROSE, cleaned

EXAMPLES = [(example, r.reason) for r in BOILERPLATE for example in r.examples]


@pytest.mark.parametrize(("line", "reason"), EXAMPLES)
def test_each_rule_example_is_dropped_and_recorded(line: str, reason: str) -> None:
    result = cleaned(PROSE, line, PROSE)
    assert [b.text for b in result.blocks] == [PROSE, PROSE]
    (entry,) = result.dropped
    assert (entry.kind, entry.text, entry.reason) == ("boilerplate", line, reason)
    assert entry.where == "after 'The council met…'"


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Who was the attacker?",
        "Related: Westminster attack – what we know",
        "Share this article",
        "Scroll down for video",
        "Click here to resubscribe",
        "Sign up to our daily newsletter for the news you need",
        "Follow us on Twitter @standardnews",
        "Media playback is unsupported on your device",
        "These are external links and will open in a new window",
        "PUBLISHED: 18:31 GMT, 23 March 2017 | UPDATED: 19:02 GMT, 23 March 2017",
        "Write caption here",
        "Subscribe to our newsletter",
        "Most read",
        "Skip to main content",
    ],
)
def test_issue_shapes_are_dropped(line: str) -> None:
    result = cleaned(PROSE, line)
    assert [b.text for b in result.blocks] == [PROSE]
    assert result.dropped[0].kind == "boilerplate"


def test_a_boilerplate_heading_is_dropped() -> None:
    result = cleaned(Heading(2, spans_of("Related Topics")), PROSE)
    assert [b.text for b in result.blocks] == [PROSE]


@pytest.mark.parametrize(
    "line",
    [
        "Related to the attack, police made two further arrests overnight.",
        "Read more about the victims in tomorrow's edition, the editor said.",
        "Advertisements for the event had been on buses for weeks.",
        "Most readers will remember the last time this happened.",
        "Share prices fell sharply in early trading.",
        # Long enough to be prose even though it starts like furniture.
        "Follow us on the road, the band told fans, as they announced a tour that will take "
        "them through twenty cities across the country over the summer months, ending with two "
        "nights at a stadium in the capital in September.",
    ],
)
def test_prose_that_starts_alike_is_kept(line: str) -> None:
    result = cleaned(line)
    assert [b.text for b in result.blocks] == [line]
    assert result.dropped == ()


FAMILIES = ("link to another article", "advert slot", "newsletter box", "share bar")


@pytest.mark.parametrize("lang", ["en", "es", "fr", "de", "it", "pt"])
def test_every_language_has_every_family(lang: str) -> None:
    reasons = {entry.rule.reason for entry in LANGUAGE_RULES if entry.lang == lang}
    assert set(FAMILIES) <= reasons


@pytest.mark.parametrize(
    "prose",
    [
        "Lee también la carta que el alcalde envió a los vecinos el lunes por la tarde.",
        "Partager sur Facebook n'a pas suffi : la mairie a aussi écrit à chaque famille.",
        "Mehr zum Thema Hochwasser gibt es am Abend im Rathaus, sagte die Sprecherin.",
        "Leggi anche tu il rapporto, ha detto il sindaco ai giornalisti davanti al porto.",
        "Publicidade enganosa foi o motivo da multa aplicada pela agência na sexta-feira.",
    ],
)
def test_prose_that_starts_like_furniture_is_kept(prose: str) -> None:
    result = cleaned(PROSE, prose)
    assert [b.text for b in result.blocks] == [PROSE, prose]
    assert not result.dropped


def test_linked_headings_after_the_last_paragraph_are_teasers() -> None:
    teaser = Heading(3, (Span("Ferry fares rise again", link="https://news.example/fares"),))
    own = Heading(2, (Span("What the board decided", link="https://news.example/board"),))
    result = cleaned(own, PROSE, teaser)
    assert [b.text for b in result.blocks] == ["What the board decided", PROSE]
    (entry,) = result.dropped
    assert (entry.text, entry.reason) == ("Ferry fares rise again", "link to another article")
