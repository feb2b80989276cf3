"""A SOCKS5 proxy on 127.0.0.1 that holds the headless browser to the network rule.

Chromium loads the article page and everything it pulls in (styles, images, scripts and
whatever they ask for). Each of those connections comes here, by host name (Chromium's
own resolver is switched off: `browser`), and is let through only when
`network.resolve` lets the host through, to the very address it checked. A page cannot
make the browser reach the newsroom's own network, nor a cloud's metadata service, any
more than the checker itself. Refused hosts are kept in `Proxy.refused`.

One proxy per capture, in threads of this process; it stops with the capture.
"""

from __future__ import annotations

import contextlib
import select
import socket
import socketserver
import struct
import threading
import time

from .config import setting
from .network import CheckError, resolve

#: SOCKS5 replies.
SUCCEEDED, NOT_ALLOWED, UNREACHABLE, NOT_SUPPORTED = 0, 2, 4, 7


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        client: socket.socket = self.request
        client.settimeout(setting("PRESSROOM_LINK_CHECK_READ_TIMEOUT"))
        try:
            host, port = self.negotiate(client)
        except (OSError, ValueError, struct.error):
            return
        if host is None:
            return
        try:
            address = resolve(host, port)
        except CheckError:
            self.server.refused.append(host)
            self.reply(client, NOT_ALLOWED)
            return
        try:
            upstream = socket.create_connection(
                (address, port), timeout=setting("PRESSROOM_LINK_CHECK_CONNECT_TIMEOUT")
            )
        except OSError:
            self.reply(client, UNREACHABLE)
            return
        with upstream:
            self.reply(client, SUCCEEDED)
            relay(client, upstream, self.server.deadline, self.server.budget)

    def negotiate(self, client) -> tuple[str | None, int]:
        version, count = _read(client, 2)
        if version != 5:
            return None, 0
        methods = _read(client, count)
        if 0 not in methods:  # no authentication is all this proxy speaks
            client.sendall(b"\x05\xff")
            return None, 0
        client.sendall(b"\x05\x00")
        version, command, _reserved, kind = _read(client, 4)
        if version != 5 or command != 1:  # CONNECT only
            self.reply(client, NOT_SUPPORTED)
            return None, 0
        if kind == 1:
            host = socket.inet_ntop(socket.AF_INET, _read(client, 4))
        elif kind == 4:
            host = socket.inet_ntop(socket.AF_INET6, _read(client, 16))
        elif kind == 3:
            host = _read(client, _read(client, 1)[0]).decode("idna").lower()
        else:
            self.reply(client, NOT_SUPPORTED)
            return None, 0
        (port,) = struct.unpack("!H", _read(client, 2))
        return host, port

    @staticmethod
    def reply(client, code: int) -> None:
        with contextlib.suppress(OSError):
            client.sendall(bytes([5, code, 0, 1, 0, 0, 0, 0, 0, 0]))


def _read(sock, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ValueError("closed")
        data += chunk
    return data


def relay(client, upstream, deadline: float, budget: list[int]) -> None:
    """Copy bytes both ways until either side closes, the capture's time is up, nothing
    moves for a read time-out, or the capture's byte budget is spent."""
    idle = setting("PRESSROOM_LINK_CHECK_READ_TIMEOUT")
    sockets = [client, upstream]
    while time.monotonic() < deadline:
        ready, _, _ = select.select(sockets, [], [], min(idle, max(deadline - time.monotonic(), 0)))
        if not ready:
            return
        for sock in ready:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            budget[0] -= len(data)
            if budget[0] < 0:
                return
            other = upstream if sock is client else client
            try:
                other.sendall(data)
            except OSError:
                return


class Proxy(socketserver.ThreadingTCPServer):
    """``with Proxy(seconds) as proxy:`` a SOCKS5 proxy on ``127.0.0.1:proxy.port``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, seconds: float):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.deadline = time.monotonic() + seconds
        # Everything a capture may download: a page, its images and its scripts.
        self.budget = [20 * setting("PRESSROOM_LINK_CHECK_MAX_BYTES")]
        self.refused: list[str] = []
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.shutdown()
        self.server_close()
