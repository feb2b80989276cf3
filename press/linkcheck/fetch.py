"""Fetching an article's address: redirects followed by hand, HEAD first, caps everywhere.

`follow(url)` walks the redirects itself (never urllib3's), so that every hop is checked
against the network rule (`network.target`) and counted: more than `MAX_HOPS`, or an
address seen twice, is a loop. It asks with HEAD, which costs an outlet nothing, and
with GET once HEAD's answer is not enough: a live page (its headline is read, and it is
archived), or a HEAD that is refused or answered with anything but 2xx, 404 or 410 (many
servers mishandle HEAD).

Every request: one at a time per host (`network.host_lock`), the newsroom's User-Agent,
``Connection: close``, connect and read time-outs and a total one for the whole answer (a
server trickling a byte a second never trips a read time-out), and at most
``PRESSROOM_LINK_CHECK_MAX_BYTES`` read: a larger answer is `Reason.TOO_LARGE` and
nothing of it is kept. Bodies are kept as sent (compressed, if the outlet compressed
them), as a WARC record wants them; `decoded` unpacks them within the same cap.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from press.models import Reason

from .config import setting
from .network import CheckError, Target, host_lock, target

MAX_HOPS = 10
REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT = {301, 308}
#: Answers to HEAD that are the answer: the page is there (GET follows for its text) or
#: gone. Anything else is asked again with GET.
HEAD_FINAL = {404, 410}
CHUNK = 64 * 1024


@dataclass
class Answer:
    """One request and its answer, as a WARC record keeps them."""

    url: str
    method: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    request_headers: list[tuple[str, str]]
    address: str
    body: bytes = b""

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), "")

    @property
    def request_line(self) -> str:
        parts = urllib3.util.parse_url(self.url)
        path = parts.path or "/"
        return f"{self.method} {path}{'?' + parts.query if parts.query else ''} HTTP/1.1"


@dataclass
class Trail:
    """The answers from the first address to the last."""

    answers: list[Answer] = field(default_factory=list)

    @property
    def final(self) -> Answer:
        return self.answers[-1]

    @property
    def redirects(self) -> list[Answer]:
        """The redirect answers on the way, each address once (a HEAD refused and asked
        again with GET counts once)."""
        seen, hops = set(), []
        for answer in self.answers[:-1]:
            if answer.status in REDIRECTS and answer.url not in seen:
                seen.add(answer.url)
                hops.append(answer)
        return hops


def headers_for(goal: Target) -> dict[str, str]:
    return {
        "Host": goal.host_header,
        "User-Agent": setting("PRESSROOM_LINK_CHECK_USER_AGENT"),
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
        "Accept-Language": "ko,en;q=0.8,zh;q=0.6,ja;q=0.6",
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }


def request(method: str, url: str) -> Answer:
    """One request to ``url`` under the network rule and the host's lock; the body is read
    (within the caps) only for a GET answered with 2xx. Raises `CheckError`."""
    goal = target(url)
    connect = setting("PRESSROOM_LINK_CHECK_CONNECT_TIMEOUT")
    read = setting("PRESSROOM_LINK_CHECK_READ_TIMEOUT")
    timeout = urllib3.Timeout(connect=connect, read=read)
    if goal.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            goal.address,
            goal.port,
            timeout=timeout,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            server_hostname=goal.host,
            assert_hostname=goal.host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            goal.address, goal.port, timeout=timeout, retries=False, maxsize=1
        )
    headers = headers_for(goal)
    with host_lock(goal.host), pool:
        try:
            response = pool.urlopen(
                method,
                goal.path,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
            )
        except Exception as error:
            raise failure(error) from None
        try:
            answer = Answer(
                url=url,
                method=method,
                status=response.status,
                reason=response.reason or "",
                headers=list(response.headers.items()),
                request_headers=list(headers.items()),
                address=goal.address,
            )
            if method == "GET" and 200 <= response.status < 300:
                answer.body = read_body(response)
        finally:
            response.release_conn()
            response.close()
    return answer


def read_body(response) -> bytes:
    """The body as sent, within `MAX_BYTES` and the total time-out."""
    limit = setting("PRESSROOM_LINK_CHECK_MAX_BYTES")
    deadline = time.monotonic() + setting("PRESSROOM_LINK_CHECK_TOTAL_TIMEOUT")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise CheckError(Reason.TOO_LARGE, size_text(limit))
    chunks, size = [], 0
    try:
        for chunk in response.stream(CHUNK, decode_content=False):
            size += len(chunk)
            if size > limit:
                raise CheckError(Reason.TOO_LARGE, size_text(limit))
            if time.monotonic() > deadline:
                raise CheckError(Reason.TIMEOUT)
            chunks.append(chunk)
    except CheckError:
        raise
    except Exception as error:
        raise failure(error) from None
    return b"".join(chunks)


def failure(error: Exception) -> CheckError:
    """What went wrong, as a `CheckError` a reader understands."""
    if isinstance(error, CheckError):
        return error
    if isinstance(error, SSLError):
        return CheckError(Reason.TLS, short(error))
    if isinstance(error, NewConnectionError):  # before time-outs: urllib3 makes it one
        return CheckError(Reason.CONNECT, short(error))
    if isinstance(error, ConnectTimeoutError | ReadTimeoutError | TimeoutError):
        return CheckError(Reason.TIMEOUT)
    if isinstance(error, ProtocolError | HTTPError | OSError):
        return CheckError(Reason.CONNECT, short(error))
    return CheckError(Reason.CONNECT, short(error))


def short(error) -> str:
    """The end of urllib3's message ("…: Failed to establish a new connection: [Errno 111]
    Connection refused"), which is what a reader wants."""
    text = str(error).rpartition("Failed to establish a new connection: ")[2]
    return text.strip(" ()'\"")[:200]


