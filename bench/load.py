"""Readers and editors at once: no errors, and no edit lost or silently overwritten.

Serves the site with gunicorn (sync workers, `bench.settings`, a throwaway Redis as the
shared cache) on loopback. For ``--duration`` seconds, wrk plays readers on public pages
and feeds while editor clients (threads here, each with its own cookie jar) sign in to
the admin and, over and over, open the change form of a release and post the whole form
back, as a browser would, with one more edit number in the English title. Each editor
has a release of its own and, about half the time, edits one they share, so their saves
collide:

    .venv/bin/python bench/load.py --database-url sqlite:////tmp/pressroom-load.sqlite3 \\
        [--duration 30] [--workers 4] [--connections 8] [--editors 2] [--json out.json]

WRITES to the database: staff users bench-editor1… and new titles on a few releases. Use a
throwaway copy (``migrate`` then ``load_demo`` makes one).

A save refused because someone else saved since the form was opened is the edit-conflict
protection at work (visits/publishing/locking.py), not a lost edit: it is counted as "conflicts
refused", and the editor opens the form again and retries. After the run, the database
is checked against every save the server acknowledged (302): per release, the revisions
made during the run hold each acknowledged title exactly once, in an order that agrees
with the order in which the saves were made, the current title is the last of them, and
no refused title was written. Exits non-zero when there was any error (a 5xx, a socket
error or timeout, a post neither saved nor refused as a conflict) or any lost edit.
"""

from __future__ import annotations

import argparse
import html
import http.cookiejar
import json
import os
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._server import Gunicorn, failed_requests, fetch, redis_server, wrk

CONFLICT_MARK = "Not saved:"
EDIT_MARK = "[bench "


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument(
        "--think", type=float, default=0.2, help="most seconds between opening and saving"
    )
    parser.add_argument(
        "--sqlite-options",
        help='JSON added to SQLite OPTIONS, e.g. \'{"transaction_mode": "IMMEDIATE"}\'',
    )
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url (or DATABASE_URL) is required")
    return args


# --- the browser's side of a form -------------------------------------------------------


class FormFields(HTMLParser):
    """What a browser submits for the form with id ``form_id``: every named, enabled
    input, select and textarea in it (checked boxes only, the selected options or a
    single select's first), the submit button pressed excepted. File inputs are left
    empty, which keeps the stored files."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.template_depth = 0
        self.fields: list[tuple[str, str]] = []
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.in_form = True
            return
        if tag == "template":
            self.template_depth += 1
        if not self.in_form or self.template_depth or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = (attributes.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.fields.append((name, attributes.get("value") or default))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attributes, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = {
                "value": attributes.get("value"),
                "selected": "selected" in attributes,
                "text": "",
            }
            self.select["options"].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "template" and self.template_depth:
            self.template_depth -= 1
        elif tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "textarea" and self.textarea is not None:
            # The browser drops one newline right after <textarea>.
            self.fields.append((self.textarea["name"], self.textarea["text"].removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [option for option in options if option["selected"]]
            if not chosen and options and not self.select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.fields.append((self.select["name"], value))
            self.select = None


def form_fields(page: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(page)
    parser.close()
    return parser.fields


# --- editors ----------------------------------------------------------------------------


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@dataclass
class Save:
    release: int
    title: str
    sent: float
    answered: float
    outcome: str  # "saved", "conflict" or "error"
    detail: str = ""


@dataclass
class Editor:
    """One person in the admin: their own release, and a release shared with the others."""

    base: str
    username: str
    password: str
    own: int
    shared: int
    think: float
    seed: int
    saves: list[Save] = field(default_factory=list)
    requests: int = 0
    errors: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects()
        )
        self.rng = random.Random(self.seed)

    def request(self, path: str, data: list[tuple[str, str]] | None = None):
        """(status, location, page); 3xx, 4xx and 5xx are answers here, not exceptions."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)  # Django's CSRF check on http
        self.requests += 1
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode()

    def log_in(self, login_path: str) -> None:
        status, _, page = self.request(login_path)
        fields = form_fields(page, "login-form")
        fields += [("username", self.username), ("password", self.password)]
        status, _, page = self.request(login_path, fields)
        if status != 302:
            raise RuntimeError(f"{self.username} could not sign in: {status}\n{page[:2000]}")

    def edit(self, release: int, change_path: str, number: int) -> Save:
        """Open the form, think, post it back with a new title; the outcome as seen."""
        status, _, page = self.request(change_path)
        if status != 200:
            return Save(release, "", time.time(), time.time(), "error", f"open: {status}")
        fields = form_fields(page, "pressrelease_form")
        titles = [value for name, value in fields if name == "title_en"]
        base_title = titles[0].split(EDIT_MARK)[0].rstrip() if titles else "Release"
        title = f"{base_title} {EDIT_MARK}{self.username} {number}]".strip()
        fields = [(name, value) for name, value in fields if name != "title_en"]
        fields += [("title_en", title), ("_save", "Save")]
        time.sleep(self.rng.uniform(0, self.think))
        sent = time.time()
        status, location, page = self.request(change_path, fields)
        answered = time.time()
        if status == 302:
            return Save(release, title, sent, answered, "saved", location)
        if status == 200 and CONFLICT_MARK in page:
            return Save(release, title, sent, answered, "conflict")
        detail = form_errors(page) if status == 200 else page_title(page)
        return Save(release, title, sent, answered, "error", f"{status}: {detail}")

    def run(self, change_paths: dict[int, str], stop: threading.Event) -> None:
        number = 0
        release = self.own
        while not stop.is_set():
            number += 1
            try:
                save = self.edit(release, change_paths[release], number)
            except OSError as error:  # a refused connection or a timeout
                save = Save(release, "", time.time(), time.time(), "error", repr(error))
            self.saves.append(save)
            if save.outcome == "error":
                self.errors.append(f"{self.username} release {release}: {save.detail}")
            if save.outcome != "conflict":  # a refused save is retried on a fresh form
                release = self.shared if self.rng.random() < 0.5 else self.own


