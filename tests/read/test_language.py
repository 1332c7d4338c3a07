"""Choosing the article language: the page's tag weighed against the text, and --language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from accessnews import model_json
from accessnews.errors import UsageError
from accessnews.model import Article, LanguageEvidence, Paragraph, spans_of
from accessnews.pipeline import prepare
from accessnews.read import read_bytes
from accessnews.read.language import detect, given_language, identify
from tests.test_cli import run

ROOT = Path(__file__).resolve().parents[2]

# Written for these tests: ordinary news sentences in each language.
PROSE = {
    "it": "Il consiglio comunale ha approvato ieri sera il nuovo piano per il traffico del "
    "centro storico. I lavori cominceranno in primavera e dureranno circa due anni.",
    "de": "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen. Die Bibliothek "
    "bekommt mehr Geld, und die Öffnungszeiten werden am Wochenende verlängert.",
    "nl": "De gemeenteraad heeft dinsdag de nieuwe begroting goedgekeurd. De bibliotheek "
    "krijgt meer geld en gaat in het weekend langer open.",
    "pt": "A câmara municipal aprovou ontem à noite o novo plano de transportes. As obras "
    "começam na primavera e devem durar cerca de dois anos.",
    "es": "El ayuntamiento aprobó anoche el nuevo plan de tráfico para el casco antiguo. "
    "Las obras empezarán en primavera y durarán unos dos años.",
    "en": "The council approved the new traffic plan for the old town last night. Work "
    "starts in the spring and should take about two years.",
}


def article(text: str, declared: str | None = None) -> Article:
    return Article(
        headline="Headline",
        blocks=(Paragraph(spans_of(text)),),
        language=declared or "en",
        language_evidence=LanguageEvidence("declared", declared),
    )


@pytest.mark.parametrize("language", sorted(PROSE))
def test_the_text_of_each_language_is_recognised(language: str) -> None:
    found = detect(PROSE[language])
    assert found is not None and found[0] == language and found[1] > 0.95


def test_a_wrong_declaration_is_overruled_by_the_text() -> None:
    chosen = identify(article(PROSE["it"], declared="en"))
    evidence = chosen.language_evidence
    assert chosen.language == "it"
    assert evidence is not None and (evidence.source, evidence.declared) == ("detected", "en")
    assert evidence.confidence is not None and evidence.confidence > 0.95


def test_a_confirmed_declaration_keeps_its_region() -> None:
    chosen = identify(article(PROSE["en"], declared="en-US"))
    assert chosen.language == "en-US"
    assert chosen.language_evidence is not None
    assert chosen.language_evidence.source == "declared"
    assert chosen.language_evidence.detected == "en"


def test_too_little_text_keeps_the_declaration_or_falls_back_to_english() -> None:
    assert identify(article("Hola.", declared="es")).language == "es"
    undeclared = identify(article("Test"))
    assert undeclared.language == "en"
    assert undeclared.language_evidence == LanguageEvidence("default")


def test_text_without_a_declaration_gets_the_detected_language() -> None:
    text = f"Titel\n\n{PROSE['de']}\n\n{PROSE['de']}\n".encode()
    chosen = prepare(read_bytes(text, name="artikel.txt"))
    assert chosen.language == "de"
    assert chosen.language_evidence is not None
    assert chosen.language_evidence.source == "detected"


def test_a_given_language_wins_and_the_declaration_is_still_recorded() -> None:
    chosen = identify(article(PROSE["it"], declared="en"), given="pt-BR")
    assert chosen.language == "pt-BR"
    assert chosen.language_evidence == LanguageEvidence("given", "en")


def test_given_tags_are_normalised_or_refused() -> None:
    assert given_language("pt_br") == "pt-BR"
    with pytest.raises(UsageError, match="not a language tag"):
        given_language("klingon!")


def test_the_evidence_round_trips_through_the_json_contract() -> None:
    chosen = identify(article(PROSE["it"], declared="en"))
    assert model_json.loads(model_json.dumps(chosen)) == chosen


def test_an_unwritable_cache_still_detects(tmp_path: Path) -> None:
    """A fresh process whose cache folder cannot be created unpacks the model in memory."""
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    code = "from accessnews.read.language import detect; import sys; print(detect(sys.argv[1]))"
    result = subprocess.run(
        [sys.executable, "-c", code, PROSE["nl"]],
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(blocked), "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("('nl', ")


def test_clean_shows_the_language_and_how_it_was_chosen(tmp_path: Path) -> None:
    page = tmp_path / "pagina.html"
    page.write_text(
        f'<html lang="en"><body><article><h1>Titolo</h1><p>{PROSE["it"]}</p>'
        f"<p>{PROSE['it']}</p></article></body></html>"
    )
    outline = run("clean", str(page))
    assert outline.returncode == 0, outline.stderr
    assert "Language: it (detected; text reads as it at 1.00; page declares en)" in outline.stdout
    given = run("clean", str(page), "--language", "fr")
    assert "Language: fr (given; page declares en)" in given.stdout


def test_a_bad_language_tag_is_one_line_and_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "a.txt"
    page.write_text(f"Title\n\n{PROSE['en']}\n")
    result = run("render", str(page), "-o", str(tmp_path / "out"), "--language", "x y")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not a language tag" in result.stderr


def test_an_italian_page_declared_english_gets_italian_voice_and_braille(tmp_path: Path) -> None:
    """The issue's case: Italian text under a template's lang="en" was read as English."""
    page = tmp_path / "pagina.html"
    page.write_text(
        f'<html lang="en"><body><article><h1>Il piano</h1><p>{PROSE["it"]}</p>'
        f"<p>{PROSE['it']}</p></article></body></html>"
    )
    result = run("render", str(page), "-o", str(tmp_path / "out"), "-v")
    assert result.returncode == 0, result.stderr
    assert "voice roa/it" in result.stdout
    assert "it.tbl" in result.stdout
    tags = ID3(tmp_path / "out" / "pagina.mp3")
    assert str(tags["TLAN"]) == "ita"
