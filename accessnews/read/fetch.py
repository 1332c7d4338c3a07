"""http(s) URLs: download one page with a timeout, a size cap and one-line errors.

urllib is enough (one GET, redirects followed); the limits protect a batch run from a server
that never answers or never stops sending.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from .. import __version__
from ..errors import InputError

TIMEOUT_SECONDS = 20.0
_CHUNK = 64 * 1024
_USER_AGENT = f"accessnews/{__version__} (article reader for braille and audio)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_PAGE_TYPES = frozenset({"application/xhtml+xml", "application/xml"})


@dataclass(frozen=True)
class Fetched:
    """A downloaded page: its bytes, its final address and the charset its header declared."""

    data: bytes
    url: str
    charset: str | None


def ascii_url(url: str) -> str:
    """An address people paste (`https://diario.example/café`) as HTTP can send it."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host.encode("idna").decode("ascii")
    netloc = host + (f":{parts.port}" if parts.port else "")
    if parts.username or parts.password:
        raise InputError(f"{url}: addresses with a user name or password are not fetched")
    safe = "/?&=%:@!$'()*+,;~"
    return urllib.parse.urlunsplit(
        (parts.scheme, netloc, *(urllib.parse.quote(p, safe=safe) for p in parts[2:]))
    )


def _why(error: BaseException, timeout: float) -> str:
    """A short, user-facing cause of a connection failure."""
    reason = getattr(error, "reason", error)
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "the host name cannot be resolved"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    return f"cannot connect ({reason})"


def _check_type(url: str, content_type: str) -> None:
    if not (content_type.startswith("text/") or content_type in _PAGE_TYPES):
        raise InputError(f"{url}: the address serves {content_type}, not a web page or text")


def _read_capped(
    url: str, response: http.client.HTTPResponse, max_bytes: int, timeout: float
) -> bytes:
    """The body, refusing more than `max_bytes` and a download slower than the timeout."""
    deadline = time.monotonic() + timeout
    too_large = InputError(f"{url}: the page is larger than {max_bytes / 1e6:.0f} MB")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_large
    data = bytearray()
    while chunk := response.read(_CHUNK):
        data += chunk
        if len(data) > max_bytes:
            raise too_large
        if time.monotonic() > deadline:
            raise InputError(f"{url}: the download took longer than {timeout:g} s")
    return bytes(data)


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """GET `url` (redirects followed); InputError with one line for every way it can fail."""
    try:
        request = urllib.request.Request(
            ascii_url(url), headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _check_type(url, response.headers.get_content_type())
            data = _read_capped(url, response, max_bytes, timeout)
            return Fetched(data, response.geturl(), response.headers.get_content_charset())
    except urllib.error.HTTPError as error:
        raise InputError(f"{url}: the server answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise InputError(f"{url}: {_why(error, timeout)}") from None
    except (TimeoutError, http.client.HTTPException, OSError) as error:
        raise InputError(f"{url}: the download failed ({_why(error, timeout)})") from None
    except ValueError as error:  # also UnicodeError: a host name IDNA cannot encode
        raise InputError(f"{url}: not a valid address ({error})") from None
