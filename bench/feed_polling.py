"""How much a feed reader's poll costs: a full feed against an unchanged one (304).

Runs in-process through the whole middleware stack (Django's test client) on the
database of DATABASE_URL, after `manage.py load_demo`:

    .venv/bin/python bench/feed_polling.py [--rounds 300]

Prints the median and 95th percentile per request and the 304's cost as a ratio of the
full feed's, measured in the same run. The server-level benchmark with gunicorn and
100,000 releases is issue 9's; this one only shows what conditional GET saves.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def measure(client, url, rounds, **headers):
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url, **headers)
        timings.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    return response, timings, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--url", default="/en/feeds/releases.atom")
    args = parser.parse_args()
    client = Client(HTTP_HOST="localhost")
    full, full_times, full_queries = measure(client, args.url, args.rounds)
    if full.status_code != 200:
        sys.exit(f"{args.url} answered {full.status_code}: load the demo first")
    etag = full["ETag"]
    cached, cached_times, cached_queries = measure(
        client, args.url, args.rounds, HTTP_IF_NONE_MATCH=etag
    )
    assert cached.status_code == 304, cached.status_code

    def row(name, times, queries, size):
        p50 = statistics.median(times) * 1000
        p95 = statistics.quantiles(times, n=20)[-1] * 1000
        print(f"{name:<14} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  {queries} queries  {size} bytes")
        return p50

    print(f"{args.url}, {args.rounds} rounds each")
    full_p50 = row("full feed", full_times, full_queries, len(full.content))
    cached_p50 = row("304 unchanged", cached_times, cached_queries, len(cached.content))
    print(f"304 costs {cached_p50 / full_p50:.1%} of the full feed (p50 ratio)")


if __name__ == "__main__":
    main()
