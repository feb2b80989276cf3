"""What bench/load.py and bench/pages.py share: a throwaway Redis, gunicorn on loopback,
wrk runs and the workers' memory.

The site is served by real gunicorn sync workers with `bench.settings` (production's
middleware and templates, without its HTTPS and secrets) and loaded with wrk, a C load
generator: a Python client on a 2-core machine would saturate before the server does.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = REPO / ".venv" / "bin"
REPORT_LUA = Path(__file__).resolve().parent / "report.lua"
FLOOR_PATH = "/en/bench-floor/"


def ensure_command(command: str, package: str) -> str:
    """The path of ``command``, installing Debian's ``package`` first when missing."""
    found = shutil.which(command)
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit(f"{command} is missing: apt-get install {package} (as root)")
    print(f"installing {package} …", file=sys.stderr)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "-o", "DPkg::Lock::Timeout=300", package],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return shutil.which(command) or sys.exit(f"{package} installed no {command}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on port {port} within {seconds} s")


@contextlib.contextmanager
def redis_server():
    """A Redis of our own on a free loopback port, keeping nothing on disk; yields its URL."""
    binary = ensure_command("redis-server", "redis-server")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def fetch(port: int, path: str, headers: dict | None = None, method: str = "GET"):
    """One request on its own connection: (status, headers, body). The Host header is
    the one wrk sends (with the port): cached pages are kept per host, since their
    absolute links differ, so a warm-up under another Host would warm nothing."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        host = {"Host": f"127.0.0.1:{port}"}
        connection.request(method, path, headers={**host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Gunicorn:
    """gunicorn with ``workers`` sync workers serving the site on a free loopback port.

    ``env`` is added to this process's environment (DATABASE_URL, REDIS_URL, …); the
    settings are `bench.settings`. The server's log goes to a file, read back by `log()`.
    """

    def __init__(self, workers: int, env: dict[str, str] | None = None):
        self.workers = workers
        self.port = free_port()
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", **(env or {})}
        self.log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in stop())
            prefix="bench-gunicorn-", suffix=".log", delete=False
        )
        self.process: subprocess.Popen | None = None

    def __enter__(self):
        options = {
            "--chdir": str(REPO),
            "--workers": str(self.workers),
            "--worker-class": "sync",
            "--bind": f"127.0.0.1:{self.port}",
            "--timeout": "120",
            "--log-level": "warning",
        }
        command = [str(VENV_BIN / "gunicorn"), "config.wsgi:application", "--no-control-socket"]
        command += [part for option in options.items() for part in option]
        self.process = subprocess.Popen(
            command, env=self.env, stdout=self.log_file, stderr=subprocess.STDOUT
        )
        wait_for_port(self.port, self.process, "gunicorn", seconds=60)
        deadline = time.monotonic() + 60
        while len(self.worker_pids()) < self.workers or not self._answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"gunicorn did not come up:\n{self.log()}")
            time.sleep(0.2)
        return self

    def _answers(self) -> bool:
        try:
            return fetch(self.port, FLOOR_PATH)[0] == 200
        except OSError:
            return False

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: workers finish requests
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()

    def worker_pids(self) -> list[int]:
        """The master's children, read from /proc."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The command name is in parentheses and may hold spaces: split after it.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.process.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_rss_mib(self) -> list[float]:
        """Resident memory of each worker (VmRSS), in MiB."""
        sizes = []
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def log(self) -> str:
        return Path(self.log_file.name).read_text(errors="replace")

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def wrk(
    server: Gunicorn,
    requests: list[tuple[str, dict[str, str]]],
    *,
    duration: float,
    connections: int,
    threads: int = 2,
    timeout: float = 10,
) -> dict:
    """Load ``requests`` (path, headers) on ``server`` with wrk for ``duration`` seconds.

    Returns wrk's figures (see bench/report.lua) plus ``rps``.
    """
    binary = ensure_command("wrk", "wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8") as listing:
        for path, headers in requests:
            fields = [path, *(f"{name}: {value}" for name, value in headers.items())]
            listing.write("\t".join(fields) + "\n")
        listing.flush()
        completed = subprocess.run(
            [
                binary,
                f"--threads={min(threads, connections)}",
                f"--connections={connections}",
                f"--duration={max(1, round(duration))}s",
                f"--timeout={round(timeout)}s",
                f"--script={REPORT_LUA}",
                server.url(),
                "--",
                listing.name,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    for line in completed.stdout.splitlines():
        if line.startswith("WRK_JSON "):
            result = json.loads(line.removeprefix("WRK_JSON "))
            result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
            return result
    raise RuntimeError(f"wrk gave no report:\n{completed.stdout}\n{completed.stderr}")


def failed_requests(result: dict, expected: tuple[int, ...] = (200,)) -> int:
    """Socket errors, timeouts and every response whose status was not expected."""
    errors = result["errors"]
    sockets = errors["connect"] + errors["read"] + errors["write"] + errors["timeout"]
    unexpected = sum(
        count for status, count in result["statuses"].items() if int(status) not in expected
    )
    return sockets + unexpected