def size_text(limit: int) -> str:
    return f"{limit / (1024 * 1024):.0f} MB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


def next_url(answer: Answer) -> str:
    """Where a redirect leads, as an absolute address (non-ASCII characters quoted)."""
    location = answer.header("Location").strip()
    if not location:
        raise CheckError(Reason.HTTP, f"{answer.status} without an address", answer.status)
    return quote(urljoin(answer.url, location), safe=":/?#[]@!$&'()*+,;=%~")


def follow(url: str) -> Trail:
    """The trail from ``url`` to its last answer (see the module); raises `CheckError`."""
    trail = Trail()
    method = "HEAD"
    seen: set[tuple[str, str]] = set()
    current = url
    while True:
        if (method, current) in seen or len(seen) > 2 * MAX_HOPS:
            raise CheckError(Reason.LOOP)
        seen.add((method, current))
        answer = request(method, current)
        trail.answers.append(answer)
        if answer.status in REDIRECTS:
            if len(trail.redirects) >= MAX_HOPS:
                raise CheckError(Reason.LOOP)
            current = next_url(answer)
            continue
        if method == "HEAD" and answer.status not in HEAD_FINAL:
            method = "GET"  # a live page's text, or a HEAD the server will not answer
            continue
        return trail


def decoded(answer: Answer) -> bytes:
    """The body without its Content-Encoding, within the same cap; b"" when the encoding
    is one this code does not read."""
    encoding = answer.header("Content-Encoding").strip().lower()
    if encoding in ("", "identity"):
        return answer.body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return b""
    limit = setting("PRESSROOM_LINK_CHECK_MAX_BYTES")
    wbits = 47 if encoding != "deflate" else 15  # gzip or zlib headers; raw deflate below
    for bits in (wbits, -15):
        unpacker = zlib.decompressobj(bits)
        try:
            data = unpacker.decompress(answer.body, limit + 1)
        except zlib.error:
            continue
        if len(data) > limit or unpacker.unconsumed_tail:
            raise CheckError(Reason.TOO_LARGE, size_text(limit))
        return data
    return b""
