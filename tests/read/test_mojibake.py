"""Double-encoded UTF-8 (a site decoded its UTF-8 text as windows-1252 and saved it again)."""

from __future__ import annotations

from accessnews.model import Paragraph
from accessnews.read import read_bytes
from accessnews.read.mojibake import repair_mojibake


def test_each_disguised_character_is_put_back_and_recorded_once() -> None:
    text, dropped = repair_mojibake("The cafÃ©â€™s prices rose â€” by 5Â°C of heat, itâ€™s said.")
    assert text == "The café’s prices rose — by 5°C of heat, it’s said."
    assert [d.kind for d in dropped] == ["encoding"]


def test_latin1_control_characters_are_read_as_their_bytes_too() -> None:
    text, _ = repair_mojibake(
        "It doesn\u00e2\u0080\u0099t, won\u00e2\u0080\u0099t, can\u00e2\u0080\u0099t."
    )
    assert text == "It doesn’t, won’t, can’t."


def test_one_or_two_such_sequences_are_left_alone() -> None:
    """A page quoting what mojibake looks like ("Ã© for é") is not repaired."""
    assert repair_mojibake("Broken pages show Ã© for é.") == ("Broken pages show Ã© for é.", ())
    assert repair_mojibake("Prices in € and “quotes” — fine.")[1] == ()


def test_an_html_page_and_a_text_file_are_both_repaired() -> None:
    line = "The councilâ€™s vote was â€œa fresh startâ€\u009d, the mayor said."
    fixed = "The council’s vote was “a fresh start”, the mayor said."
    html = f"<html><body><article><h1>Vote</h1><p>{line}</p></article></body></html>"
    for data, name in ((html.encode(), "p.html"), (f"Vote\n\n{line}\n".encode(), "p.txt")):
        article = read_bytes(data, name=name)
        assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [fixed]
