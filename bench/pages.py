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

Then, with the page cache on, **after an edit**: every sampled URL is warmed (and asked
once more, to see what was a hit before), one published release linked to a trip is edited
in a process of its own as an editor's save would (its English title changed slightly,
``save()``, committed through the change pipeline), and after ``--edit-wait`` seconds (1)
every warmed URL is asked once again. The share of answers marked ``X-Page-Cache: hit``
is reported overall, for the pages other than the edited release's and its trip's, per page
type, and how many of that trip's pages were retired (``X-Page-Cache: miss``). An answer
without the header counts as not a hit. The title is put back afterwards (a second save),
so runs on the same database stay comparable; ``--no-edit`` skips this case, which writes.

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
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import (
    FLOOR_PATH,
    REPO,
    VENV_BIN,
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
    "edit_wait",
)
#: The case that edits one release (cached mode only); ``--only`` may name it.
AFTER_EDIT = "after an edit"
#: What the page cache marks each answer with: served from the cache, or built now.
CACHE_HEADER = "X-Page-Cache"


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
    parser.add_argument(
        "--edit-wait", type=float, default=1.0, help="seconds between the edit and the re-asking"
    )
    parser.add_argument(
        "--no-edit", action="store_true", help=f"skip the case {AFTER_EDIT!r} (it writes)"
    )
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

    from press.models import Coverage, Photo, PressRelease, Topic
    from visits.models import Engagement, Visit

    rng = random.Random(seed)
    counts = {
        "releases": PressRelease.objects.count(),
        "published_releases": PressRelease.objects.published().count(),
        "trips": Visit.objects.published().count(),
        "coverage": Coverage.objects.count(),
    }
    releases = list(PressRelease.objects.published().order_by("?")[:sample])
    trips = list(Visit.objects.published().order_by("?")[:sample])
    coverage = list(Coverage.objects.published().order_by("?")[:sample])
    photos = list(Photo.objects.published().order_by("?")[:sample])
    events = list(Engagement.objects.published().select_related("visit").order_by("?")[:sample])
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
        Case(
            "coverage detail",
            localized(coverage, lambda item: ()),
            notes=f"{len(coverage)} coverage items",
        ),
        Case("photo detail", localized(photos, lambda photo: ()), notes=f"{len(photos)} photos"),
        Case("event detail", localized(events, lambda event: ()), notes=f"{len(events)} events"),
        Case("coverage list", in_languages("press:coverage_list")),
        Case("RSS feed", in_languages("press:release_feed_rss"), notes="all releases, 4 languages"),
        Case("sitemap section", [("/sitemap-releases.xml", {})], notes="releases, page 1"),
        Case("search", searches, notes=f"{len(searches)} queries"),
        Case("feeds 304", feeds, expected=(304,), conditional=True, notes="RSS + Atom, ETag"),
    ]
    rng.shuffle(cases[3].requests)
    counts["read_model_rows_built_for_the_sample"] = build_sample_rows(
        {"press.pressrelease": releases, "visits.visit": trips, "press.coverage": coverage,
         "press.photo": photos, "visits.engagement": events}
    )  # fmt: skip
    connections.close_all()
    return cases, counts


def build_sample_rows(items: dict) -> int:
    """Do what the task queue's workers would have done by now (none runs beside the
    benchmark): the sweep of rows whose horizon passed (a generated database schedules
    items every hour or so), then the rows the sampled pages lack (a full
    `rebuild_read_model` at 100k is hours of worker time; the rows of items a run does not
    ask for change nothing in what it measures but the table's size). Returns the items
    built, printed too."""
    from django.utils import timezone

    from visits.models import ReadRow
    from visits.readmodel.building import build
    from visits.readmodel.upkeep import sweep

    swept = sweep()
    built = 0
    for kind, objects in items.items():
        have = set(
            ReadRow.objects.filter(kind=kind, object_id__in=[o.pk for o in objects])
            .exclude(valid_until__lte=timezone.now())
            .values_list("object_id", flat=True)
            .distinct()
        )
        missing = [o.pk for o in objects if o.pk not in have]
        for start in range(0, len(missing), 50):
            build(kind, missing[start : start + 50])
        built += len(missing)
    total = ReadRow.objects.count()
    horizon = ReadRow.objects.exclude(valid_until=None).order_by("valid_until").first()
    print(
        f"read model: {swept} items changed by time swept; built rows for {built} sampled "
        f"items; {total} rows in all, valid until "
        f"{horizon.valid_until.isoformat() if horizon else 'the next save'}",
        file=sys.stderr,
    )
    return built


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


