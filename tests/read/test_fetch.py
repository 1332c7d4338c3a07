"""http(s) URLs against a real HTTP server on 127.0.0.1: pages, charsets, redirects, failures."""

from __future__ import annotations

import contextlib
import ipaddress
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from accessnews.errors import InputError
from accessnews.model import Paragraph
from accessnews.read import read_source
from accessnews.read.fetch import AddressPolicy, fetch
from accessnews.read.fetch_address import Address, non_public_kind
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
    "/intranet": (200, "text/html; charset=utf-8", _PAGE),
}


_TRICKLE_BYTES = 60  # one every 50 ms: a trickle lasts 3 s, ten times the tests' deadline
_SERVED: list[str] = []  # the paths served, for the tests that must not reach one


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        _SERVED.append(self.path)
        if self.path.startswith("/redirect?"):
            self.send_response(302)
            self.send_header("Location", parse_qs(urlsplit(self.path).query)["to"][0])
            self.end_headers()
        elif self.path.startswith("/trickle-"):
            self._trickle(headers=self.path == "/trickle-headers")
        elif self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(_PAGE[:100])
        elif self.path == "/chunked-cut":
            self.protocol_version = "HTTP/1.1"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"64\r\n" + _PAGE[:100] + b"\r\n")
        elif self.path == "/moved":
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

    def _trickle(self, *, headers: bool) -> None:
        """One byte every 50 ms, of the headers or of the body; stops when the client left."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(_TRICKLE_BYTES))
        self.flush_headers()
        if not headers:
            self.wfile.write(b"\r\n")
        try:
            for _ in range(_TRICKLE_BYTES):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
            if headers:
                self.wfile.write(b": y\r\n\r\n" + b"p" * _TRICKLE_BYTES)
        except OSError:
            return

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet: the tests read outcomes, not the server log."""


def _serve(host: str) -> Iterator[str]:
    httpd = ThreadingHTTPServer((host, 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{host}:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    yield from _serve("127.0.0.1")


@pytest.fixture(scope="module")
def public_server() -> Iterator[str]:
    """A server on 127.0.0.2, which the tests' address classification calls public."""
    try:
        yield from _serve("127.0.0.2")
    except OSError as error:  # only Linux routes all of 127.0.0.0/8 to the loopback device
        pytest.skip(f"cannot listen on 127.0.0.2 ({error})")


def _only_127_0_0_2_is_public(address: Address) -> str | None:
    return None if address == ipaddress.ip_address("127.0.0.2") else "a private address"


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


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/trickle-body", r"the download took longer than 0\.3 s"),
        ("/trickle-headers", r"no answer within 0\.3 s"),
    ],
)
def test_the_deadline_bounds_the_whole_fetch_of_a_trickling_server(
    server: str, path: str, message: str
) -> None:
    started = time.monotonic()
    with pytest.raises(InputError, match=f"{path}: {message}$"):
        fetch(server + path, max_bytes=1_000_000, timeout=0.3)
    assert time.monotonic() - started < 1.0


def test_a_body_shorter_than_its_content_length_is_an_error(server: str) -> None:
    with pytest.raises(
        InputError,
        match=r"/short: the server closed the connection after 100 of the 1000 bytes it "
        r"announced \(Content-Length\)$",
    ):
        fetch(f"{server}/short", max_bytes=1_000_000)


def test_a_chunked_body_cut_short_is_an_error(server: str) -> None:
    with pytest.raises(
        InputError, match=r"/chunked-cut: the server closed the connection mid-page$"
    ):
        fetch(f"{server}/chunked-cut", max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("93.184.215.14", None),
        ("2606:4700::6810:84e5", None),
        ("127.0.0.2", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("10.0.0.5", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fd00::1", "a private address"),
        ("100.64.0.1", "not a public address"),
        ("224.0.0.1", "not a public address"),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert non_public_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/pier.txt"])
def test_a_redirect_to_another_scheme_is_refused(server: str, target: str) -> None:
    with pytest.raises(
        InputError, match=f"redirected to {re.escape(target)}; only http\\(s\\) addresses are"
    ):
        fetch(f"{server}/redirect?to={target}", max_bytes=1_000_000)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_public_page_cannot_redirect_to_a_private_address(
    server: str, public_server: str, host: str
) -> None:
    """127.0.0.2 plays the public site; 127.0.0.1 (by address or by name) the local network,
    where the redirect must never arrive."""
    port = urlsplit(server).port
    policy = AddressPolicy(classify=_only_127_0_0_2_is_public)
    private = f"http://{host}:{port}/intranet"
    _SERVED.clear()
    with pytest.raises(
        InputError,
        match=f": redirected to {re.escape(private)}: {host} is a private address( \\(.*\\))?; "
        "refused after a public address$",
    ):
        fetch(f"{public_server}/redirect?to={private}", max_bytes=1_000_000, policy=policy)
    assert [f"/redirect?to={private}"] == _SERVED


def test_a_private_address_may_redirect_to_another_one_by_default(server: str) -> None:
    """The user's own address may be local (an intranet, a test server), and so its redirects."""
    page = fetch(
        f"{server}/redirect?to=http://localhost:{urlsplit(server).port}/news/pier",
        max_bytes=1_000_000,
    )
    assert page.data == _PAGE


@pytest.mark.parametrize("command", [["clean"], ["render", "--no-audio", "--no-braille"]])
def test_no_private_addresses_refuses_a_local_address_given_first(
    server: str, command: list[str], tmp_path: Path
) -> None:
    """For a service fetching addresses others give it; `render` passes it to its read-ahead."""
    url = f"{server}/news/pier"
    result = subprocess.run(
        [sys.executable, "-m", "accessnews", *command, "--no-private-addresses", url],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"accessnews: error: {url}: 127.0.0.1 is a loopback address; "
        "only public addresses are fetched (--no-private-addresses)\n"
    )


def test_a_tls_handshake_that_never_completes_is_bounded() -> None:
    """The kernel accepts the connection into the backlog; no server ever answers the hello."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        started = time.monotonic()
        with pytest.raises(InputError, match=r"no answer within 0\.3 s$"):
            fetch(f"https://127.0.0.1:{silent.getsockname()[1]}/", max_bytes=1000, timeout=0.3)
    assert time.monotonic() - started < 1.0


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_https_verifies_the_certificate(tmp_path: Path) -> None:
    """A self-signed certificate: the TLS stack is used, and it refuses what it cannot verify."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", key, "-out", cert],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with context.wrap_socket(listener, server_side=True) as tls:
            thread = threading.Thread(target=_accept_one, args=(tls,), daemon=True)
            thread.start()
            with pytest.raises(InputError, match=r"TLS error \(CERTIFICATE_VERIFY_FAILED\)$"):
                fetch(f"https://127.0.0.1:{tls.getsockname()[1]}/", max_bytes=1000, timeout=5)
            thread.join(5)


def _accept_one(tls: ssl.SSLSocket) -> None:
    """Accept one connection; its handshake fails on the client's side, so on ours too."""
    with contextlib.suppress(OSError):
        tls.accept()[0].close()
