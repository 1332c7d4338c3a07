"""Pages saved as React's streaming server sent them: hidden segments go where the page shows
them, and a boundary's "Loading…" fallback goes."""

from __future__ import annotations

from accessnews.model import Paragraph
from accessnews.read import read_bytes

STORY = [
    "The valley railway will run a second train on weekdays from the first of June.",
    "Commuters had asked for it for years, and a new passing loop now makes it possible.",
    "The line's owners said the extra service would cost less than a new bus route.",
    "Tickets stay at the same price, and season tickets cover both trains.",
]


def _paragraphs(html: str) -> list[str]:
    article = read_bytes(html.encode(), name="p.html")
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


def _page(frame: str, segments: str) -> str:
    return (
        "<html lang='en'><body><h1>Second train for the valley line</h1>"
        f"<div class='article-body'>{frame}</div>"
        "<footer><p>The Valley Courier, all rights reserved.</p></footer>"
        f"{segments}</body></html>"
    )


def test_placeholders_take_their_hidden_segments_in_the_frames_order() -> None:
    frame = f"<p>{STORY[0]}</p><template id='P:1'></template><p>{STORY[3]}</p>"
    segments = (
        f"<div hidden id='S:1'><p>{STORY[1]}</p><template id='P:2'></template></div>"
        f"<div hidden id='S:2'><p>{STORY[2]}</p></div>"
    )
    assert _paragraphs(_page(frame, segments)) == STORY


def test_a_boundarys_fallback_is_replaced_up_to_its_closing_comment() -> None:
    frame = (
        f"<p>{STORY[0]}</p><!--$?--><template id='B:0'></template>"
        "<div>Loading</div><p>Please wait while this part of the page loads.</p><!--/$-->"
        f"<p>{STORY[3]}</p>"
    )
    segments = f"<div hidden id='S:0'><p>{STORY[1]}</p><p>{STORY[2]}</p></div>"
    assert _paragraphs(_page(frame, segments)) == STORY


def test_without_comments_only_a_short_label_after_the_boundary_is_the_fallback() -> None:
    frame = (
        f"<template id='B:0'></template><div>Loading paragraph...</div>"
        f"<template id='B:1'></template><p>{STORY[1]}</p>"
    )
    segments = (
        f"<div hidden id='S:0'><p>{STORY[0]}</p></div>"
        f"<div hidden id='S:1'><p>{STORY[2]}</p><p>{STORY[3]}</p></div>"
    )
    assert _paragraphs(_page(frame, segments)) == [STORY[0], STORY[2], STORY[3], STORY[1]]


def test_a_hidden_div_that_is_no_segment_stays_hidden() -> None:
    frame = "".join(f"<p>{line}</p>" for line in STORY)
    hidden = "<div hidden id='S:note'><p>A draft note the editors kept out of the story.</p></div>"
    assert _paragraphs(_page(frame, hidden)) == STORY
