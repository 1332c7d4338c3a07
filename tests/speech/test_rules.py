"""Normalisation rules: each rule's own example, and how espeak-ng reads the result."""

from __future__ import annotations

import re
import subprocess

import pytest

from accessnews.data import tomls
from accessnews.speech.language import LANG_DIR, english_ordinal, language_for, roman_value
from accessnews.speech.spoken import SpokenForm

RULES = [
    pytest.param(language_for(code), rule, id=f"{code}-{rule.name}")
    for code in sorted(p.name.removesuffix(".toml") for p in tomls(LANG_DIR))
    for rule in language_for(code).rules
]


@pytest.mark.parametrize(("lang", "rule"), RULES)
def test_rule_example_gives_its_spoken_form(lang, rule):
    assert rule.pattern.search(rule.example), "the example must exercise its rule"
    assert lang.normalise(rule.example) == rule.expect


def phonemes(text: str, voice: str = "gmw/en") -> str:
    return subprocess.run(
        ["espeak-ng", "-v", voice, "-q", "-x", text], check=True, capture_output=True, text=True
    ).stdout


# (written, phonemes espeak-ng must say for our spoken form, phonemes it said for the raw text)
ESPEAK_CASES = [
    ("MPs", "'Em p'i:z", "Emp'i:"),
    ("Ms Rudd", "m'Iz", ",Em'Es"),
    ("No 10", "n'Vmb3", "n'oU"),
    ("Baker St", "str'i:t", "s@nt"),
    ("£5.5m", "m'Ili@n p'aUndz", "p'aUnd f'aIv"),
    ("$3,000", "T'aUz@nd d'0l3z", "d'0l3 Tr'i:"),
    ("23/03/2017", "m'A@tS", "sl'aS"),
    ("2017-03-23", "m'A@tS", "d'aS"),
    ("the 1990s", "n'aIntiz", "h'VndrI2d"),
    ("9.30am", "T'3:ti", "pOInt"),
    ("24/7", "tw'Enti f'o@ s'Ev@n", "sl'aS"),
    ("Henry VIII", "'eItT", "r,oUm@n"),
    ("World War II", "w'O@ t'u:", "r,oUm@n"),
    ("Chelsea vs Arsenal", "v'3:sI2z", "v,i:;'Es"),
    ("www.bbc.co.uk/news", "sl'aS 'En 'i:", "nj'u:z"),
    ("#WeAreNotAfraid", "h'aS wi:", None),
    ("@erincnn", "'En s'i:; 'En 'En", "'ErINkn"),
    ("💪", "fl'Ekst", None),
    ("Cllr Anita Sharma", "k'aUnsIl3", "s,i:;,El,El'A@"),
    ("bristol.example.org/libraries", "sl'aS 'El 'aI", "l'aIbr@riz"),
]


@pytest.mark.parametrize(
    ("written", "wanted", "raw"), ESPEAK_CASES, ids=[c[0] for c in ESPEAK_CASES]
)
def test_espeak_reads_the_spoken_form_correctly(written, wanted, raw):
    spoken = SpokenForm(language_for("en-GB")).say(written)
    said = phonemes(spoken)
    assert wanted in said, f"{written!r} -> {spoken!r} -> {said!r}"
    if raw is not None:
        assert raw in phonemes(written), "the raw text no longer shows the problem"
        assert raw not in said


def test_rules_leave_plain_news_text_alone():
    text = "Mr Khan said 29 people were injured in St James's Park on Thursday."
    assert language_for("en").normalise(text) == text


def test_dates_that_are_no_dates_are_left_as_written():
    assert language_for("en").normalise("scored 45/50/2017") == "scored 45/50/2017"


def test_american_article_says_month_first():
    assert language_for("en-US").normalise("on 2017-03-23") == "on March 23, 2017"


def test_languages_with_data_get_their_own_words():
    tags = ("de-DE", "it", "pt-BR", "nl")
    said = [language_for(tag).phrase("image", caption="X") for tag in tags]
    assert said == ["Bild: X.", "Immagine: X.", "Imagem: X.", "Afbeelding: X."]


def test_a_language_without_data_hears_no_generated_words():
    """Polish has no lang file: no English "Image:", "posted on", "Quote:" in a Polish voice."""
    polish = language_for("pl-PL")
    assert polish.neutral and polish.iso639_2 == "und" and polish.rules == ()
    english = language_for("en")
    for key, phrase in polish.phrases.items():
        words = set(re.sub(r"\{\w+\}", " ", phrase).split()) - {".", ",", ":"}
        assert not words, f"{key}: {phrase!r} has words"
        assert phrase != english.phrases[key] or key == "item"
    assert polish.iso_date("2017-03-23") == "23.3.2017"


def test_roman_and_ordinal_helpers():
    assert [roman_value(n) for n in ("II", "IV", "VIII", "IX", "XIV", "XL")] == [2, 4, 8, 9, 14, 40]
    assert [english_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
    ]  # fmt: skip


def test_neutral_spoken_form_of_a_figure_and_a_post():
    from accessnews.model import Embed, Figure, Span

    form = SpokenForm(language_for("pl"))
    figure = form.block(Figure((Span("Fale nad falochronem"),), label="Sztorm"))
    post = form.block(
        Embed("bluesky", (Span("Wszyscy bezpieczni."),), author="Anna", date="2024-10-16")
    )
    assert figure.text == "Sztorm. Fale nad falochronem."
    assert post.text == "Anna, 16.10.2024: Wszyscy bezpieczni."