def page_title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    return html.unescape(found.group(1)).strip() if found else page[:200]


def form_errors(page: str) -> str:
    """The error messages on an admin form page, as text (for the report)."""
    chunks = re.findall(r'<ul class="(?:errorlist|messagelist)[^"]*"[^>]*>(.*?)</ul>', page, re.S)
    text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", chunk) for chunk in chunks))
    return " ".join(text.split())[:500] or page[:300]


# --- the database's side ---------------------------------------------------------------


def prepare_editors(count: int) -> tuple[list[tuple[str, str]], list[int], dict[int, int]]:
    """Staff users (superusers) with fresh passwords, the releases they will edit (one
    each plus one shared, published so readers see the edits) and, per release, the last
    revision before the run."""
    from django.contrib.auth.models import User
    from reversion.models import Version

    from press.models import PressRelease

    accounts = []
    for number in range(1, count + 1):
        username = f"bench-editor{number}"
        password = f"bench-{random.SystemRandom().getrandbits(64):x}"
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.first_name = f"Editor {number}"
        user.set_password(password)
        user.save()
        accounts.append((username, password))
    releases = list(
        PressRelease.objects.published()
        .order_by("-published_at")
        .values_list("pk", flat=True)[: count + 1]
    )
    if len(releases) < count + 1:
        sys.exit(f"need {count + 1} published releases; load the demo first")
    before = {}
    for pk in releases:
        last = Version.objects.get_for_object_reference(PressRelease, pk).order_by("-pk").first()
        before[pk] = last.pk if last else 0
    return accounts, releases, before


def check_saves(saves: list[Save], before: dict[int, int]) -> dict:
    """Compare every acknowledged save with what the database kept (see the module)."""
    from reversion.models import Version

    from press.models import PressRelease

    problems = []
    per_release = {}
    for pk, last_before in before.items():
        acknowledged = [save for save in saves if save.release == pk and save.outcome == "saved"]
        refused = {save.title for save in saves if save.release == pk and save.outcome != "saved"}
        versions = Version.objects.get_for_object_reference(PressRelease, pk).filter(
            pk__gt=last_before
        )
        history = [
            json.loads(version.serialized_data)[0]["fields"]["title_en"]
            for version in versions.order_by("pk")
        ]
        current = PressRelease.objects.get(pk=pk).title_en
        titles = [save.title for save in acknowledged]
        for title in titles:
            kept = history.count(title)
            if kept != 1:
                problems.append(f"release {pk}: acknowledged {title!r} is in the history {kept}x")
        for title in set(history) - set(titles):
            problems.append(f"release {pk}: {title!r} is in the history, never acknowledged")
        for title in refused & ({*history, current}):
            problems.append(f"release {pk}: refused {title!r} was written")
        # Order: a save answered before another was sent must come first in the history.
        position = {title: index for index, title in enumerate(history)}
        for earlier in acknowledged:
            for later in acknowledged:
                if (
                    earlier.answered < later.sent
                    and earlier.title in position
                    and later.title in position
                    and position[earlier.title] > position[later.title]
                ):
                    problems.append(
                        f"release {pk}: {later.title!r} saved after {earlier.title!r} "
                        "comes first in the history"
                    )
        if history and current != history[-1]:
            problems.append(f"release {pk}: title {current!r} is not the last revision")
        final = next((save for save in acknowledged if save.title == current), None)
        if acknowledged and final is None:
            problems.append(f"release {pk}: title {current!r} is no acknowledged save")
        elif final and any(save.sent > final.answered for save in acknowledged):
            problems.append(f"release {pk}: a save made after {current!r} was overwritten")
        per_release[pk] = {
            "acknowledged": len(titles),
            "refused": len(refused),
            "revisions": len(history),
            "title": current,
        }
    return {"problems": problems, "releases": per_release}


# --- the run ----------------------------------------------------------------------------


