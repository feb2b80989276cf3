"""How fast ``check_coverage_links --wait`` checks coverage links, and how large the archived
copies it makes are (issue 19's closing figures).

    .venv/bin/python bench/linkcheck.py [--items 60] [--no-browser] [--json results.json]

A fresh SQLite database in a temporary folder, migrated (the test settings: nothing leaves
the machine, saving coverage queues no check), media on disk in the same folder, which is
removed afterwards. The outlet is the tests' own server (tests/linkcheck_server.py) on
127.0.0.1, the one host allowed. ``--items`` coverage items are spread in turn over the
cases below (live articles, a Korean one among them, 404, 410, a redirect to the home page,
a permanent move, a changed headline, a slow page, HEAD refused, a redirect loop, an answer
larger than the cap). An address belongs to one item only, so the second and later items of
a case add ``?copy=N`` to its path, which the server here drops before answering
(`QueryBlindOutlet`, a subclass of the tests' handler; the redirects it sends carry none).

Settings for the run: ``PRESSROOM_LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]``, a read time-out
of ``READ_TIMEOUT`` s (the slow page answers after ``linkcheck_server.SLOW`` = 1.5 s, so it
times out), a cap of ``MAX_BYTES`` (the huge page streams 3 MB), the other
``PRESSROOM_LINK_CHECK_*`` at their defaults, Chromium at ``CHROMIUM`` (``--no-browser``: a
path that does not exist, so the live pages get their WARC record only).

Then ``check_coverage_links --wait --json`` runs in this process (``call_command``) twice:
the first pass checks every item (all are due) and archives the live ones; the re-check
(``--all``, since nothing is due a second time within the week) finds the copies there and
makes none. Prints, as markdown: per pass the items, seconds, items per minute, the count of
each status and how many got the status their case expects; then the archived copies' sizes
(WARC, PDF, PNG: count, min, median, max bytes). The command's own progress goes to stderr.
Exits non-zero when an item gets another status than its case expects, or a live one no copy.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
READ_TIMEOUT = 1.0
MAX_BYTES = 1024 * 1024

#: (case, path on the outlet, headline the item records, expected status). The headlines are
#: the server's (tests/linkcheck_server.py), imported after the path is set.
CASES = [
    ("live", "/news/2024/07/31/robot-centre-1001", "en", "ok"),
    ("live, second article", "/news/2024/07/31/robot-centre-1002", "en", "ok"),
    ("live, Korean (EUC-KR)", "/news/2024/07/31/korean-1007", "ko", "ok"),
    ("404", "/news/2024/07/31/gone-404", "en", "gone"),
    ("410", "/news/2024/07/31/gone-410", "en", "gone"),
    ("301 to the home page", "/news/2024/07/31/deleted-1003", "en", "gone"),
    ("permanent move", "/news/2024/07/31/robot-centre-1001-old", "en", "moved"),
    ("headline changed", "/news/2024/07/31/changed-1006", "en", "suspect"),
    ("slow page", "/news/2024/07/31/slow-1010", "en", "error"),
    ("HEAD refused", "/news/2024/07/31/head-refused-1009", "en", "ok"),
    ("redirect loop", "/loop/a", "en", "error"),
    ("huge answer", "/news/2024/07/31/huge-1011", "en", "error"),
]
STATUSES = ["ok", "moved", "gone", "suspect", "error"]
KINDS = [("warc", "WARC"), ("pdf", "PDF"), ("screenshot", "PNG")]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=60, help="coverage items (default 60)")
    parser.add_argument(
        "--no-browser", action="store_true", help="no Chromium: WARC records only, no PDF/PNG"
    )
    parser.add_argument("--json", help="write the figures here too")
    args = parser.parse_args()
    if args.items < 1:
        parser.error("--items must be at least 1")
    return args


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def commit() -> str:
    try:
        found = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        return found.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def main():
    args = arguments()
    if not args.no_browser and not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"{CHROMIUM} is missing: install chromium and fonts-noto-cjk, or --no-browser.")
    folder = tempfile.mkdtemp(prefix="pressroom-bench-linkcheck-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    try:
        figures = run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    if any(done["wrong"] or done["live_without_copy"] for done in figures["passes"]):
        sys.exit("Some items did not get their expected status or copies.")


def run(args, folder: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import override_settings

    print(f"Migrating a fresh SQLite database in {folder} …", file=sys.stderr)
    call_command("migrate", verbosity=0, interactive=False)
    media = Path(folder, "media")
    media.mkdir()
    if args.no_browser:  # one warning per live item that no PDF or screenshot was made
        logging.getLogger("press.linkcheck.archive").setLevel(logging.ERROR)
    with override_settings(
        PRESSROOM_LINK_CHECK_ALLOW_HOSTS=["127.0.0.1"],
        PRESSROOM_LINK_CHECK_READ_TIMEOUT=READ_TIMEOUT,
        PRESSROOM_LINK_CHECK_MAX_BYTES=MAX_BYTES,
        PRESSROOM_CHROMIUM="/nonexistent/chromium" if args.no_browser else CHROMIUM,
        MEDIA_ROOT=str(media),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        server = outlet_server()
        try:
            return measure(args, server, media)
        finally:
            server.stop()


def outlet_server():
    """The tests' outlet, answering ``/path?copy=N`` as ``/path``."""
    from tests.linkcheck_server import Outlet, OutletServer

    class QueryBlindOutlet(Outlet):
        def route(self, head: bool):
            self.path = self.path.split("?", 1)[0]
            return super().route(head)

    server = OutletServer()
    server.RequestHandlerClass = QueryBlindOutlet
    return server.start()