#: Run in a process of its own with the server's settings and environment: one editor's
#: save of a release's English title (``Locked.save`` commits it, the change pipeline
#: announces it). Prints the content version before and after, as JSON.
EDIT_SCRIPT = """
import json, sys, time
import django
django.setup()
from press.models import PressRelease
from visits.changes.version import content_version
before = content_version()
release = PressRelease.objects.get(pk=int(sys.argv[1]))
release.title_en = sys.argv[2]
release.save()
after = content_version()
print(json.dumps({"version_before": before and before[0], "version_after": after and after[0],
                  "committed_at": time.time()}))
"""
#: Appended to the English title by the edit (and taken off again afterwards).
EDIT_MARK = " (edited)"


@dataclass
class EditPlan:
    """The release the case "after an edit" changes, and the pages that are its or its
    trip's (warmed with the sampled URLs, which may hold some of them already)."""

    release_pk: int
    title: str
    trip_pk: int
    #: path -> (page type, group): group is "edited release", "its trip" or "trip's releases".
    own: dict[str, tuple[str, str]]


def plan_edit(seed: int) -> EditPlan | None:
    """Picks, the same for a given seed and database (not from the random sample, so that
    runs edit the same release), a published release public in English and linked to a
    published trip."""
    from django.db import connections
    from django.utils import translation

    from press.models import PressRelease
    from visits.models import Visit

    rng = random.Random(seed)
    trips = Visit.objects.published()
    candidates = list(
        PressRelease.objects.published()
        .filter(visit__in=trips)
        .order_by("pk")
        .values_list("pk", flat=True)[:2000]
    )
    rng.shuffle(candidates)
    chosen = None
    for pk in candidates[:200]:
        release = PressRelease.objects.select_related("visit").get(pk=pk)
        if "en" in release.public_languages():
            chosen = release
            break
    if chosen is None:
        connections.close_all()
        return None
    trip = chosen.visit
    own: dict[str, tuple[str, str]] = {}
    for code in chosen.public_languages():
        with translation.override(code):
            own[chosen.get_absolute_url()] = ("release detail", "edited release")
    for code in LANGUAGES:
        with translation.override(code):
            own[trip.get_absolute_url()] = ("trip detail", "its trip")
    others = PressRelease.objects.published().filter(visit=trip).exclude(pk=chosen.pk)
    for number, release in enumerate(others.order_by("pk")[:12]):
        languages = release.public_languages() or LANGUAGES
        with translation.override(languages[number % len(languages)]):
            own[release.get_absolute_url()] = ("release detail", "trip's releases")
    title = chosen.title_en.removesuffix(EDIT_MARK)
    connections.close_all()
    return EditPlan(chosen.pk, title, trip.pk, own)


