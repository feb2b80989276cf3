"""A Redis server of a test's own, which the test may stop, freeze and start again.

The shared test server (``REDIS_URL``) must stay up for every other test; outages are
played on one of these instead: a ``redis-server`` on a free loopback port, its data in
the test's temporary directory, so that a server stopped with ``SHUTDOWN SAVE`` comes
back on the same port with what it held (as a production Redis with persistence does).
Skipped without ``redis-server``, except in CI, where it fails.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self, directory):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        # No retries: redis-py would retry a closed connection for seconds, with backoff.
        return redis.Redis("127.0.0.1", self.port, socket_timeout=2, retry=Retry(NoBackoff(), 0))

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "no",
                "--logfile",
                str(self.directory / "server.log"),
            ],
            stdin=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        """Shut down, keeping the data on disk for `start` (nothing listens meanwhile)."""
        with contextlib.suppress(redis.ConnectionError):  # closed as the server goes
            self.client().shutdown(save=True)
        self.process.wait(timeout=10)

    def freeze(self) -> None:
        """The process stops running but keeps its socket: connections hang, not fail."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
            self.process.wait(timeout=10)


def own_redis(tmp_path):
    """A running `RedisServer` of this test's own, killed at the end whatever its state
    (a test module's fixture: ``yield from own_redis(tmp_path)``)."""
    if not shutil.which("redis-server"):
        message = "redis-server is not installed: the outage tests start their own"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.kill()
