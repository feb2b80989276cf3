"""gunicorn's settings for the newsroom: ``gunicorn -c config/gunicorn.py config.wsgi``.

Each app server runs this behind a reverse proxy (nginx or the load balancer) that
terminates TLS and buffers requests and responses, so a slow client never holds a worker.
Options on the command line (or in GUNICORN_CMD_ARGS) override these.

Environment:
    BIND                 address(es) to listen on, comma-separated (``0.0.0.0:8000``,
                         ``unix:/run/pressroom.sock``); default ``127.0.0.1:$PORT``
    PORT                 the port when BIND is not set; default 8000
    WEB_CONCURRENCY      worker processes; default 2 x CPUs + 1, at most 12
    FORWARDED_ALLOW_IPS  the proxies whose X-Forwarded-Proto gunicorn believes
                         (comma-separated addresses or networks); default loopback
"""

import os


def _positive_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1 (got {value!r}).")
    return int(value)


def _default_workers() -> int:
    """2 x CPUs + 1 (gunicorn's advice: one working while one waits on the database),
    counting the CPUs this process may run on (a container's share, not the host's), and
    at most 12: each worker holds up to ~150 MB."""
    return min(2 * len(os.sched_getaffinity(0)) + 1, 12)


bind = [
    address.strip() for address in os.environ.get("BIND", "").split(",") if address.strip()
] or [f"127.0.0.1:{_positive_int('PORT', 8000)}"]

workers = _positive_int("WEB_CONCURRENCY", _default_workers())
# Synchronous workers, one request at a time each. A page is mostly CPU (templates) with a
# few milliseconds of database and Redis, so threads would add little under the GIL; the
# proxy in front buffers slow clients; and a sync worker stuck past `timeout` is killed
# and replaced, where a gthread worker's stuck thread is not.
worker_class = "sync"

# Public pages answer in milliseconds. The admin's photo upload re-encodes each photo in
# the request (about a second per large photo, several photos at a time; the renditions
# are made by the task queue's worker): a worker silent for two minutes is stuck, not busy.
# (The proxy's read timeout should allow as much for the admin.)
timeout = 120
# On a restart (SIGHUP, deploy), a worker finishes the request it has within this time.
graceful_timeout = 30
# Each worker is replaced after about this many requests, so whatever a long-lived process
# accumulates (fragmented heap, the per-process rendition URL memo) stays bounded; the
# jitter keeps the workers from all restarting at once.
max_requests = 1000
max_requests_jitter = 100

# The app is imported once in the master, then forked: workers share its code pages (less
# memory per worker), start at once, and a configuration error (a missing REDIS_URL,
# ImproperlyConfigured) stops gunicorn at start instead of killing workers in a loop.
# Importing opens no database or Redis connection, so none is shared by the forks. New
# code then needs a full restart, not SIGHUP.
preload_app = True

# The proxies allowed to say the request came over HTTPS (X-Forwarded-Proto); Django
# itself trusts that header through SECURE_PROXY_SSL_HEADER.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# One line per request on stdout, with the visitor's address as the proxy forwarded it,
# the status, size, referrer, user agent and the time taken in microseconds; gunicorn's
# own messages on stderr.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '%({x-forwarded-for}i)s %(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
)

# The workers' heartbeat files in memory: on a disk-backed /tmp (as in many containers)
# the heartbeat can block a worker.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No control socket: its default path in $HOME is shared by every gunicorn of the user,
# and the process manager (systemd, the orchestrator) already restarts and scales.
control_socket_disable = True