def edit_release(env: dict, pk: int, title: str) -> dict:
    """Saves ``title`` as the release's English title in a process of its own."""
    completed = subprocess.run(
        [str(VENV_BIN / "python"), "-c", EDIT_SCRIPT, str(pk), title],
        cwd=REPO,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode:
        raise RuntimeError(f"the edit failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def cache_mark(headers) -> str:
    """The answer's mark: hit, miss, or none (no header: not known to be a hit)."""
    value = (headers.get(CACHE_HEADER) or "").strip().lower()
    return value if value in ("hit", "miss") else "none"


def after_edit(server: Gunicorn, cases: list[Case], plan: EditPlan, env: dict, args) -> dict:
    """Warm every URL, edit one release, wait, ask every URL once; tally the marks."""
    urls: dict[str, tuple[str, str | None]] = {}  # path -> (page type, own group or None)
    for case in cases:
        for path, _headers in case.requests:  # plain GETs: no If-None-Match
            urls.setdefault(path, (case.name, None))
    for path, (kind, group) in plan.own.items():
        urls[path] = (urls.get(path, (kind, None))[0], group)
    failures = 0

    def ask_all() -> dict[str, str]:
        nonlocal failures
        marks = {}
        for path in urls:
            status, headers, _body = fetch(server.port, path)
            if status != 200:
                print(f"  ! {path} answered {status}", file=sys.stderr)
                failures += 1
            marks[path] = cache_mark(headers)
        return marks

    print(f"  {AFTER_EDIT}: warming {len(urls)} URLs …", file=sys.stderr)
    ask_all()
    before = ask_all()
    edited_title = plan.title[: 250 - len(EDIT_MARK)] + EDIT_MARK
    edit = edit_release(env, plan.release_pk, edited_title)
    try:
        time.sleep(args.edit_wait)
        started = time.monotonic()
        after = ask_all()
        asked_in = time.monotonic() - started
    finally:
        edit["reverted"] = edit_release(env, plan.release_pk, plan.title)

    def tally(paths) -> dict:
        paths = list(paths)
        counted = {mark: sum(after[p] == mark for p in paths) for mark in ("hit", "miss", "none")}
        hits_before = sum(before[p] == "hit" for p in paths)
        return {"urls": len(paths), **counted, "hit_before": hits_before,
                "share": counted["hit"] / len(paths) if paths else 0.0}  # fmt: skip

    kinds = dict.fromkeys(kind for kind, _group in urls.values())
    groups = ("edited release", "its trip", "trip's releases")
    return {
        "release_pk": plan.release_pk,
        "trip_pk": plan.trip_pk,
        "edit": edit,
        "wait_s": args.edit_wait,
        "asked_in_s": asked_in,
        "failed": failures,
        "all": tally(urls),
        "other": tally(p for p, (_kind, group) in urls.items() if group is None),
        "by_type": {k: tally(p for p, (kind, _g) in urls.items() if kind == k) for k in kinds},
        "own_trip": {g: tally(p for p, (_k, group) in urls.items() if group == g) for g in groups},
    }


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


def run_mode(mode: str, cases: list[Case], env: dict, args, edit=None) -> dict:
    """Every case on one server, each between two floor runs: the machine is shared, so a
    case is compared with the floor measured just before and just after it. ``edit``
    (cached mode): (the cases whose URLs to warm, the EditPlan) for the case "after an
    edit", run last on the same server."""
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
        if edit:
            figures["after_edit"] = after_edit(server, *edit, env, args)
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
    if "after_edit" in figures:
        print_after_edit(label, figures["after_edit"])


def print_after_edit(label: str, result: dict) -> None:
    edit = result["edit"]
    print(
        f"\n### {label}, {AFTER_EDIT}: release {result['release_pk']} (trip "
        f"{result['trip_pk']}), English title saved in another process (content version "
        f"{edit['version_before']} -> {edit['version_after']}, put back: "
        f"{edit['reverted']['version_after']}); every warmed URL asked once "
        f"{result['wait_s']:.1f} s later (in {result['asked_in_s']:.1f} s)\n"
    )
    print(f"| pages | URLs | {CACHE_HEADER}: hit | miss | no header | still cached | hit before |")
    print("|---|---:|---:|---:|---:|---:|---:|")

    def row(name: str, tally: dict) -> None:
        print(
            f"| {name} | {tally['urls']} | {tally['hit']} | {tally['miss']} | {tally['none']} "
            f"| {tally['share']:.1%} | {tally['hit_before']} |"
        )

    row("**all**", result["all"])
    row("**other pages** (not the release's or its trip's)", result["other"])
    for kind, tally in result["by_type"].items():
        row(kind, tally)
    for group, tally in result["own_trip"].items():
        row(f"own trip: {group}", tally)
    own = list(result["own_trip"].values())
    retired = sum(tally["miss"] for tally in own)
    unmarked = sum(tally["none"] for tally in own)
    print(
        f"\nOwn trip's pages retired (marked miss): {retired} of {sum(t['urls'] for t in own)}"
        + (f"; {unmarked} unmarked" if unmarked else "")
        + f". Failed requests: {result['failed']}."
    )
    if result["all"]["none"]:
        print(
            f"{result['all']['none']} answers carried no {CACHE_HEADER} header: counted as not "
            "a hit (not known to be one), so a share here reads 0 % until the page cache "
            "marks its answers."
        )


def main() -> int:
    args = arguments()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    cases, counts = build_cases(args.sample, args.seed)
    every_case = list(cases)
    wanted = {name.strip() for name in args.only.split(",")} if args.only else None
    if wanted:
        cases = [case for case in cases if case.name in wanted]
    modes = [mode.strip() for mode in args.modes.split(",")]
    plan = None
    if "cached" in modes and not args.no_edit and (not wanted or AFTER_EDIT in wanted):
        plan = plan_edit(args.seed)
        if plan is None:
            print(f"no published release linked to a trip: no case {AFTER_EDIT!r}", file=sys.stderr)
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
            edit = (every_case, plan) if mode == "cached" and plan else None
            report["modes"][mode] = run_mode(mode, mode_cases, env, args, edit)
    for mode, figures in report["modes"].items():
        print_table(args.label, mode, figures)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    failed = sum(
        result["failed"]
        for figures in report["modes"].values()
        for result in [*figures["cases"].values(), *figures["floor"]]
    ) + sum(
        figures["server_errors"] + figures.get("after_edit", {}).get("failed", 0)
        for figures in report["modes"].values()
    )
    if failed:
        print(f"\n{failed} failed requests or server errors", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