def make_items(server, count: int) -> dict[int, tuple[str, str]]:
    """``count`` coverage items over `CASES` in turn: {id: (case, expected status)}."""
    from tests.factories import CoverageFactory, OutletFactory, VisitFactory
    from tests.linkcheck_server import HEADLINE, HEADLINE_KO

    trip = VisitFactory()
    outlets = {
        "en": OutletFactory(name_en="The Test Daily"),
        "ko": OutletFactory(name_en="Test Ilbo", language="ko"),
    }
    expected = {}
    for n in range(count):
        case, path, language, status = CASES[n % len(CASES)]
        copy = n // len(CASES)
        coverage = CoverageFactory(
            url=server.url(path + (f"?copy={copy}" if copy else "")),
            headline=HEADLINE_KO if language == "ko" else HEADLINE,
            outlet=outlets[language],
            visit=trip,
        )
        expected[coverage.pk] = (case, status)
    return expected


def check_pass(label: str, expected: dict, every: bool) -> dict:
    from django.core.management import call_command

    from press.models import ArchivedCopy

    print(f"{label}: checking {len(expected)} items …", file=sys.stderr)
    before = ArchivedCopy.objects.count()
    out = io.StringIO()
    options = ["--wait", "--json"] + (["--all"] if every else [])
    started = time.perf_counter()
    call_command("check_coverage_links", *options, stdout=out, stderr=sys.stderr)
    seconds = time.perf_counter() - started
    found = json.loads(out.getvalue())
    counts = Counter(item["status"] for item in found)
    wrong = [
        {"id": item["id"], "case": expected[item["id"]][0], "status": item["status"]}
        for item in found
        if item["status"] != expected[item["id"]][1]
    ]
    live_without_copy = [
        item["id"] for item in found if item["status"] in ("ok", "moved") and not item["archived"]
    ]
    return {
        "pass": label,
        "items": len(found),
        "seconds": round(seconds, 2),
        "items_per_minute": round(len(found) / seconds * 60, 1),
        "statuses": {status: counts.get(status, 0) for status in STATUSES},
        "right": len(found) - len(wrong),
        "wrong": wrong,
        "copies_made": ArchivedCopy.objects.count() - before,
        "live_without_copy": live_without_copy,
    }


def archive_sizes(media: Path) -> dict:
    from press.models import ArchivedCopy

    sizes = {}
    for kind, _name in KINDS:
        values = sorted(ArchivedCopy.objects.filter(kind=kind).values_list("size", flat=True))
        sizes[kind] = {
            "count": len(values),
            "min": values[0] if values else None,
            "median": int(statistics.median(values)) if values else None,
            "max": values[-1] if values else None,
        }
    on_disk = sum(path.stat().st_size for path in media.rglob("*") if path.is_file())
    return {"kinds": sizes, "bytes_on_disk": on_disk}


def number(value) -> str:
    return "-" if value is None else f"{value:,}"


def report(figures: dict) -> None:
    print(
        f"\nLink check, {figures['items']} items, {figures['cases']} cases, "
        f"read time-out {figures['read_timeout']} s, cap {number(figures['max_bytes'])} bytes, "
        f"Chromium: {figures['chromium'] or 'none (--no-browser)'}; commit {figures['commit']}; "
        f"load average {figures['load_before']} before, {figures['load_after']} after\n"
    )
    head = "| pass | items | seconds | items/min | " + " | ".join(STATUSES) + " | right | copies |"
    print(head)
    print("|---|" + "---:|" * (head.count("|") - 2))
    for done in figures["passes"]:
        statuses = " | ".join(str(done["statuses"][status]) for status in STATUSES)
        print(
            f"| {done['pass']} | {done['items']} | {done['seconds']:.1f} | "
            f"{done['items_per_minute']:.0f} | {statuses} | {done['right']} / {done['items']} | "
            f"{done['copies_made']} |"
        )
    print("\n| copy | count | min bytes | median bytes | max bytes |")
    print("|---|---:|---:|---:|---:|")
    for kind, name in KINDS:
        size = figures["archives"]["kinds"][kind]
        print(
            f"| {name} | {size['count']} | {number(size['min'])} | {number(size['median'])} | "
            f"{number(size['max'])} |"
        )
    print(f"\nArchive files on disk: {number(figures['archives']['bytes_on_disk'])} bytes.")
    for done in figures["passes"]:
        for miss in done["wrong"]:
            print(f"WRONG ({done['pass']}): #{miss['id']} {miss['case']}: {miss['status']}")
        if done["live_without_copy"]:
            print(f"NO COPY ({done['pass']}): live items {done['live_without_copy']}")


def measure(args, server, media: Path) -> dict:
    from django.conf import settings

    expected = make_items(server, args.items)
    load_before = load_average()
    passes = [
        check_pass("first check", expected, every=False),
        check_pass("re-check", expected, every=True),
    ]
    figures = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "commit": commit(),
        "items": args.items,
        "cases": len(CASES),
        "read_timeout": settings.PRESSROOM_LINK_CHECK_READ_TIMEOUT,
        "max_bytes": settings.PRESSROOM_LINK_CHECK_MAX_BYTES,
        "chromium": None if args.no_browser else CHROMIUM,
        "load_before": load_before,
        "load_after": load_average(),
        "passes": passes,
        "archives": archive_sizes(media),
        "requests_answered": len(server.requests),
        # The server's count includes handlers still running for a client that gave up
        # (the slow page's 1.5 s wait, the huge page's stream), so it can exceed 1 although
        # the checker asks one request at a time.
        "server_handlers_at_once": server.most,
    }
    report(figures)
    sys.stdout.flush()
    return figures


if __name__ == "__main__":
    main()
