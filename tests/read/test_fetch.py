"""http(s) URLs against a real HTTP server on 127.0.0.1: pages, charsets, redirects, failures."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from accessnews.errors import InputError
from accessnews.model import Paragraph
from accessnews.read import read_source
from accessnews.read.fetch import fetch
from tests.conftest import ROOT, SAMPLES

_CP1252 = re.sub(
    rb'<meta charset="windows-1252">\n',
    b"",
    (SAMPLES / "12-village-bakery-cp1252.html").read_bytes(),
)
_PAGE = (
    b"<html><head><title>Pier reopens | Test Post</title></head><body><article>"
    b"<h1>Pier reopens</h1><p>The pier reopened on Saturday after a year of repairs, the council"
    b" said. <a href='/pier-history'>Its history</a> goes back to 1890.</p></article></body></html>"
)
_TEXT = b"Pier reopens\n\nBy Ann Lee\n\nThe pier reopened on Saturday after a year of repairs.\n"
_ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/news/pier": (200, "text/html; charset=utf-8", _PAGE),
    "/bakery": (200, "text/html; charset=windows-1252", _CP1252),
    "/pier.txt": (200, "text/plain", _TEXT),
    "/photo": (200, "image/jpeg", b"\xff\xd8\xff\xe0"),
    "/empty": (200, "text/html", b""),
    "/caf%C3%A9?q=a%20b": (200, "text/html; charset=utf-8", _PAGE),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/news/pier")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", _PAGE)
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"<p>" + b"x" * 16380 + b"</p>")
        elif self.path in _ROUTES:
            self._send(*_ROUTES[self.path])
        else:
            self.send_error(404, "Not Found")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the tests read outcomes, not the server log."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_page_is_read_with_its_url_as_source_and_links_made_absolute(server: str) -> None:
    article = read_source(f"{server}/news/pier")
    assert (article.headline, article.source) == ("Pier reopens", f"{server}/news/pier")
    (paragraph,) = article.blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.spans[1].link == f"{server}/pier-history"


def test_redirects_are_followed_and_links_resolve_against_the_final_address(server: str) -> None:
    article = read_source(f"{server}/moved")
    assert article.source == f"{server}/moved"
    assert article.blocks[0].spans[1].link == f"{server}/pier-history"


def test_the_header_charset_decodes_an_undeclared_windows_1252_page(server: str) -> None:
    text = " ".join(block.text for block in read_source(f"{server}/bakery").blocks)
    assert "£4.20" in text and "€3,000" in text and "“la naïve”" in text


def test_an_address_with_non_ascii_characters_is_sent_encoded(server: str) -> None:
    assert read_source(f"{server}/café?q=a b").headline == "Pier reopens"


def test_plain_text_is_detected_by_content(server: str) -> None:
    article = read_source(f"{server}/pier.txt")
    assert (article.headline, article.bylines) == ("Pier reopens", ("Ann Lee",))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", r"the server answered HTTP 404 Not Found$"),
        ("/photo", r"the address serves image/jpeg, not a web page or text$"),
        ("/empty", r"the file is empty$"),
    ],
)
def test_failures_are_one_line_input_errors(server: str, path: str, message: str) -> None:
    with pytest.raises(InputError, match=f"^{re.escape(server + path)}: {message}"):
        read_source(server + path)


def test_size_cap_is_checked_while_streaming(server: str) -> None:
    with pytest.raises(InputError, match=r"/endless: the page is larger than 1 MB$"):
        fetch(f"{server}/endless", max_bytes=1_000_000)


def test_timeout(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=r"/slow: .*no answer within 0\.3 s"):
        fetch(f"{server}/slow", max_bytes=1_000_000, timeout=0.3)
    assert time.monotonic() - started < 1.2


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(InputError, match=r"the connection was refused$"):
        fetch(f"http://127.0.0.1:{port}/", max_bytes=1000)


def test_cli_prints_one_line_without_traceback(server: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "accessnews", "clean", f"{server}/missing"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "HTTP 404" in result.stderr
    assert "Traceback" not in result.stderr
