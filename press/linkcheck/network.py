"""Which addresses the checker may reach, and one request per host at a time.

**The network rule.** Only ``http`` and ``https``. A host name is resolved first and
every address it resolves to must be on the public internet: private, loopback,
link-local (169.254.169.254, a cloud's metadata service), shared, reserved or multicast
addresses are refused before any connection is made, so a coverage URL (typed, imported,
or a redirect an outlet answers with) cannot turn the checker against the newsroom's own
network. The connection then goes to the very address that was checked (`Target.address`),
not to a second lookup that could answer otherwise. Hosts named in
``PRESSROOM_LINK_CHECK_ALLOW_HOSTS`` (by name or address) pass whatever they resolve to.
The rule applies to every redirect and to every connection the headless browser makes
(`press.linkcheck.socks`).

**Politeness.** `host_lock` lets one request at a time reach a host, across every worker
process on every machine: on PostgreSQL a session-level advisory lock (the database is the
one thing all workers share, and the server releases the lock itself when a worker dies
with its connection; a cache key would need a time-out guessed against the slowest
answer, and the cache may be down or, in development, per process). On SQLite, whose
workers share one machine, an exclusive lock on a file per host does the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import os
import socket
import tempfile
import time
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from django.db import connection

from press.models import Reason

from .config import setting

SCHEMES = {"http": 80, "https": 443}


class CheckError(Exception):
    """The check cannot go on: a `Reason` with its detail (and the HTTP status, if any)."""

    def __init__(self, reason: str, detail: str = "", http_status: int | None = None):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail[:300]
        self.http_status = http_status


@dataclass(frozen=True)
class Target:
    """A checked address: where to connect, and how to name the host to it."""

    scheme: str
    host: str  # as sent in Host and in TLS's server name (IDNA-encoded)
    port: int
    path: str  # with the query, never empty
    address: str  # the IP address the rule let through

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return shown if self.port == SCHEMES[self.scheme] else f"{shown}:{self.port}"


def split(url: str) -> tuple[SplitResult, str, int]:
    """``url`` taken apart, with its host (lower case, IDNA-encoded) and port; raises
    `CheckError` for anything that is not a well-formed http(s) address."""
    if not isinstance(url, str) or not url or any(c.isspace() or ord(c) < 32 for c in url):
        raise CheckError(Reason.MALFORMED)
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname or ""
    except ValueError as error:
        raise CheckError(Reason.MALFORMED, str(error)) from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise CheckError(Reason.SCHEME, scheme)
    if not host:
        raise CheckError(Reason.MALFORMED)
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise CheckError(Reason.MALFORMED, host) from None
    if not all(part and len(part) <= 63 for part in host.rstrip(".").split(".")) and not _is_ip(
        host
    ):
        raise CheckError(Reason.MALFORMED, host)
    return parts, host, port or SCHEMES[scheme]


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def allowed_host(host: str) -> bool:
    allowed = {
        str(name).lower().strip("[]") for name in setting("PRESSROOM_LINK_CHECK_ALLOW_HOSTS")
    }
    return host.lower() in allowed


def public(address: str) -> bool:
    """Whether ``address`` is on the public internet (an IPv4-mapped IPv6 address is
    judged as the IPv4 one it carries)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> str:
    """The address to connect to for ``host``, if the network rule lets it through;
    raises `CheckError` (`Reason.DNS`, `PRIVATE` or `OUTSIDE`) otherwise. A literal
    address is judged without any lookup."""
    if _is_ip(host):
        addresses = [host]
    else:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as error:
            raise CheckError(Reason.DNS, f"{host}: {error}") from None
        addresses = list(dict.fromkeys(info[4][0] for info in found))
        if not addresses:
            raise CheckError(Reason.DNS, host)
    if allowed_host(host):
        return addresses[0]
    # Every address must pass: a name resolving to a public and a private address could
    # be answered with either by the next lookup.
    refused = [a for a in addresses if not public(a) and not allowed_host(a)]
    if refused:
        raise CheckError(Reason.PRIVATE, f"{host} ({refused[0]})" if host != refused[0] else host)
    if not setting("PRESSROOM_LINK_CHECK_OUTSIDE") and not all(map(allowed_host, addresses)):
        raise CheckError(Reason.OUTSIDE, host)
    return addresses[0]


def target(url: str) -> Target:
    """``url`` checked against the network rule (see the module)."""
    parts, host, port = split(url)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(parts.scheme.lower(), host, port, path, resolve(host, port))


# --- one request per host at a time ----------------------------------------------------


def lock_wait() -> float:
    """How long a check waits for another check of the same host: longer than any one
    request or capture can hold the lock."""
    return setting("PRESSROOM_LINK_CHECK_TOTAL_TIMEOUT") + 2 * setting(
        "PRESSROOM_LINK_CHECK_CAPTURE_TIMEOUT"
    )


def _lock_key(host: str) -> int:
    digest = hashlib.sha256(f"pressroom-linkcheck:{host.lower()}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextlib.contextmanager
def host_lock(host: str, *, wait: float | None = None):
    """Hold ``host``'s lock for the block (see the module); raises `CheckError`
    (`Reason.BUSY`) after ``wait`` seconds without it."""
    wait = lock_wait() if wait is None else wait
    if connection.vendor == "postgresql":
        manager = _advisory_lock(_lock_key(host), wait)
    else:
        manager = _file_lock(host, wait)
    with manager:
        yield


def _poll(try_once, wait: float, host: str) -> None:
    deadline = time.monotonic() + wait
    pause = 0.02
    while not try_once():
        if time.monotonic() >= deadline:
            raise CheckError(Reason.BUSY, host)
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


@contextlib.contextmanager
def _advisory_lock(key: int, wait: float):
    def try_once() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            return bool(cursor.fetchone()[0])

    _poll(try_once, wait, str(key))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextlib.contextmanager
def _file_lock(host: str, wait: float):
    import fcntl

    folder = os.path.join(tempfile.gettempdir(), "pressroom-linkcheck-locks")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{_lock_key(host) & 0xFFFFFFFFFFFF:x}.lock")
    with open(path, "a+b") as file:  # each open is a lock of its own, threads included

        def try_once() -> bool:
            try:
                fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True

        _poll(try_once, wait, host)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)
