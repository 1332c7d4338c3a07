"""Translation through real liblouis, checked against liblouis' own display tables."""

from __future__ import annotations

import louis
import pytest

from accessnews.braille.cells import BRAILLE_ASCII, to_unicode
from accessnews.braille.tables import table_for
from accessnews.braille.translate import Translator
from accessnews.errors import AccessnewsError
from accessnews.model import Span

PANGRAM = "The quick brown fox, 52 years old, jumps over “the” lazy dog - twice; (really)?"


def test_ascii_matches_liblouis_brf_display(ueb: Translator) -> None:
    # en-us-brf.dis is liblouis' own uppercase Braille ASCII: our dots->ASCII map must agree.
    assert ueb.translate_text(PANGRAM) == louis.translateString(
        ["en-us-brf.dis", "en-ueb-g2.ctb"], PANGRAM
    )


def test_unicode_matches_liblouis_unicode_display(ueb: Translator) -> None:
    expected = louis.translateString(["unicode.dis", "en-ueb-g2.ctb"], PANGRAM)
    assert to_unicode(ueb.translate_text(PANGRAM)) == expected.replace(" ", "\u2800")


def test_braille_ascii_is_the_64_cells_of_brf() -> None:
    assert sorted(BRAILLE_ASCII) == [chr(c) for c in range(0x20, 0x60)]


@pytest.mark.parametrize(("flag", "emphasis"), [("italic", "italic"), ("bold", "bold")])
def test_emphasis_becomes_typeform_indicators(ueb: Translator, flag: str, emphasis: str) -> None:
    spans = (Span("a "), Span("quiet", **{flag: True}), Span(" night"))
    form = {"italic": louis.italic, "bold": louis.bold}[emphasis]
    typeform = [0, 0, *[form] * 5, *[0] * 6]
    expected = louis.translateString(["en-us-brf.dis", "en-ueb-g2.ctb"], "a quiet night", typeform)
    braille = ueb.translate(spans)
    assert braille == expected
    assert braille != ueb.translate_text("a quiet night")  # the indicator is really there


def test_back_translation_reads_plain_text(ueb: Translator) -> None:
    sentence = "Crowds of Londoners have gathered at a vigil in Trafalgar Square."
    assert ueb.back_translate(ueb.translate_text(sentence)) == sentence


def test_untranslatable_characters_are_named_with_their_block(ueb: Translator) -> None:
    found = ueb.untranslatable("candles \U0001f56f\u00a0lit, caf\u00e9 \u2014 ok", "b004")
    assert [item.char for item in found] == ["\U0001f56f"]  # white space is only a blank cell
    assert str(found[0]) == "U+1F56F '\U0001f56f' in b004"


def test_untranslatable_characters_become_transcriber_notes(ueb: Translator) -> None:
    spans = (Span("a "), Span("wave \U0001f30a", italic=True), Span("\u00a0here"))
    braille = ueb.translate(spans)
    assert braille == ueb.translate((Span("a "), Span("wave ", italic=True))) + (
        "@.<" + ueb.translate_text("water wave") + "@.>" + ueb.translate_text(" here")
    )


def test_table_by_language_and_explicit_choice() -> None:
    assert table_for(None, "en-GB") == "en-ueb-g2.ctb"
    assert table_for(None, "es") == "es-g1.ctb"
    assert table_for("en-us-g2.ctb", "fr") == "en-us-g2.ctb"
    assert table_for("it-it-comp6.utb", "it") == "it-it-comp6.utb"  # any installed table


def test_unknown_language_and_table_list_the_choices() -> None:
    with pytest.raises(
        AccessnewsError,
        match=r"no braille table for language 'mt' \(liblouis' Maltese table is 8-dot.*"
        r"; pass --braille-table with a table installed with liblouis",
    ):
        table_for(None, "mt")
    with pytest.raises(AccessnewsError, match=r"no braille table for language 'tlh'; pass"):
        table_for(None, "tlh")
    with pytest.raises(
        AccessnewsError, match="unknown braille table 'klingon.ctb'; choose one of: en-ueb-g2"
    ):
        table_for("klingon.ctb", "en")


def test_every_listed_table_loads_and_translates() -> None:
    from accessnews.braille.tables import tables

    for table in tables().also:
        assert Translator(table).translate_text("news") != ""
