"""Throughput and latency of every kind of public page, as a share of the floor.

Serves the site with gunicorn (sync workers, `bench.settings`) on loopback and loads
each case with wrk, first with the page cache off (every request renders the page) and
then on (Redis, after a warm-up pass over every URL):

    .venv/bin/python bench/pages.py --database-url sqlite:////tmp/pressroom-bench-10k.sqlite3 \\
        --label 10k [--duration 10] [--workers 2] [--connections 8] [--json out.json]

The floor is a trivial view behind the same middleware (bench/urls.py), measured by the
same server in the same run, just before and just after each case (the machine may be
shared); every page's req/s is given as a percentage of the mean of those two. Detail
pages are spread over many releases and trips picked at random from the database, and
every page type over the four languages.
The feeds are also asked with the ETag they gave (If-None-Match): the 304 path.

Prints a table per mode and the workers' resident memory after each mode; ``--json``
writes every figure, for the README table and plots. Exits non-zero if any request
failed (socket error, timeout or an unexpected status).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import (
    FLOOR_PATH,
    Gunicorn,
    failed_requests,
    fetch,
    redis_server,
    wrk,
)

LANGUAGES = ("en", "ko", "zh-hans", "ja")
#: Words found in the demo and in bench/generate.py's releases, in each language.
SEARCHES = (
    ("en", "seoul"),
    ("en", "robot"),
    ("ko", "서울"),
    ("ko", "로봇"),
    ("zh-hans", "首尔"),
    ("ja", "市長"),
    ("en", "beijing"),
)
#: Options written to the JSON beside the figures.
SETTINGS_RECORDED = (
    "duration",
    "floor_duration",
    "warmup",
    "workers",
    "connections",
    "threads",
    "sample",
)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--label", required=True, help="names the run: demo, 1k, 10k, …")
    parser.add_argument("--duration", type=float, default=10, help="seconds per case")
    parser.add_argument("--floor-duration", type=float, default=4, help="seconds per floor run")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of wrk before each")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--sample", type=int, default=200, help="releases and trips to spread over")
    parser.add_argument("--modes", default="uncached,cached")
    parser.add_argument("--only", help="comma-separated case names to run (the floor always runs)")
    parser.add_argument("--json", help="write every figure here")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required")
    return args


@dataclass
class Case:
    name: str
    requests: list[tuple[str, dict[str, str]]]
    expected: tuple[int, ...] = (200,)
    #: Filled in when the server is up (ETags for the 304 cases).
    conditional: bool = False
    notes: str = ""
    results: dict = field(default_factory=dict)


def in_languages(name: str, **kwargs) -> list[tuple[str, dict]]:
    from django.urls import reverse
    from django.utils import translation

    paths = []
    for code in LANGUAGES:
        with translation.override(code):
            paths.append((reverse(name, kwargs=kwargs or None), {}))
    return paths


def build_cases(sample: int, seed: int) -> tuple[list[Case], dict]:
    """The URLs of every case, picked from the database under test."""
    from django.db import connections
    from django.urls import reverse
    from django.utils import translation

    from press.models import Coverage, PressRelease, Topic
    from visits.models import Visit

    rng = random.Random(seed)
    counts = {
        "releases": PressRelease.objects.count(),
        "published_releases": PressRelease.objects.published().count(),
        "trips": Visit.objects.published().count(),
        "coverage": Coverage.objects.count(),
    }
    releases = list(PressRelease.objects.published().order_by("?")[:sample])
    trips = list(Visit.objects.published().order_by("?")[:sample])
    topics = list(Topic.objects.published().values_list("slug", flat=True))
    if not releases or not trips or not topics:
        sys.exit("the database has no published release, trip or topic: load data first")

    def localized(objects, languages_of):
        paths = []
        for number, obj in enumerate(objects):
            languages = languages_of(obj) or LANGUAGES
            with translation.override(languages[number % len(languages)]):
                paths.append((obj.get_absolute_url(), {}))
        return paths

    filtered = []
    for number, slug in enumerate(topics * 4):
        with translation.override(LANGUAGES[number % 4]):
            filtered.append((f"{reverse('press:release_list')}?topic={slug}", {}))
    searches = []
    for code, words in SEARCHES:
        with translation.override(code):
            query = urllib.parse.urlencode({"q": words})
            searches.append((f"{reverse('visits:search')}?{query}", {}))
    feeds = in_languages("press:release_feed_rss") + in_languages("press:release_feed_atom")
    cases = [
        Case("home", in_languages("press:home")),
        Case("release list", in_languages("press:release_list")),
        Case(
            "release list ?topic=",
            filtered,
            notes=f"{len(topics)} topics x 4 languages",
        ),
        Case(
            "release detail",
            localized(releases, lambda release: release.public_languages()),
            notes=f"{len(releases)} releases",
        ),
        Case("trip detail", localized(trips, lambda trip: ()), notes=f"{len(trips)} trips"),
        Case("coverage list", in_languages("press:coverage_list")),
        Case("RSS feed", in_languages("press:release_feed_rss"), notes="all releases, 4 languages"),
        Case("sitemap section", [("/sitemap-releases.xml", {})], notes="releases, page 1"),
        Case("search", searches, notes=f"{len(searches)} queries"),
        Case("feeds 304", feeds, expected=(304,), conditional=True, notes="RSS + Atom, ETag"),
    ]
    rng.shuffle(cases[3].requests)
    connections.close_all()
    return cases, counts


def prepare(server: Gunicorn, case: Case) -> int:
    """Ask every URL once (filling the page cache when it is on); returns failures.

    For a conditional case, the plain response's ETag is put on the request.
    """
    failures = 0
    for index, (path, headers) in enumerate(case.requests):
        status, response_headers, _body = fetch(server.port, path)
        if status != 200:
            print(f"  ! {path} answered {status}", file=sys.stderr)
            failures += 1
        if case.conditional:
            etag = response_headers.get("ETag")
            if not etag:
                print(f"  ! {path} sent no ETag", file=sys.stderr)
                failures += 1
                continue
            case.requests[index] = (path, {**headers, "If-None-Match": etag})
    return failures


def measure(server: Gunicorn, requests, expected, args) -> dict:
    if args.warmup:
        wrk(server, requests, duration=args.warmup, connections=args.connections, threads=1)
    result = wrk(
        server,
        requests,
        duration=args.duration,
        connections=args.connections,
        threads=args.threads,
    )
    result["failed"] = failed_requests(result, expected)
    return result


def run_mode(mode: str, cases: list[Case], env: dict, args) -> dict:
    """Every case on one server, each between two floor runs: the machine is shared, so a
    case is compared with the floor measured just before and just after it."""
    env = {**env, "PRESSROOM_PAGE_CACHE_SECONDS": "0" if mode == "uncached" else "600"}
    floor_requests = [(FLOOR_PATH, {})]
    floor_args = argparse.Namespace(**{**vars(args), "duration": args.floor_duration})
    figures = {"cases": {}, "floor": [], "load_average": [os.getloadavg()]}
    with Gunicorn(args.workers, env) as server:
        print(f"\n== {mode}: {args.workers} workers, pid {server.process.pid}", file=sys.stderr)
        figures["floor"].append(measure(server, floor_requests, (200,), args))
        for case in cases:
            print(f"  {case.name} …", file=sys.stderr)
            prefailures = prepare(server, case)
            result = measure(server, case.requests, case.expected, args)
            result["failed"] += prefailures
            result["urls"] = len(case.requests)
            result["notes"] = case.notes
            figures["floor"].append(measure(server, floor_requests, (200,), floor_args))
            result["floor_rps"] = (figures["floor"][-2]["rps"] + figures["floor"][-1]["rps"]) / 2
            result["floor_share"] = result["rps"] / result["floor_rps"]
            figures["cases"][case.name] = result
        figures["rss_mib"] = server.worker_rss_mib()
        server.stop()
        log = server.log()
    figures["load_average"].append(os.getloadavg())
    figures["server_errors"] = log.count("Traceback")
    if figures["server_errors"]:
        print(log[-5000:], file=sys.stderr)
    floor_rates = [run["rps"] for run in figures["floor"]]
    figures["floor_rps"] = sum(floor_rates) / len(floor_rates)
    return figures


def print_table(label: str, mode: str, figures: dict) -> None:
    rates = [run["rps"] for run in figures["floor"]]
    print(
        f"\n### {label}, {mode}: floor {figures['floor_rps']:,.0f} req/s "
        f"(between {min(rates):,.0f} and {max(rates):,.0f} over the run; load average "
        f"{figures['load_average'][0][0]:.1f} before, {figures['load_average'][1][0]:.1f} after)\n"
    )
    print("| case | req/s | % of floor | p50 ms | p95 ms | p99 ms | errors | notes |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    rows = [("floor", {**figures["floor"][0], "floor_share": 1.0, "notes": "first floor run"})]
    rows += list(figures["cases"].items())
    for name, result in rows:
        latency = result["latency_us"]
        print(
            f"| {name} | {result['rps']:,.0f} | {result['floor_share']:.1%} "
            f"| {latency['p50'] / 1000:.1f} | {latency['p95'] / 1000:.1f} "
            f"| {latency['p99'] / 1000:.1f} | {result['failed']} "
            f"| {result.get('notes', '')} |"
        )
    rss = ", ".join(f"{size:.0f}" for size in figures["rss_mib"])
    print(f"\nWorker RSS after the run: {rss} MiB; server tracebacks: {figures['server_errors']}")


def main() -> int:
    args = arguments()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    cases, counts = build_cases(args.sample, args.seed)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        cases = [case for case in cases if case.name in wanted]
    modes = [mode.strip() for mode in args.modes.split(",")]
    report = {
        "label": args.label,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": django.db.connection.vendor,
        "rows": counts,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "settings": {key: getattr(args, key) for key in SETTINGS_RECORDED},
        "modes": {},
    }
    print(f"{args.label}: {counts} on {report['database']}", file=sys.stderr)
    with redis_server() as redis_url:
        env = {"DATABASE_URL": args.database_url, "REDIS_URL": redis_url}
        for mode in modes:
            # Each mode asks for the ETags again: a fresh Case list keeps them apart.
            mode_cases = [Case(c.name, list(c.requests), c.expected, c.conditional, c.notes)
                          for c in cases]  # fmt: skip
            report["modes"][mode] = run_mode(mode, mode_cases, env, args)
    for mode, figures in report["modes"].items():
        print_table(args.label, mode, figures)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    failed = sum(
        result["failed"]
        for figures in report["modes"].values()
        for result in [*figures["cases"].values(), *figures["floor"]]
    ) + sum(figures["server_errors"] for figures in report["modes"].values())
    if failed:
        print(f"\n{failed} failed requests or server errors", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
