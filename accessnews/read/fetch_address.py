"""Where a fetch may connect, and how long it may take: the deadline of the whole fetch, host
names resolved within it, and the kind of each address (public or not).

Each hop's host name is resolved once here; the fetch checks those addresses and connects to
them, never to the name again, so a DNS answer that changes between the check and the
connection (DNS rebinding) cannot send it elsewhere.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# The kind of a non-public address ("a loopback address"), None for a public one. Tests pass
# their own to play a "public" host on 127.0.0.2.
Classify = Callable[[Address], str | None]


@dataclass(frozen=True)
class Deadline:
    """The end of the whole fetch: every wait (DNS, connect, TLS, each read) ends by then."""

    seconds: float
    at: float

    @classmethod
    def start(cls, seconds: float) -> Deadline:
        return cls(seconds, time.monotonic() + seconds)

    def left(self) -> float:
        """Seconds left; TimeoutError when none are."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no time left of {self.seconds:g} s")
        return left


@dataclass(frozen=True)
class Resolved:
    """One address a host name resolved to, as `socket.connect` takes it."""

    family: socket.AddressFamily
    sockaddr: tuple[Any, ...]

    @property
    def ip(self) -> Address:
        return ipaddress.ip_address(str(self.sockaddr[0]).split("%", 1)[0])


def non_public_kind(address: Address) -> str | None:
    """What kind of address this is when a public server has no business redirecting to it."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "a loopback address"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private address"
    if address.is_multicast or not address.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int, deadline: Deadline) -> list[Resolved]:
    """Every address of `host`, within the deadline (the system resolver has no timeout of its
    own: a slow lookup is left to finish in a daemon thread, which never delays exit)."""
    answer: list[list[Resolved] | OSError] = []

    def look_up() -> None:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            answer.append([Resolved(family, sockaddr) for family, _, _, _, sockaddr in found])
        except OSError as error:
            answer.append(error)

    thread = threading.Thread(target=look_up, name="accessnews-resolve", daemon=True)
    thread.start()
    thread.join(deadline.left())
    if not answer:
        raise TimeoutError(f"resolving {host}")
    if isinstance(answer[0], OSError):
        raise answer[0]
    return answer[0]
