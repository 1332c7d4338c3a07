"""The spoken form rendered from the model: announcements, bylines, quotes, lists, lexicon."""

from __future__ import annotations

from accessnews.model import Article, Figure, Quote, spans_of
from accessnews.speech.language import language_for
from accessnews.speech.spoken import META_BYLINE, META_HEADLINE, META_STANDFIRST, SpokenForm

from .conftest import feature_article, paragraph


def spoken(article: Article, quote_voice: bool = False, lexicon=()) -> dict[str, str]:
    form = SpokenForm(language_for(article.language), lexicon, quote_voice)
    return {u.block_id: u.text for u in form.article(article)}


def test_every_block_has_an_utterance_with_its_id():
    article = feature_article()
    said = spoken(article)
    assert [b.id for b in article.blocks] == [k for k in said if not k.startswith("meta-")]


def test_headline_then_byline_with_date_then_standfirst():
    said = spoken(feature_article())
    assert list(said)[:3] == [META_HEADLINE, META_BYLINE, META_STANDFIRST]
    assert said[META_HEADLINE] == "Council approves the new bridge."
    assert said[META_BYLINE] == "By Jane Smith and Omar Ali. 23 March 2017."
    assert said[META_STANDFIRST] == "The vote ends a ten-year row."


def test_figure_is_announced_and_its_credit_never_spoken():
    article = feature_article()
    said = spoken(article)
    figure = next(b for b in article.blocks if isinstance(b, Figure))
    assert said[figure.id] == "Image: Bridge. The old crossing at dusk."
    assert not any("Getty" in text for text in said.values())
    unlabelled = Article("H", (Figure(spans_of("A dog"), credit="PA"),))
    assert spoken(unlabelled)[unlabelled.blocks[0].id] == "Image: A dog."


def test_an_uncaptioned_figure_is_announced_as_a_picture_alone():
    """Its caption was only a credit: the language's word for a picture, nothing after it and
    never the credit; a label stands for the caption; a language with no words says nothing."""
    alone = Figure((), credit="Ann Lee/PA")
    labelled = Figure((), label="Storm", credit="PA")
    article = Article("H", (paragraph("Text."), alone, labelled))
    said = spoken(article)
    assert [said[b.id] for b in article.blocks[1:]] == ["Image.", "Image: Storm."]
    spanish = Article("H", (paragraph("Texto."), alone), language="es")
    assert spoken(spanish)[spanish.blocks[1].id] == "Imagen."
    polish = Article("H", (paragraph("Tekst."), alone), language="pl")
    assert polish.blocks[1].id not in spoken(polish)
    assert not any("Lee" in text or "PA" in text for text in said.values())


def test_embed_says_who_posted_when():
    said = spoken(feature_article())
    assert "Erin McLaughlin posted on 23 March 2017: Delighted with the vote tonight." in (
        said.values()
    )


def test_quote_announced_without_a_quote_voice_and_voiced_with_one():
    article = feature_article()
    quote = next(b for b in article.blocks if isinstance(b, Quote))
    assert spoken(article)[quote.id] == (
        "the mayor said: This is a great day for the town. End of quote."
    )
    form = SpokenForm(language_for("en"), quote_voice=True)
    voiced = form.block(quote)
    assert voiced.quoted and "End of quote" not in voiced.text
    bare = Article("H", (Quote(spans_of("Never again")),))
    assert spoken(bare)[bare.blocks[0].id] == "Quote: Never again. End of quote."


def test_ordered_list_items_are_numbered():
    assert "1. Surveys in spring. 2. Building in summer." in spoken(feature_article()).values()


def test_lexicon_applies_to_whole_words_before_the_rules():
    article = Article("H", (paragraph("Sadiq Khan met Sadiqa and MPs"),))
    said = spoken(article, lexicon=(("Sadiq", "Saadeek"),))
    assert said[article.blocks[0].id] == "Saadeek Khan met Sadiqa and M P's."


def test_spanish_and_french_phrases():
    for language, byline, image in (
        ("es", "Por Ana y Luis. 23 de marzo de 2017.", "Imagen: Un perro."),
        ("fr", "Par Ana et Luis. 23 mars 2017.", "Image : Un perro."),
    ):
        article = Article(
            "Titular",
            (Figure(spans_of("Un perro"), credit="EFE"),),
            bylines=("Ana", "Luis"),
            published="2017-03-23",
            language=language,
        )
        said = spoken(article)
        assert said[META_BYLINE] == byline
        assert said[article.blocks[0].id] == image


def test_a_published_date_time_is_said_as_a_date():
    article = Article("H", (paragraph("Text."),), published="2026-10-14T22:40:00+01:00")
    assert spoken(article)[META_BYLINE] == "14 October 2026."


def _pairs(utterance) -> list[tuple[str, str]]:
    return [(utterance.title[s.start : s.end], s.spoken) for s in utterance.sentences]


def test_sentences_pair_display_slices_with_what_is_said():
    """The engine's sentence rules cut the display text ("3.5" is no sentence end); each
    sentence is said by the language's rules, and an announcement wraps the whole block."""
    form = SpokenForm(language_for("en"))
    text = "Prices rose 3.5 per cent. Nobody expected it! Shops said so"
    assert _pairs(form.block(paragraph(text))) == [
        ("Prices rose 3.5 per cent.", "Prices rose 3.5 per cent."),
        ("Nobody expected it!", "Nobody expected it!"),
        ("Shops said so", "Shops said so."),
    ]
    quote = Quote(spans_of("It works. It is cheap."), cite="the mayor")
    assert _pairs(form.block(quote)) == [
        ("It works.", "the mayor said: It works."),
        ("It is cheap.", "It is cheap. End of quote."),
    ]
    figure = Figure(spans_of("The old crossing. At dusk."), label="Bridge", credit="Getty")
    said = form.block(figure)
    assert _pairs(said) == [
        ("Bridge: The old crossing.", "Image: Bridge. The old crossing."),
        ("At dusk.", "At dusk."),
    ]
    assert said.text == "Image: Bridge. The old crossing. At dusk."


def test_every_sentence_of_every_block_is_said_in_order():
    """Joined, the sentences are the utterance's spoken text; their slices cover the display
    text in order, leaving out only the spaces between them (and a list's line breaks)."""
    for utterance in SpokenForm(language_for("en"), quote_voice=True).article(feature_article()):
        assert " ".join(s.spoken for s in utterance.sentences) == utterance.text
        slices = "".join(utterance.title[s.start : s.end] for s in utterance.sentences)
        assert "".join(slices.split()) == "".join(utterance.title.split())
        starts = [s.start for s in utterance.sentences]
        assert starts == sorted(starts) and starts[0] == 0
