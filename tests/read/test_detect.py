"""Format detection by content and character-encoding detection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accessnews.errors import InputError
from accessnews.read import read_bytes, read_source
from accessnews.read.detect import decode, detect_format, transcode
from tests.conftest import SAMPLES
from tests.read.outcome import assert_reads_or_fails_cleanly

WORDS = "Le café coûte 2,50 € — « très cher », dit-elle. “Quotes” and £5 naïve. "


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"\xef\xbb\xbf  <html lang='en'>", "html"),
        (b"<?xml version='1.0'?>\n<!-- saved -->\n<html>", "html"),
        (b"Saved without a head\n<div><p>One</p><p>Two</p></div>", "html"),
        (b"Headline\n\nA paragraph mentioning <b> once.\n", "text"),
        (b"# Markdown headline\n\n- a list\n", "text"),
        ("<!DOCTYPE html><html><p>x</p></html>".encode("utf-16"), "html"),
        ("Headline\n\nText.\n".encode("utf-16"), "text"),
    ],
)
def test_format_is_detected_by_content(data: bytes, expected: str) -> None:
    assert detect_format(data).format == expected


def test_an_html_page_saved_as_txt_is_read_as_html(tmp_path) -> None:
    saved = tmp_path / "page.txt"
    saved.write_bytes((SAMPLES / "13-festival-cometas-es.html").read_bytes())
    article = read_bytes(saved.read_bytes(), name=str(saved))
    assert article.language == "es" and article.bylines == ("Lucía Fernández Ortega",)


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_decoding_of_declared_and_undeclared_encodings(codec: str) -> None:
    data = ("<html><body><p>" + WORDS * 8 + "</p></body></html>").encode(codec)
    assert WORDS in decode(data, "x.html")


def test_declared_latin_1_is_read_as_windows_1252() -> None:
    data = ('<meta charset="iso-8859-1"><p>' + WORDS + "</p>").encode("cp1252")
    assert WORDS in decode(data, "x.html")


def test_undeclared_windows_1252_sample() -> None:
    raw = (SAMPLES / "12-village-bakery-cp1252.html").read_bytes()
    undeclared = re.sub(rb"<meta charset=[^>]+>", b"", raw)
    text = decode(undeclared, "bakery.html")
    assert "Village bakery’s “naïve” loaf" in text and "€3,000" in text and "£4.20" in text


def test_transport_charset_wins_only_over_invalid_utf_8() -> None:
    assert transcode(WORDS.encode("cp1252"), "windows-1252") == WORDS.encode("utf-8")
    assert transcode(WORDS.encode("cp1252"), "ISO-8859-1") == WORDS.encode("utf-8")
    assert transcode(WORDS.encode("utf-8"), "iso-8859-1") == WORDS.encode("utf-8")
    assert transcode(b"\x81\x8d", "no-such-charset") == b"\x81\x8d"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "this is a PNG image, not an article"),
        (b"<html>\x00\x01\x02 binary", "binary data, not an article"),
        (
            b"<html><body><p>" + bytes(range(0x80, 0x100)) * 12 + b"</p>",
            r"unknown character encoding \(",
        ),
    ],
)
def test_non_articles_are_refused_in_one_line(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=f"^page.html: {message}"):
        read_bytes(data, name="page.html")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: t.encode("utf-8", "replace")))
def test_any_bytes_read_or_fail_with_one_line(data: bytes) -> None:
    assert_reads_or_fails_cleanly(data, "any")


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    with pytest.raises(InputError, match=r"huge\.html: 52 MB is too large for an article"):
        read_source(str(big))
