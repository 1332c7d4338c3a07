"""Japanese braille: print -> tenji kana (UniDic readings, bunsetsu spaces) -> 6-dot kana cells.

Expected cells are written out as Unicode braille from the Japan Braille Committee's rules, not
from the table, so a wrong cell in ja-tenji.utb fails here.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from accessnews.braille import japanese
from accessnews.braille.cells import to_unicode
from accessnews.braille.japanese import reading
from accessnews.braille.tables import table_for
from accessnews.braille.translate import Translator
from accessnews.braille.writer import BrailleOptions, BrailleWriter
from accessnews.errors import AccessnewsError
from accessnews.pipeline import load_article
from tests.conftest import SHARED

PAGES = SHARED / "corpora" / "readability-test-pages"


@pytest.fixture(scope="module")
def tenji() -> Translator:
    return Translator(table_for(None, "ja-JP"))


def cells(translator: Translator, text: str) -> str:
    return to_unicode(translator.translate_text(text))


@pytest.mark.parametrize(
    ("print_text", "kana"),
    [
        # long u/o vowels written う take the long vowel mark; えい and おお stay as spelled
        (
            "東京都の先生は大きい犬を飼っている。",
            "トーキョートノ センセイワ オオキイ イヌヲ カッテ イル。",
        ),
        # particles は and へ as pronounced, を as spelled; the volitional う is long
        ("今日は学校へ行こう。", "キョーワ ガッコーエ イコー。"),
        # a verb's own final う stays; 言う is written いう
        ("空気がきれいだと思う。食う。", "クーキガ キレイダト オモウ。  クウ。"),
        ("彼は「ありがとう」と言う。", "カレワ 「アリガトー」ト イウ。"),
        # counters stay on their number; する on its noun; a compound splits into parts of 3+ morae
        ("2020年の東京オリンピック", "2020ネンノ トーキョー オリンピック"),
        ("内閣総理大臣が発表した。", "ナイカク ソーリ ダイジンガ ハッピョーシタ。"),
        ("約5,000円、3.5倍", "ヤク5,000エン、 3.5バイ"),
        # Latin words keep their own spaces; particles attach to them
        ("App StoreとWi-Fiの", "App Storeト Wi-Fiノ"),
    ],
)
def test_reading_follows_tenji_spelling_and_bunsetsu(print_text: str, kana: str) -> None:
    assert reading(print_text) == kana


@pytest.mark.parametrize(
    ("print_text", "braille"),
    [
        ("東京", "⠞⠒⠈⠪⠒"),  # to, long vowel, yoon prefix + ko, long vowel
        ("彼は", "⠡⠛⠄"),  # ka re wa: the particle は as わ (dots 3)
        ("本を", "⠮⠴⠔"),  # を is dots 35
        ("学校へ", "⠐⠡⠂⠪⠒⠋"),  # dakuten 5 + ka, sokuon 2, ko, long vowel, e
        ("牛乳", "⠘⠩⠒⠈⠍⠒"),  # voiced yoon 45 + ku, long vowel, yoon 4 + nu
        ("コーヒー", "⠪⠒⠧⠒"),  # a katakana loanword: ko, long vowel, hi, long vowel
        ("パーティー", "⠠⠥⠒⠈⠗⠒"),  # handakuten 6 + ha; ティ is 4 + chi
        ("3人", "⠼⠉⠇⠴"),  # number sign 3456, c = 3, ni, n
        ("5円", "⠼⠑⠤⠋⠴"),  # e after a number: the connecting sign 36 first
        ("NHKの", "⠰⠠⠠⠝⠓⠅⠤⠎"),  # foreign-letter indicator 56, two capital signs, 36 before kana
        ("本です。次", "⠮⠴⠐⠟⠹⠲⠀⠀⠝⠐⠣"),  # two blank cells after the full stop
    ],
)
def test_known_words_in_tenji_cells(tenji: Translator, print_text: str, braille: str) -> None:
    assert cells(tenji, print_text) == braille


def test_the_table_is_forward_only_so_the_self_check_says_not_checked(tmp_path: Path) -> None:
    from accessnews.model import Article, Paragraph, Span

    article = Article("東京", language="ja", blocks=(Paragraph((Span("東京へ行く。"),)),))
    with BrailleWriter(BrailleOptions()) as writer:
        result = writer.write(article, tmp_path, "ja")
    assert result.table == "ja-tenji.utb" and result.accuracy is None
    assert "not checked" in result.summary() and result.untranslatable == ()
    headline = (tmp_path / "ja.brf").read_bytes().decode("ascii").split("\r\n")[0].strip()
    assert to_unicode(headline) == "⠞⠒⠈⠪⠒"


def test_a_missing_extra_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fugashi", None)  # as where fugashi is not installed
    japanese._tagger.cache_clear()
    try:
        with pytest.raises(AccessnewsError, match=r"pip install 'accessnews\[ja\]'"):
            reading("東京")
    finally:
        monkeypatch.undo()
        japanese._tagger.cache_clear()


@pytest.mark.parametrize("page", ["hukumusume", "yahoo-4"])
def test_corpus_pages_give_a_brf(page: str, tmp_path: Path) -> None:
    """The Japanese pages of the Readability corpus: every kanji gets a reading, and the only
    characters without braille are symbols (♪ ☆ ○ ← → and the breadcrumb's < >), described
    in notes."""
    source = PAGES / page / "source.html"
    if not source.is_file():
        pytest.skip("../shared/corpora/readability-test-pages not present")
    article = load_article(str(source))
    assert article.language.startswith("ja")
    with BrailleWriter(BrailleOptions()) as writer:
        result = writer.write(article, tmp_path, page)
    brf = (tmp_path / f"{page}.brf").read_bytes()
    assert result.pages >= 1 and brf.count(b"\f") == result.pages
    assert all(not ("\u4e00" <= item.char <= "\u9fff") for item in result.untranslatable)
    assert {item.char for item in result.untranslatable} <= set("♪☆○←→<>")