def reader_paths(edited: list[int]) -> list[tuple[str, dict]]:
    """Public pages and feeds in the four languages, the edited releases among them."""
    from django.urls import reverse
    from django.utils import translation

    from press.models import PressRelease
    from visits.models import Visit

    releases = list(PressRelease.objects.published().order_by("-published_at")[:6])
    releases += PressRelease.objects.filter(pk__in=edited)
    trips = list(Visit.objects.published()[:2])
    paths = ["/sitemap.xml", "/sitemap-releases.xml"]
    for number, code in enumerate(("en", "ko", "zh-hans", "ja")):
        with translation.override(code):
            paths += [
                reverse("press:home"),
                reverse("press:release_list"),
                reverse("press:coverage_list"),
                reverse("press:release_feed_rss"),
                reverse("press:release_feed_atom"),
                *(release.get_absolute_url() for release in releases[number::2]),
                *(trip.get_absolute_url() for trip in trips),
            ]
    return [(path, {}) for path in dict.fromkeys(paths)]


def main() -> int:
    args = arguments()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    if args.sqlite_options:
        os.environ["BENCH_SQLITE_OPTIONS"] = args.sqlite_options
    with redis_server() as redis_url:
        os.environ["REDIS_URL"] = redis_url
        import django

        django.setup()
        from django.db import connection, connections
        from django.urls import reverse
        from django.utils import translation

        accounts, releases, before = prepare_editors(args.editors)
        readers = reader_paths(releases)
        with translation.override("en"):
            login_path = reverse("admin:login")
            change_paths = {
                pk: reverse("admin:press_pressrelease_change", args=[pk]) for pk in releases
            }
        vendor = connection.vendor
        connections.close_all()  # nothing of ours holds the database during the run

        env = {"DATABASE_URL": args.database_url, "REDIS_URL": redis_url}
        with Gunicorn(args.workers, env) as server:
            for path, _ in readers:
                status = fetch(server.port, path)[0]
                if status != 200:
                    sys.exit(f"{path} answered {status} before the run")
            editors = [
                Editor(
                    server.url(),
                    username,
                    password,
                    own=releases[number],
                    shared=releases[-1],
                    think=args.think,
                    seed=args.seed + number,
                )
                for number, (username, password) in enumerate(accounts)
            ]
            for editor in editors:
                editor.log_in(login_path)
            stop = threading.Event()
            threads = [
                threading.Thread(target=editor.run, args=(change_paths, stop)) for editor in editors
            ]
            started = time.time()
            for thread in threads:
                thread.start()
            reading = wrk(
                server,
                readers,
                duration=args.duration,
                connections=args.connections,
                threads=args.threads,
            )
            stop.set()
            for thread in threads:
                thread.join()
            elapsed = time.time() - started
            rss = server.worker_rss_mib()
            server.stop()
            log = server.log()

        saves = [save for editor in editors for save in editor.saves]
        checked = check_saves(saves, before)
        connections.close_all()

    editor_errors = [message for editor in editors for message in editor.errors]
    outcomes = {kind: sum(save.outcome == kind for save in saves) for kind in ("saved", "conflict")}
    report = {
        "database": vendor,
        "sqlite_options": args.sqlite_options,
        "duration_s": round(elapsed, 1),
        "workers": args.workers,
        "readers": {
            "requests": reading["requests"],
            "rps": round(reading["rps"], 1),
            "errors": failed_requests(reading),
            "statuses": reading["statuses"],
            "socket_errors": reading["errors"],
            "latency_ms": {k: v / 1000 for k, v in reading["latency_us"].items()},
            "urls": len(readers),
        },
        "editors": {
            "requests": sum(editor.requests for editor in editors),
            "saves_acknowledged": outcomes["saved"],
            "conflicts_refused": outcomes["conflict"],
            "errors": len(editor_errors),
            "error_messages": editor_errors[:20],
        },
        "server_log": server.log_file.name,
        "server_tracebacks": log.count("Traceback"),
        "database_locked": log.count("OperationalError: database is locked"),
        "lost_or_overwritten_edits": len(checked["problems"]),
        "problems": checked["problems"][:50],
        "releases": checked["releases"],
        "worker_rss_mib": [round(size, 1) for size in rss],
    }
    errors = report["readers"]["errors"] + report["editors"]["errors"]
    errors += report["server_tracebacks"]
    report["errors"] = errors
    print(json.dumps(report, indent=2, ensure_ascii=False))
    if report["server_tracebacks"]:
        print(log[-6000:], file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(
        f"\nreaders: {reading['requests']} requests ({reading['rps']:.0f}/s), "
        f"{report['readers']['errors']} errors; editors: {report['editors']['requests']} "
        f"requests, {outcomes['saved']} saves, {outcomes['conflict']} conflicts refused, "
        f"{report['editors']['errors']} errors; server tracebacks "
        f"{report['server_tracebacks']} (database is locked: {report['database_locked']}); "
        f"lost or overwritten edits: {report['lost_or_overwritten_edits']}",
        file=sys.stderr,
    )
    return 1 if errors or checked["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
