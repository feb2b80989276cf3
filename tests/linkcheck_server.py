"""The outlet the link-check tests ask: a threaded HTTP server on 127.0.0.1 (and one over
TLS with a self-signed certificate), serving the cases of issue 19.

The article texts are ours (the facts of TRIPS.md's trip A, our own wording). The server
records every request it answers and the most it answered at once, so a test can tell that
a refused address was never asked and that two checks of one host never overlapped.
"""

from __future__ import annotations

import datetime as dt
import gzip
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEADLINE = "Seoul mayor tours Beijing's humanoid robot centre"
HEADLINE_KO = "오세훈 시장, 베이징 휴머노이드 로봇 혁신센터 찾아"
NEW_HEADLINE = "Seoul and Beijing talk robots and green space"
#: Seconds the slow page waits before answering (the tests' read time-out is shorter).
SLOW = 1.5
#: Bytes the huge page streams (the tests' cap is smaller).
HUGE = 3 * 1024 * 1024


def article(headline: str, lang: str = "en", charset: str = "utf-8") -> bytes:
    body = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="{charset}">'
        f"<title>{headline} | The Test Daily</title>"
        "<style>body{font-family:sans-serif;margin:2em} h1{color:#124}</style></head>"
        f"<body><h1>{headline}</h1>"
        "<p>On 31 July 2024 the mayor of Seoul visited the Beijing Humanoid Robot Innovation "
        "Center, where a humanoid robot walked and carried small loads for the delegation.</p>"
        '<p lang="ko">서울시는 로봇 산업 협력을 논의했다.</p>'
        "</body></html>"
    )
    return body.encode(charset)


HOME = b"<!doctype html><html><head><title>The Test Daily</title></head><body>Front</body></html>"


class Outlet(BaseHTTPRequestHandler):
    server_version = "TestDaily/1.0"

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.answer(head=True)

    def do_GET(self):
        self.answer(head=False)

    def answer(self, head: bool):
        server = self.server
        with server.guard:
            server.requests.append((self.command, self.path, self.headers.get("User-Agent")))
            server.active += 1
            server.most = max(server.most, server.active)
        try:
            self.route(head)
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with server.guard:
                server.active -= 1

    def send(self, status: int, body: bytes = b"", head=False, headers=(), kind="text/html"):
        self.send_response(status)
        self.send_header(
            "Content-Type", f"{kind}; charset=utf-8" if "charset" not in kind else kind
        )
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def redirect(self, status: int, where: str, head: bool):
        self.send(status, b"", head, [("Location", where)])

    def route(self, head: bool):
        path = self.path
        if path in ("/", "/index.html"):
            return self.send(200, HOME, head)
        if path == "/politics/":
            return self.send(200, HOME, head)
        if path == "/news/2024/07/31/robot-centre-1001":
            return self.send(200, article(HEADLINE), head)
        if path == "/news/2024/07/31/robot-centre-1002":  # the same page, for a second item
            return self.send(200, article(HEADLINE), head)
        if path == "/news/2024/07/31/robot-centre-1001-new":
            return self.send(200, article(HEADLINE), head)
        if path == "/news/2024/07/31/gone-404":
            return self.send(404, b"<h1>Not found</h1>", head)
        if path == "/news/2024/07/31/gone-410":
            return self.send(410, b"<h1>Gone</h1>", head)
        if path == "/news/2024/07/31/deleted-1003":
            return self.redirect(301, "/", head)
        if path == "/news/2024/07/31/maintenance-1004":
            return self.redirect(302, "/index.html", head)
        if path == "/news/2024/07/31/to-section-1005":
            return self.redirect(301, "/politics/", head)
        if path == "/news/2024/07/31/robot-centre-1001-old":
            return self.redirect(301, "/news/2024/07/31/robot-centre-1001-new", head)
        if path == "/news/2024/07/31/changed-1006":
            return self.send(200, article(NEW_HEADLINE), head)
        if path == "/news/2024/07/31/korean-1007":
            return self.send(
                200, article(HEADLINE_KO, "ko", "euc-kr"), head, kind="text/html; charset=euc-kr"
            )
        if path == "/news/2024/07/31/gzip-1008":
            packed = gzip.compress(article(HEADLINE))
            return self.send(200, packed, head, [("Content-Encoding", "gzip")])
        if path == "/news/2024/07/31/head-refused-1009":
            if head:
                return self.send(405, b"", head, [("Allow", "GET")])
            return self.send(200, article(HEADLINE), head)
        if path == "/news/2024/07/31/slow-1010":
            server_stop = self.server.stopping
            if server_stop.wait(SLOW):
                return None
            return self.send(200, article(HEADLINE), head)
        if path.startswith("/loop/"):
            other = "/loop/b" if path == "/loop/a" else "/loop/a"
            return self.redirect(302, other, head)
        if path == "/news/2024/07/31/huge-1011":
            return self.huge(head)
        if path == "/news/2024/07/31/to-private-1012":
            return self.redirect(302, "http://10.0.0.1/news/1", head)
        if path == "/polite":
            time.sleep(0.3)
            return self.send(200, article(HEADLINE), head)
        return self.send(404, b"<h1>Not found</h1>", head)

    def huge(self, head: bool):
        """Streams past the cap, without saying how long it is."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        chunk = b"<p>" + b"robot " * 10_000 + b"</p>"
        sent = 0
        while sent < HUGE and not self.server.stopping.is_set():
            self.wfile.write(chunk)
            sent += len(chunk)


class OutletServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tls_context: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), Outlet)
        if tls_context is not None:
            self.socket = tls_context.wrap_socket(self.socket, server_side=True)
        self.guard = threading.Lock()
        self.requests: list[tuple[str, str, str]] = []
        self.active = self.most = 0
        self.stopping = threading.Event()
        self.scheme = "https" if tls_context else "http"
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.server_address[1]}{path}"

    def paths(self) -> list[str]:
        with self.guard:
            return [path for _method, path, _agent in self.requests]

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        self.shutdown()
        self.server_close()


def self_signed_context(folder) -> ssl.SSLContext:
    """A server-side TLS context with a certificate nobody trusts."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_path, key_path)
    return context
