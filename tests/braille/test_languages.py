"""Every language's default table, and the words braille adds, in that language's braille code."""

from __future__ import annotations

import tomllib
from pathlib import Path

import louis
import pytest

from accessnews.braille.cells import to_unicode
from accessnews.braille.formats import article_groups
from accessnews.braille.labels import labels_for
from accessnews.braille.tables import table_for, tables
from accessnews.braille.translate import Translator
from accessnews.braille.writer import SELF_CHECK_WARNING, BrailleOptions, BrailleWriter, style_for
from accessnews.model import Article, Embed, Figure, Paragraph, Span

SAMPLES = tomllib.loads((Path(__file__).parent / "language_samples.toml").read_text("utf-8"))
LANGUAGES = sorted(tables().languages)
UEB_NOTE = ("@.<", "@.>")


@pytest.fixture(scope="module")
def writer() -> BrailleWriter:
    with BrailleWriter(BrailleOptions()) as open_writer:
        yield open_writer


def test_every_mapped_language_has_a_sample_and_a_reason() -> None:
    assert sorted(SAMPLES) == LANGUAGES
    assert all(row.why for row in tables().languages.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_default_table_brailles_and_checks_its_language(
    language: str, writer: BrailleWriter, tmp_path: Path
) -> None:
    """The table loads and translates the sample into six-dot cells; where liblouis can
    back-translate it, the writer's self-check reads back at least 95% of the words."""
    article = Article("", language=language, blocks=(Paragraph((Span(SAMPLES[language]),)),))
    result = writer.write(article, tmp_path, language)
    translator = writer._translator(result.table)
    assert result.table == table_for(None, language)
    assert len(translator.translate_text(SAMPLES[language])) > len(SAMPLES[language]) // 2
    if translator.back_translates:
        assert result.accuracy is not None and result.accuracy >= SELF_CHECK_WARNING
    else:
        assert result.accuracy is None and "not checked" in result.summary()
    assert result.warnings == ()


def test_characters_some_tables_lack_are_reported_not_lost(
    writer: BrailleWriter, tmp_path: Path
) -> None:
    """liblouis' Bengali table has no danda, its Hindi one no nukta, its Persian one no
    zero-width non-joiner: each is reported with its block."""
    lacking = {"bn": ["\u0964", "\u09bc"], "hi": ["\u093c"], "fa": ["\u200c"]}
    for language, chars in lacking.items():
        article = Article("", language=language, blocks=(Paragraph((Span(SAMPLES[language]),)),))
        result = writer.write(article, tmp_path, language)
        assert [item.char for item in result.untranslatable] == chars


def test_a_character_without_braille_is_described_by_code_point_outside_ueb() -> None:
    """Never by its English Unicode name; in decimal where the table has no Latin letters."""
    spanish, persian = Translator("es-g1.ctb"), Translator("fa-ir-g1.utb")
    assert spanish.translate_text("\U0001f30a") == spanish.translate_text("(U+1F30A)")
    assert persian.translate_text("\u200c") == persian.translate_text("(8204)")


def test_virtual_dots_are_never_embossed() -> None:
    """The Russian table marks its letters with liblouis' virtual dot 9: the cells are the
    six dots liblouis itself displays."""
    russian = Translator("ru-litbrl.ctb")
    assert to_unicode(russian.translate_text("мэр")) == louis.translateString(
        ["ru-litbrl.ctb"], "мэр"
    )


def test_a_language_liblouis_has_no_table_for_still_names_the_way_out() -> None:
    from accessnews.errors import AccessnewsError

    with pytest.raises(AccessnewsError, match=r"'et-EE' \(liblouis' Estonian .*--braille-table"):
        table_for(None, "et-EE")


def test_regional_tags_find_their_table() -> None:
    assert table_for(None, "zh-Hant-TW") == "zh-tw.ctb"
    assert table_for(None, "zh-HK") == "zh_HK.tbl"
    assert table_for(None, "zh-CN") == "zhcn-cbs.ctb"
    assert table_for(None, "pt_BR") == "pt-pt-g1.utb"


POST = Embed("bluesky", (Span("Marlow."),), "Ana Ruiz", "anaruiz", "2024-10-16")


def labelled_article(language: str) -> Article:
    """A paragraph, a labelled figure and a post: every word braille adds."""
    paragraph = Paragraph((Span(SAMPLES[language]),))
    return Article(
        "Sturm", language=language, blocks=(paragraph, Figure((Span("Marlow"),), "Alma"), POST)
    )


# (language, the figure's print text, the post's lead-in): what a reader of that language reads.
LOCALIZED = [
    ("es", "Imagen: Alma: Marlow", "Publicación de Bluesky de Ana Ruiz (@anaruiz), 2024-10-16:"),
    ("fr", "Image: Alma: Marlow", "Publication Bluesky de Ana Ruiz (@anaruiz), 2024-10-16:"),
    ("de", "Bild: Alma: Marlow", "Bluesky-Beitrag von Ana Ruiz (@anaruiz), 2024-10-16:"),
    ("it", "Immagine: Alma: Marlow", "Post su Bluesky di Ana Ruiz (@anaruiz), 2024-10-16:"),
    ("pl", "Alma: Marlow", "Bluesky Ana Ruiz (@anaruiz), 2024-10-16:"),  # no labels: no words
]


@pytest.mark.parametrize(("language", "figure", "lead"), LOCALIZED)
def test_generated_words_follow_the_article_language(
    language: str, figure: str, lead: str, writer: BrailleWriter, tmp_path: Path
) -> None:
    """The figure note and the post's lead-in are the language's words in its own braille
    code, as liblouis brailles them, with no UEB transcriber's note indicators."""
    article = labelled_article(language)
    result = writer.write(article, tmp_path, language)
    translator = writer._translator(result.table)
    groups = {g.source: g for g in article_groups(article, style_for(translator, language))}
    figure_id, embed_id = article.blocks[1].id, article.blocks[2].id
    assert groups[figure_id].paras[0].cells == translator.translate_text(figure)
    assert groups[embed_id].paras[1].cells == translator.translate_text(lead)
    brf = (tmp_path / f"{language}.brf").read_bytes().decode("ascii")
    assert not any(indicator in brf for indicator in UEB_NOTE)
    assert translator.note_open == translator.note_close == ""
    labels_warning = [w for w in result.warnings if w.startswith("no braille labels")]
    assert labels_warning == (
        [
            "no braille labels for language 'pl': figures and embedded "
            "posts are brailled without lead-in words"
        ]
        if language == "pl"
        else []
    )


def test_spanish_back_translation_reads_the_spanish_labels(
    writer: BrailleWriter, tmp_path: Path
) -> None:
    """liblouis reads es-g1's colon after a word back as a digit ("imagen3"), so the words are
    checked, not the score."""
    article = labelled_article("es")
    result = writer.write(article, tmp_path, "es")
    assert result.check is not None
    back = " ".join(d.got for d in result.check.differences)
    assert "imagen3" in back and "publicación" not in back  # read back, not a difference
    assert {d.expected for d in result.check.differences} <= {"imagen alma", "16"}


def test_english_keeps_ueb_notes_and_image(writer: BrailleWriter, tmp_path: Path) -> None:
    article = Article(
        "Storm",
        language="en",
        blocks=(Figure((Span("Waves"),), label="Storm"), *labelled_article("es").blocks[2:]),
    )
    result = writer.write(article, tmp_path, "en")
    ueb = writer._translator("en-ueb-g2.ctb")
    groups = article_groups(article, style_for(ueb, "en"))
    assert groups[1].paras[0].cells == "@.<" + ueb.translate_text("Image: Storm: Waves") + "@.>"
    assert groups[2].paras[1].cells == ueb.translate_text(
        "Bluesky post by Ana Ruiz (@anaruiz), 2024-10-16:"
    )
    assert result.accuracy == 1.0 and result.warnings == ()


def test_an_uncaptioned_figure_is_its_lead_alone(writer: BrailleWriter, tmp_path: Path) -> None:
    """ "Image" in its note, no colon and never the credit; a language with no label and a code
    with no note indicators has nothing to braille for it, and the layout check accepts that."""
    figure = Figure((), credit="Ann Lee/PA")
    english = Article("Storm", (Paragraph((Span("Waves."),)), figure), language="en")
    result = writer.write(english, tmp_path, "en")
    ueb = writer._translator("en-ueb-g2.ctb")
    groups = article_groups(english, style_for(ueb, "en"))
    assert groups[-1].paras[0].cells == "@.<" + ueb.translate_text("Image") + "@.>"
    assert "Lee" not in groups[-1].paras[0].print and result.accuracy == 1.0
    polish = Article("Burza", (Paragraph((Span("Fale."),)), figure), language="pl")
    assert writer.write(polish, tmp_path, "pl").files


def test_every_language_with_labels_has_every_label() -> None:
    fields = labels_for("en").__dataclass_fields__
    for language in ("en", "es", "fr", "de", "it", "pt", "nl"):
        labels = labels_for(f"{language}-XX")
        assert labels.language == language and all(getattr(labels, f) for f in fields)
    assert labels_for("pl").neutral and labels_for("pl").image == ""


@pytest.mark.parametrize(("language", "title"), [("es", "Índice"), ("de", "Inhalt"), ("pl", "")])
def test_edition_contents_title_is_in_the_edition_language(
    language: str, title: str, tmp_path: Path
) -> None:
    from accessnews.braille.edition import braille_edition

    article = labelled_article(language)
    braille_edition([article], tmp_path, "Edition", BrailleOptions())
    first = (tmp_path / "edition.brf").read_bytes().decode("ascii").split("\r\n")[0].strip()
    translator = Translator(table_for(None, language))
    if title:
        assert first == translator.translate_text(title)
    else:  # no title: the contents start with the first entry
        assert first.startswith(translator.translate_text(article.headline) + ' ""')
