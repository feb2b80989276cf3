"""How long a trip's change form in the admin keeps the editor waiting (issue 22).

Builds a trip of ``--events`` engagements (14 by default, as the Paris, Chongqing and
Beijing trip has) over 4 legs, every text in four languages, each event with a place, two
people and an organisation, in a fresh database migrated for the run; signs a superuser
in with Django's test client, through production's middleware and cached templates
(`bench.settings`), and times ``--runs`` GETs of the trip's change page after a warm-up:

    .venv/bin/python bench/admin_forms.py [--events 14] [--runs 30] [--database-url URL]

Prints the median and p90 of the time until the answer (the page is not streamed, so
this is its time to first byte, minus the network), the page's size in bytes and its
number of SQL queries. The database (default sqlite:////tmp/pressroom-bench-forms.sqlite3)
is wiped first: give it a name containing "bench".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

DEFAULT_URL = "sqlite:////tmp/pressroom-bench-forms.sqlite3"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=14)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--json", help="write the figures here too")
    return parser.parse_args()


ARGS = arguments()
if "bench" not in ARGS.database_url:
    sys.exit("The database is wiped: give one whose name contains 'bench'.")
os.environ["DATABASE_URL"] = ARGS.database_url
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LANGS = ("en", "ko", "zh_hans", "ja")


def texts(field: str, text: str) -> dict[str, str]:
    return {f"{field}_{code}": f"{text} ({code})" for code in LANGS}


def build_trip(events: int):
    """A trip of four legs and ``events`` engagements spread over them."""
    from visits.models import City, Engagement, Leg, Organization, Person, Place, Visit

    mayor = Person.objects.create(slug="mayor", **texts("name", "The mayor"))
    start = datetime.date(2024, 9, 1)
    trip = Visit.objects.create(
        slug="bench-trip",
        official=mayor,
        start_date=start,
        end_date=start + datetime.timedelta(days=11),
        **texts("title", "Benchmark trip"),
        **texts("summary", "A trip of many events " * 20),
    )
    legs = []
    for n, (name, zone) in enumerate(
        [
            ("Paris", "Europe/Paris"),
            ("Chongqing", "Asia/Shanghai"),
            ("Beijing", "Asia/Shanghai"),
            ("Tokyo", "Asia/Tokyo"),
        ]
    ):
        city = City.objects.create(
            slug=name.lower(),
            country="FR" if n == 0 else "CN",
            time_zone=zone,
            **texts("name", name),
        )
        day = start + datetime.timedelta(days=3 * n)
        legs.append(
            Leg.objects.create(
                visit=trip,
                city=city,
                start_date=day,
                end_date=day + datetime.timedelta(days=2),
                order=n + 1,
            )
        )
    organisation = Organization.objects.create(slug="org", **texts("name", "An organisation"))
    people = [Person.objects.create(slug=f"p{n}", **texts("name", f"Person {n}")) for n in range(2)]
    for n in range(events):
        leg = legs[n % len(legs)]
        place = Place.objects.create(
            slug=f"place-{n}",
            city=leg.city,
            **texts("name", f"Place {n}"),
            **texts("description", "x" * 200),
        )
        engagement = Engagement.objects.create(
            visit=trip,
            leg=leg,
            date=leg.start_date + datetime.timedelta(days=n % 3),
            start_time=datetime.time(9 + n % 8, 30),
            place=place,
            **texts("title", f"Event {n}"),
            **texts("description", "What happened at this event. " * 30),
        )
        engagement.people.set(people)
        engagement.organizations.set([organisation])
    return trip


def main():
    import django

    django.setup()
    from bench._database import wipe

    wipe()
    measure()


def measure() -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client, override_settings
    from django.urls import reverse

    with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
        trip = build_trip(ARGS.events)
        admin = User.objects.create_superuser("bench-admin", "bench@example.org", "x")
        client = Client()
        client.force_login(admin)
        url = reverse("admin:visits_visit_change", args=[trip.pk])

        def get():
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                sys.exit(f"The change page answered {response.status_code}.")
            return elapsed, response

        for _ in range(3):  # warm up: imports, templates, first queries
            get()
        queries = []  # counted by a wrapper: each request empties connection.queries

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            _seconds, response = get()
        size = len(response.content)
        times = sorted(get()[0] for _ in range(ARGS.runs))
        median = statistics.median(times)
        p90 = times[max(0, round(0.9 * len(times)) - 1)]
        print(
            f"Trip change page, {ARGS.events} events, 4 legs, {ARGS.runs} GETs "
            f"({connection.vendor})"
        )
        print(f"  median {median * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms")
        print(f"  {size:,} bytes, {len(queries)} queries")
        if os.environ.get("BENCH_SHOW_QUERIES"):
            print("\n".join(f"    {sql}" for sql in queries))
        figures = {
            "events": ARGS.events,
            "runs": ARGS.runs,
            "median_ms": round(median * 1000, 1),
            "p90_ms": round(p90 * 1000, 1),
            "bytes": size,
            "queries": len(queries),
        }
    if ARGS.json:
        Path(ARGS.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
