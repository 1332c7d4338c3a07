"""http(s) URLs: download one page within a deadline, a size cap and one-line errors.

http.client, with the redirects followed here: each hop's address is checked before it is
connected to (only http(s); from a public address never to a private one), and every socket
wait gets only what is left of one deadline for the whole fetch, so no server, however slowly
it answers or trickles, holds a fetch past it.
"""

from __future__ import annotations

import http.client
import io
import socket
import ssl
import urllib.parse
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..errors import InputError
from .fetch_address import Classify, Deadline, Resolved, non_public_kind, resolve

TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 10
_CHUNK = 64 * 1024
_USER_AGENT = f"accessnews/{__version__} (article reader for braille and audio)"
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"
_PAGE_TYPES = frozenset({"application/xhtml+xml", "application/xml"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Fetched:
    """A downloaded page: its bytes, its final address and the charset its header declared."""

    data: bytes
    url: str
    charset: str | None


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses a fetch may connect to.

    Always: once a hop was on a public address, no later hop may be on a non-public one (a
    public page cannot redirect into the local network). `public_only`: no hop may, the
    address given first included (for a service that fetches addresses others give it).
    """

    public_only: bool = False
    classify: Classify = non_public_kind


DEFAULT_POLICY = AddressPolicy()
PUBLIC_ONLY = AddressPolicy(public_only=True)


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
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without an answer"
    if isinstance(error, http.client.HTTPException):
        return f"not a valid HTTP answer ({error})"
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(error, socket.gaierror):
        return "the host name cannot be resolved"
    if isinstance(error, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(error, ssl.SSLError):
        return f"TLS error ({error.reason or error})"
    return f"cannot connect ({error})"


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each waiting only for what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)  # keeps the socket open until closed
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        self._sock.settimeout(self._deadline.left())
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """The socket methods http.client uses (send, read through a file, close), every wait
    bounded by the deadline."""

    def __init__(self, sock: socket.socket, deadline: Deadline) -> None:
        self._sock = sock
        self._deadline = deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(self._deadline.left())
        self._sock.sendall(data)

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def close(self) -> None:
        self._sock.close()


class _Hop(http.client.HTTPConnection):
    """One request, connected to the addresses checked for its host (not to the host name
    again), with TLS verified against the host name for https."""

    def __init__(
        self, parts: urllib.parse.SplitResult, addresses: list[Resolved], deadline: Deadline
    ) -> None:
        super().__init__(parts.hostname or "", parts.port or _PORTS[parts.scheme])
        self.default_port = _PORTS[parts.scheme]  # the Host header omits the scheme's port
        self._tls = ssl.create_default_context() if parts.scheme == "https" else None
        self._addresses = addresses
        self._deadline = deadline

    def connect(self) -> None:
        failure: OSError = ConnectionRefusedError()
        for address in self._addresses:
            sock = socket.socket(address.family, socket.SOCK_STREAM)
            try:
                sock.settimeout(self._deadline.left())
                sock.connect(address.sockaddr)
                if self._tls is not None:
                    sock = self._tls.wrap_socket(sock, server_hostname=self.host)
            except TimeoutError:
                sock.close()
                raise
            except OSError as error:
                sock.close()
                failure = error
                continue
            self.sock = _DeadlineSocket(sock, self._deadline)
            return
        raise failure


def _check_type(url: str, content_type: str) -> None:
    if not (content_type.startswith("text/") or content_type in _PAGE_TYPES):
        raise InputError(f"{url}: the address serves {content_type}, not a web page or text")


def _read_capped(
    url: str, response: http.client.HTTPResponse, max_bytes: int, timeout: float
) -> bytes:
    """The whole body, refusing more than `max_bytes`, a download past the deadline and a
    body shorter than its Content-Length."""
    too_large = InputError(f"{url}: the page is larger than {max_bytes / 1e6:.0f} MB")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise too_large
    data = bytearray()
    try:
        while chunk := response.read(_CHUNK):
            data += chunk
            if len(data) > max_bytes:
                raise too_large
    except TimeoutError:
        raise InputError(f"{url}: the download took longer than {timeout:g} s") from None
    except http.client.IncompleteRead:
        raise InputError(f"{url}: the server closed the connection mid-page") from None
    if response.length:  # what http.client still expected when the server closed
        raise InputError(
            f"{url}: the server closed the connection after {len(data)} of the "
            f"{len(data) + response.length} bytes it announced (Content-Length)"
        )
    return bytes(data)


def _check_hop(
    url: str,
    address: str,
    addresses: list[Resolved],
    *,
    redirected: bool,
    policy: AddressPolicy,
    public_before: bool,
) -> bool:
    """Refuse a hop the policy forbids; whether this hop is on public addresses only."""
    host = urllib.parse.urlsplit(address).hostname
    redirect = f"redirected to {address}: " if redirected else ""
    for resolved in addresses:
        kind = policy.classify(resolved.ip)
        if kind is None:
            continue
        named = f"{host} is {kind}" + ("" if host == str(resolved.ip) else f" ({resolved.ip})")
        if policy.public_only:
            raise InputError(
                f"{url}: {redirect}{named}; only public addresses are fetched "
                "(--no-private-addresses)"
            )
        if public_before:
            raise InputError(f"{url}: {redirect}{named}; refused after a public address")
        return False
    return True


def _get(url: str, max_bytes: int, deadline: Deadline, policy: AddressPolicy) -> Fetched:
    """Follow redirects hop by hop, each checked before it is connected to."""
    address = ascii_url(url)
    public_before = False
    for hop in range(MAX_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(address)
        if parts.scheme not in _PORTS:
            where = f"redirected to {address}" if hop else "not an http(s) address"
            raise InputError(f"{url}: {where}; only http(s) addresses are fetched")
        addresses = resolve(parts.hostname or "", parts.port or _PORTS[parts.scheme], deadline)
        public_before |= _check_hop(
            url,
            address,
            addresses,
            redirected=hop > 0,
            policy=policy,
            public_before=public_before,
        )
        with closing(_Hop(parts, addresses, deadline)) as connection:
            target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
            connection.request(
                "GET", target, headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT}
            )
            with connection.getresponse() as response:
                location = response.headers.get("Location")
                if response.status in _REDIRECTS and location:
                    address = ascii_url(urllib.parse.urljoin(address, location.strip()))
                    continue
                if not 200 <= response.status < 300:
                    raise InputError(
                        f"{url}: the server answered HTTP {response.status} {response.reason}"
                    )
                _check_type(url, response.headers.get_content_type())
                data = _read_capped(url, response, max_bytes, deadline.seconds)
                return Fetched(data, address, response.headers.get_content_charset())
    raise InputError(f"{url}: more than {MAX_REDIRECTS} redirects")


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = TIMEOUT_SECONDS,
    policy: AddressPolicy = DEFAULT_POLICY,
) -> Fetched:
    """GET `url` (redirects followed) within `timeout` seconds in all; InputError with one
    line for every way it can fail."""
    try:
        return _get(url, max_bytes, Deadline.start(timeout), policy)
    except (http.client.HTTPException, OSError) as error:  # TimeoutError included
        raise InputError(f"{url}: {_why(error, timeout)}") from None
    except ValueError as error:  # also UnicodeError: a host name IDNA cannot encode
        raise InputError(f"{url}: not a valid address ({error})") from None
