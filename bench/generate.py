"""Fill a database with realistic newsroom content at scale, fast and in bounded memory.

    .venv/bin/python bench/generate.py --size 10k \\
        --database-url sqlite:////tmp/pressroom-bench-10k.sqlite3 \\
        [--media-root /tmp/pressroom-bench-media] [--seed 2026] [--force] [--check]

Sizes: ``1k``, ``10k``, ``100k`` releases, with 3 coverage items per release, a trip per
50 releases (2 to 4 legs, 2 to 4 engagements a leg, with places, people and organisations
from bounded pools), a photo per 2 releases, outlets and topics; every text in en, ko,
zh-hans and ja. Most items are published over 2011 to 2026; a few per cent are drafts, in
review, scheduled in the future or withdrawn, and some translations are not ready.

The database is migrated first; one that already holds content is refused unless
``--force``, which deletes the SQLite file or drops and recreates PostgreSQL's schema
``public`` (a missing PostgreSQL database is created). Rows go in with ``bulk_create``
in batches, so memory stays flat whatever the size. The search index is written in the
same pass: each batch of releases and coverage is analysed in a second process by
`visits.search.indexing.entries_for` (the indexer's own code path) while the next batch is
generated, and the entries get ids in the order ``rebuild()`` would give them (kinds
least important first, each oldest first), so ranking by recency behaves as after a
rebuild. Photos point at a dozen real JPEGs drawn once into the media root, whose
renditions are made with `press.renditions.make_renditions`; every photo keeps the
default focal point, so those renditions serve all of them.

``--check`` then searches for a generated title and renders the main public pages with
Django's test client. Times per phase, row counts and the peak resident memory are
printed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import random
import resource
import sys
import time
import uuid
from bisect import bisect_left
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
DEFAULT_MEDIA_ROOT = "/tmp/pressroom-bench-media"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="1k")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL"),
        help="e.g. sqlite:////tmp/pressroom-bench-10k.sqlite3 or postgres://…",
    )
    parser.add_argument("--media-root", default=DEFAULT_MEDIA_ROOT)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--force", action="store_true", help="replace a non-empty database")
    parser.add_argument(
        "--check", action="store_true", help="search and render the main pages afterwards"
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("--database-url is required (or BENCH_DATABASE_URL)")
    return args


ARGS = arguments()
os.environ["DATABASE_URL"] = ARGS.database_url
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Before anything opens the default storage (and before the worker process forks).
settings.MEDIA_ROOT = ARGS.media_root
# dev settings turn DEBUG on, which keeps the last 9,000 statements with their parameters:
# hundreds of megabytes of release bodies, and the time to format them.
settings.DEBUG = False

import _data as data  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import OperationalError, connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from press.models import (  # noqa: E402
    Coverage,
    Outlet,
    Photo,
    PressContact,
    PressRelease,
    ReleasePhoto,
    Topic,
)
from press.renditions import make_renditions  # noqa: E402
from visits.models import (  # noqa: E402
    City,
    ContentVersion,
    Engagement,
    Leg,
    Organization,
    Person,
    Place,
    Visit,
)
from visits.publishing import Status  # noqa: E402
from visits.search.backends import backend_for  # noqa: E402
from visits.search.documents import REGISTRY  # noqa: E402
from visits.search.entries import SearchEntry  # noqa: E402
from visits.search.indexing import entries_for  # noqa: E402
from visits.text import LANGUAGE_CODES, ascii_slug  # noqa: E402

SEOUL = ZoneInfo("Asia/Seoul")
START = dt.datetime(2011, 1, 3, 9, tzinfo=SEOUL)
LANGS = data.LANGS  # column suffixes, in LANGUAGE_CODES order
#: Entry ids per item, by kind: at most one per site language (coverage: plus its own).
SLOTS = {"release": len(LANGUAGE_CODES), "coverage": len(LANGUAGE_CODES) + 1}
RELEASE_BATCH = 1000
COVERAGE_BATCH = 3000
#: Real image files all photo rows share; each gets its renditions made once.
IMAGE_FILES = 12
IMAGE_SIZE = (1600, 1067)


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# Text helpers -------------------------------------------------------------------------


def say(template: tuple, index: int, **slots) -> str:
    """One language (``index``) of a parallel template, with tuple slots in that language."""
    values = {k: (v[index] if isinstance(v, tuple) else v) for k, v in slots.items()}
    return template[index].format(**values)


def columns(field: str, template: tuple, **slots) -> dict:
    """``{field_en: …, field_ko: …, …}`` from a parallel template; ``field`` itself (the
    base column modeltranslation keeps) gets the English."""
    values = {f"{field}_{lang}": say(template, i, **slots) for i, lang in enumerate(LANGS)}
    return {field: values[f"{field}_en"], **values}


def listing(names) -> tuple:
    """'Tokyo and Osaka', '도쿄·오사카', '东京、大阪', '東京・大阪'."""
    names = list(names)
    en = names[0][0] if len(names) == 1 else ", ".join(n[0] for n in names[:-1])
    if len(names) > 1:
        en += f" and {names[-1][0]}"
    return (
        en,
        "·".join(n[1] for n in names),
        "、".join(n[2] for n in names),
        "・".join(n[3] for n in names),
    )


class Slugs:
    """Readable unique slugs: the title's ASCII slug, with -2, -3… on a repeat."""

    def __init__(self):
        self.seen: set[str] = set()

    def __call__(self, text: str, limit: int = 80, suffix: str = "") -> str:
        base = ascii_slug(text, limit - len(suffix)) + suffix or "item"
        slug, n = base, 1
        while slug in self.seen:
            n += 1
            slug = f"{base[: limit - len(str(n)) - 1].rstrip('-')}-{n}"
        self.seen.add(slug)
        return slug


def uuid4(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SEOUL)


# Timing ---------------------------------------------------------------------------------


class Phases:
    def __init__(self):
        self.times: list[tuple[str, float]] = []

    @contextmanager
    def __call__(self, name: str):
        log(f"== {name}")
        start = time.perf_counter()
        yield
        elapsed = time.perf_counter() - start
        self.times.append((name, elapsed))
        log(f"   {name}: {elapsed:.1f} s")


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of the largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


@contextmanager
def explicit_timestamps():
    """Let bulk_create store the creation and change times we give (realistic dates for
    feeds and sitemaps) instead of now: auto_now is switched off for the run only."""
    fields = [
        model._meta.get_field(name)
        for model in (Visit, PressRelease, Coverage)
        for name in ("created_at", "updated_at")
    ] + [Photo._meta.get_field("uploaded_at")]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


# Database -------------------------------------------------------------------------------

CONTENT_MODELS = (PressRelease, Coverage, Visit, Photo, Person, Organization, Place, City)


def prepare_database(force: bool):
    """An empty, migrated database: a new one, an empty one, or (``force``) a wiped one."""
    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        if name.exists() and name.stat().st_size and has_content():
            if not force:
                sys.exit(f"{name} already holds content; --force deletes it.")
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
            log(f"deleted {name}")
    else:
        ensure_postgres_database()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            tables = cursor.fetchone()[0]
        if tables and has_content():
            if not force:
                sys.exit(
                    f"{connection.settings_dict['NAME']} already holds content; --force drops it."
                )
            with connection.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
            log(f"dropped schema public of {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)


def has_content() -> bool:
    existing = set(connection.introspection.table_names())
    return any(
        model._meta.db_table in existing and model._default_manager.exists()
        for model in CONTENT_MODELS
    )


def ensure_postgres_database():
    try:
        connection.ensure_connection()
    except OperationalError as error:
        if "does not exist" not in str(error):
            raise
        import psycopg

        params = connection.get_connection_params()
        name = params.pop("dbname")
        params.pop("options", None)
        with psycopg.connect(**params, dbname="postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        log(f"created database {name}")


def tune_sqlite():
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-65536")  # 64 MB


# Media ----------------------------------------------------------------------------------


def image_names() -> list[str]:
    return [f"photos/bench/bench-{i + 1:02d}.jpg" for i in range(IMAGE_FILES)]


def write_images(rng: random.Random) -> dict[str, int]:
    """Draw the shared JPEGs into the storage once; {name: size in bytes}."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from press.demo.images import render

    palettes = [
        ("#6d8fb3", "#e9c9a4", "#f2b35e"),
        ("#2f4858", "#86bbd8", "#f6ae2d"),
        ("#474973", "#a69cac", "#f1dac4"),
        ("#33658a", "#86bbd8", "#f26419"),
    ]
    sizes = {}
    for i, name in enumerate(image_names()):
        if not default_storage.exists(name):
            city = data.CITIES[i * 3 % len(data.CITIES)]
            jpeg = render(
                key=name,
                title=city[0],
                subtitle=f"Bench photo {i + 1}",
                palette=palettes[i % len(palettes)],
            )
            saved = default_storage.save(name, ContentFile(jpeg))
            assert saved == name, saved
        sizes[name] = default_storage.size(name)
    return sizes


def renditions_for(name: str) -> int:
    """Run in the worker: the renditions of one shared file (default focal point)."""
    photo = Photo(image=name, width=IMAGE_SIZE[0], height=IMAGE_SIZE[1])
    return make_renditions(photo)


# Search entries -------------------------------------------------------------------------


def analyse(kind: str, objs: list, base: int) -> list[SearchEntry]:
    """Run in the worker: the entries the indexer makes for ``objs`` (`entries_for`), with
    ids ``base + slots * position + n``, so they sort as a rebuild would write them."""
    document = REGISTRY[kind]
    slots = SLOTS[kind]
    position = {obj.pk: base + slots * i for i, obj in enumerate(objs)}
    made = entries_for(document, objs)
    previous, n = None, 0
    for entry in made:
        n = n + 1 if entry.object_id == previous else 0
        previous = entry.object_id
        assert n < slots
        entry.id = position[entry.object_id] + n
    return made


class Indexer:
    """Analysis in the worker process, one batch at a time, while the next is generated;
    at most two batches in flight, so memory stays bounded."""

    def __init__(self, pool):
        self.pool = pool
        self.pending = []
        self.written = 0
        self.waited = self.writing = 0.0

    def submit(self, kind: str, objs: list, base: int):
        self.pending.append(self.pool.apply_async(analyse, (kind, objs, base)))
        while len(self.pending) > 2:
            self.write(self.pending.pop(0))

    def drain(self):
        while self.pending:
            self.write(self.pending.pop(0))
        log(f"   index: waited {self.waited:.1f} s for analysis, {self.writing:.1f} s writing")

    def write(self, pending):
        start = time.perf_counter()
        entries = pending.get()
        written = time.perf_counter()
        with transaction.atomic():
            SearchEntry.objects.bulk_create(entries, batch_size=500)
        self.written += len(entries)
        self.waited += written - start
        self.writing += time.perf_counter() - written


def full_text(action: str) -> None:
    """Drop (``"uninstall"``) the database's full-text index (FTS5 table and triggers, or
    the tsvector column and its GIN index) while entries are written, and build it
    (``"install"``) once at the end with the migration's own code: one pass instead of an
    update per row."""
    with connection.schema_editor() as editor:
        getattr(backend_for(connection), action)(editor)


def index_small_kinds(first_id: int, limit: int) -> int:
    """Trips, people, places and organisations: indexed from the database as `rebuild()`
    does (they need their trips' facts), with ids before every coverage entry."""
    next_id, made = first_id, 0
    for kind in reversed(REGISTRY):
        if kind in SLOTS:
            continue
        document = REGISTRY[kind]
        rows = document.rows().order_by(*document.index_order)
        batch = []
        for obj in rows.iterator(500):
            batch.append(obj)
            if len(batch) == 500:
                next_id, made = write_entries(document, batch, next_id, made)
                batch = []
        if batch:
            next_id, made = write_entries(document, batch, next_id, made)
    assert next_id <= limit, (next_id, limit)
    return made


def write_entries(document, objs, next_id, made):
    entries = entries_for(document, objs)
    for entry in entries:
        entry.id = next_id
        next_id += 1
    with transaction.atomic():
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    return next_id, made + len(entries)


# Generation ---------------------------------------------------------------------------


class Generator:
    def __init__(self, size: int, rng: random.Random, now: dt.datetime, indexer: Indexer):
        self.n = size
        self.rng = rng
        self.now = now
        self.indexer = indexer
        self.counts: dict[str, int] = {}
        self.images: dict[str, int] = {}
        self.n_trips = max(10, size // 50)
        self.n_coverage = 3 * size
        self.n_photos = size // 2
        self.n_people = max(150, size // 40)
        self.n_organizations = max(150, size // 50)
        self.n_places = max(150, size // 50)

    def count(self, name, n):
        self.counts[name] = self.counts.get(name, 0) + n

    # Reference pools: cities, topics, contacts, outlets, organisations, people, places.

    def references(self):
        rng = self.rng
        slugs = Slugs()
        cities = []
        for en, ko, zh, ja, country, tz in data.CITIES:
            cities.append(
                City(
                    slug=slugs(en),
                    name=en,
                    name_en=en,
                    name_ko=ko,
                    name_zh_hans=zh,
                    name_ja=ja,
                    country=country,
                    time_zone=tz,
                )
            )
        self.cities = City.objects.bulk_create(cities)
        self.count("cities", len(self.cities))

        topics = []
        for slug, en, ko, zh, ja, about in data.TOPICS:
            topics.append(
                Topic(
                    slug=slug,
                    name=en,
                    name_en=en,
                    name_ko=ko,
                    name_zh_hans=zh,
                    name_ja=ja,
                    description=about,
                    description_en=about,
                )
            )
        self.topics = Topic.objects.bulk_create(topics)
        self.topic_phrase = {t.pk: data.TOPIC_PHRASES[t.slug] for t in self.topics}
        self.count("topics", len(self.topics))

        contacts = []
        for i, dept in enumerate(data.CONTACTS):
            name = data.REPORTERS[i % len(data.REPORTERS)]
            contacts.append(
                PressContact(
                    name=name,
                    name_en=name,
                    **columns("department", dept),
                    email=f"press{i + 1}@seoul.example",
                    phone=f"+82-2-2133-{6000 + i}",
                )
            )
        self.contacts = PressContact.objects.bulk_create(contacts)
        self.departments = {
            c.pk: dept for c, dept in zip(self.contacts, data.CONTACTS, strict=True)
        }

        outlets = []
        slugs = Slugs()
        for en, ko, zh, ja, kind, country, language in data.OUTLETS:
            slug = slugs(en)
            outlets.append(
                Outlet(
                    slug=slug,
                    name=en,
                    name_en=en,
                    name_ko=ko,
                    name_zh_hans=zh,
                    name_ja=ja,
                    kind=kind,
                    country=country,
                    language=language,
                    website=f"https://{slug}.example",
                )
            )
        self.outlets = Outlet.objects.bulk_create(outlets)
        self.count("outlets", len(self.outlets))

        # Organisations: every pattern in every city before any numbered unit.
        organizations, slugs = [], Slugs()
        self.organizations_by_city: dict[int, list] = {}
        for i in range(self.n_organizations):
            cycle, rest = divmod(i, len(data.CITIES) * len(data.ORGANIZATION_PATTERNS))
            pattern_index, city_index = divmod(rest, len(data.CITIES))
            kind, pattern = data.ORGANIZATION_PATTERNS[pattern_index]
            city = self.cities[city_index]
            names = [say(pattern, j, c=data.CITIES[city_index][:4]) for j in range(4)]
            if cycle:
                unit = data.ORGANIZATION_SERIES[cycle % len(data.ORGANIZATION_SERIES)]
                names = [f"{name} {say(unit, j, n=cycle)}" for j, name in enumerate(names)]
            organizations.append(
                Organization(
                    slug=slugs(names[0]),
                    name=names[0],
                    kind=kind,
                    country=city.country,
                    website=f"https://{ascii_slug(names[0])}.example" if rng.random() < 0.7 else "",
                    **{f"name_{lang}": names[j] for j, lang in enumerate(LANGS)},
                )
            )
            organizations[-1].city_index = city_index
        for org in Organization.objects.bulk_create(organizations):
            self.organizations_by_city.setdefault(org.city_index, []).append(org)
        self.organizations = organizations
        self.count("organisations", len(organizations))

        # People: the mayors and deputy mayors who lead trips, then everyone they meet.
        people, slugs = [], Slugs()
        self.mayors = []
        for (family, given), ko, zh, ja, first_year, last_year in data.MAYORS:
            en = f"{family} {given}"
            person = Person(
                slug=slugs(en),
                name=en,
                name_en=en,
                name_ko=ko[0],
                name_zh_hans=zh[0],
                name_ja=ja[0],
                **columns("role", ("Mayor of Seoul", "서울특별시장", "首尔市长", "ソウル市長")),
                organization=None,
            )
            person.years = (first_year, last_year)
            people.append(person)
            self.mayors.append(person)
        self.people_by_city: dict[int, list] = {}
        for i in range(self.n_people - len(people)):
            families, givens, family_first = rng.choice(data.NAME_SETS)
            family, given = rng.choice(families), rng.choice(givens)
            names = [
                f"{family[j]} {given[j]}" if family_first else f"{given[j]} {family[j]}"
                for j in range(4)
            ]
            names[1] = names[1].replace(" ", "") if family_first else names[1]
            names[2] = names[2].replace(" ", "") if family_first else names[2].replace(" ", "·")
            names[3] = names[3].replace(" ", "") if family_first else names[3].replace(" ", "・")
            city_index = i % len(data.CITIES)
            org = rng.choice(self.organizations_by_city[city_index]) if rng.random() < 0.9 else None
            person = Person(
                slug=slugs(names[0]),
                organization=org,
                **{f"name_{lang}": names[j] for j, lang in enumerate(LANGS)},
                name=names[0],
                **columns("role", rng.choice(data.ROLES), c=data.CITIES[city_index][:4]),
            )
            person.city_index = city_index
            people.append(person)
        for person in Person.objects.bulk_create(people):
            if hasattr(person, "city_index"):
                self.people_by_city.setdefault(person.city_index, []).append(person)
        self.people = people
        self.count("people", len(people))

        # Places: each pattern in every city first; then places inside the science parks.
        places, slugs = [], Slugs()
        self.places_by_city: dict[int, list] = {}
        outer = min(self.n_places, len(data.CITIES) * len(data.PLACE_PATTERNS))
        for i in range(outer):
            pattern_index, city_index = divmod(i, len(data.CITIES))
            city = data.CITIES[city_index]
            places.append(self.place(slugs, data.PLACE_PATTERNS[pattern_index], city_index, city))
        Place.objects.bulk_create(places)
        parks = {p.city_index: p for p in places if p.pattern is data.PLACE_PATTERNS[2]}
        inner = []
        for i in range(self.n_places - outer):
            number, city_index = divmod(i, len(data.CITIES))
            pattern = data.INNER_PLACES[number % len(data.INNER_PLACES)]
            place = self.place(slugs, pattern, city_index, data.CITIES[city_index], n=number + 1)
            place.parent = parks.get(city_index)
            inner.append(place)
        Place.objects.bulk_create(inner)
        for place in places + inner:
            self.places_by_city.setdefault(place.city_index, []).append(place)
        self.count("places", len(places) + len(inner))

    def place(self, slugs, pattern, city_index, city, n=None):
        names = [say(pattern, j, c=city[:4], n=n) for j in range(4)]
        description = self.rng.choice(data.PLACE_DESCRIPTIONS)
        place = Place(
            slug=slugs(names[0]),
            city=self.cities[city_index],
            name=names[0],
            **{f"name_{lang}": names[j] for j, lang in enumerate(LANGS)},
            **columns("description", description, c=city[:4], y=self.rng.randint(1990, 2022)),
        )
        place.city_index, place.pattern = city_index, pattern
        return place

    # Trips, with legs, engagements and their photos.

    def trips(self):
        rng, now = self.rng, self.now
        slugs = Slugs()
        first_day = START.date() + dt.timedelta(days=7)
        # Spread over 2011 up to two months ahead: the last few are still to come.
        span = (now.date() + dt.timedelta(days=60) - first_day).days
        self.trip_info = []  # (start date, visit, [engagements], [photo ids], [release ids])
        legs_all, trips = [], []
        for i in range(self.n_trips):
            start = first_day + dt.timedelta(days=int(span * (i + rng.random()) / self.n_trips))
            city_indexes = rng.sample(range(len(data.CITIES)), rng.randint(2, 4))
            day, legs = start, []
            for order, city_index in enumerate(city_indexes):
                days = rng.randint(1, 3)
                legs.append((order, city_index, day, day + dt.timedelta(days=days - 1)))
                day += dt.timedelta(days=days)
            end = legs[-1][3]
            mayor = next(
                (m for m in self.mayors if m.years[0] <= start.year <= m.years[1]), self.mayors[-1]
            )
            official = mayor if rng.random() < 0.8 else rng.choice(self.people[:40])
            topic = rng.choice(self.topics)
            names = listing(data.CITIES[c][:4] for _, c, _, _ in legs)
            slots = {
                "cs": names,
                "t": self.topic_phrase[topic.pk],
                "y": start.year,
                "n": (end - start).days + 1,
            }
            title = columns("title", rng.choice(data.TRIP_TITLES), **slots)
            status, published_at = self.trip_status(start)
            visit = Visit(
                slug=slugs(title["title_en"], suffix=f"-{start:%Y-%m}"),
                official=official,
                start_date=start,
                end_date=end,
                status=status,
                published_at=published_at,
                created_at=at(start - dt.timedelta(days=30), 10),
                updated_at=published_at or at(start - dt.timedelta(days=20), 10),
                **title,
                **columns("summary", data.TRIP_SUMMARIES[0], **slots),
                **columns("purpose", data.TRIP_PURPOSES[0], **slots),
            )
            visit.leg_plan, visit.topic = legs, topic
            trips.append(visit)
        Visit.objects.bulk_create(trips)
        for visit in trips:
            for order, city_index, first, last in visit.leg_plan:
                leg = Leg(
                    visit=visit,
                    city=self.cities[city_index],
                    start_date=first,
                    end_date=last,
                    order=order,
                )
                leg.city_index = city_index
                legs_all.append(leg)
        Leg.objects.bulk_create(legs_all, batch_size=2000)
        self.count("trips", len(trips))
        self.count("legs", len(legs_all))

        engagements, people_links, org_links = [], [], []
        # An event's slug is unique within its trip (bulk_create skips save(), which makes it).
        trip_slugs: dict[int, Slugs] = {}
        for leg in legs_all:
            visit = leg.visit
            for _ in range(rng.randint(2, 4)):
                engagement = self.engagement(visit, leg)
                engagement.slug = trip_slugs.setdefault(visit.pk, Slugs())(engagement.title_en)
                engagements.append(engagement)
        Engagement.objects.bulk_create(engagements, batch_size=2000)
        by_visit: dict[int, list] = {}
        for engagement in engagements:
            by_visit.setdefault(engagement.visit_id, []).append(engagement)
            for person in engagement.met_people:
                people_links.append(
                    Engagement.people.through(engagement_id=engagement.pk, person_id=person.pk)
                )
            for org in engagement.met_organizations:
                org_links.append(
                    Engagement.organizations.through(
                        engagement_id=engagement.pk, organization_id=org.pk
                    )
                )
        Engagement.people.through.objects.bulk_create(people_links, batch_size=5000)
        Engagement.organizations.through.objects.bulk_create(org_links, batch_size=5000)
        self.count("engagements", len(engagements))
        self.count("engagement people", len(people_links))
        self.count("engagement organisations", len(org_links))

        for visit in trips:
            self.trip_info.append(
                {
                    "start": visit.start_date,
                    "visit": visit,
                    "engagements": by_visit[visit.pk],
                    "photos": [],
                    "releases": [],
                }
            )
        self.trip_starts = [info["start"] for info in self.trip_info]

    def trip_status(self, start: dt.date):
        rng, now = self.rng, self.now
        announced = at(start - dt.timedelta(days=rng.randint(2, 10)), rng.choice((9, 10, 14)))
        draw = rng.random()
        if draw < 0.02:
            return Status.DRAFT, None
        if draw < 0.03:
            return Status.IN_REVIEW, None
        if announced > now:
            return Status.SCHEDULED, announced
        return Status.PUBLISHED, announced

    def engagement(self, visit, leg):
        rng = self.rng
        city = data.CITIES[leg.city_index][:4]
        place = rng.choice(self.places_by_city[leg.city_index])
        orgs = self.organizations_by_city[leg.city_index]
        met_orgs = rng.sample(orgs, min(len(orgs), rng.randint(1, 2)))
        people = self.people_by_city.get(leg.city_index) or self.people
        met_people = rng.sample(people, min(len(people), rng.randint(1, 3)))
        kind = rng.choice(list(data.ENGAGEMENT_TITLES))
        day = leg.start_date + dt.timedelta(
            days=rng.randint(0, (leg.end_date - leg.start_date).days)
        )
        slots = {
            "c": city,
            "o": self.localized(met_orgs[0]),
            "p": self.localized(place),
            "t": self.topic_phrase[visit.topic.pk],
        }
        engagement = Engagement(
            visit=visit,
            leg=leg,
            date=day,
            kind=kind,
            place=place,
            start_time=dt.time(rng.randint(8, 19), rng.choice((0, 15, 30, 45)))
            if rng.random() < 0.85
            else None,
            **columns("title", data.ENGAGEMENT_TITLES[kind], **slots),
            **columns("description", rng.choice(data.ENGAGEMENT_DESCRIPTIONS), **slots),
        )
        engagement.met_people, engagement.met_organizations = met_people, met_orgs
        return engagement

    @staticmethod
    def localized(obj, field="name") -> tuple:
        return tuple(getattr(obj, f"{field}_{lang}") for lang in LANGS)

    def trip_photos(self, per_trip: int):
        """A gallery per trip: photos taken at its engagements."""
        rng, photos = self.rng, []
        for info in self.trip_info:
            visit = info["visit"]
            for order in range(per_trip):
                engagement = rng.choice(info["engagements"])
                photos.append(self.photo(visit=visit, engagement=engagement, order=order))
                if len(photos) >= 5000:
                    self.save_photos(photos)
                    photos = []
        self.save_photos(photos)
        for info in self.trip_info:
            info["photos"] = []
        for visit_id, photo_id in Photo.objects.filter(visit__isnull=False).values_list(
            "visit_id", "pk"
        ):
            self.trip_by_id[visit_id]["photos"].append(photo_id)

    @property
    def trip_by_id(self):
        if not hasattr(self, "_trip_by_id"):
            self._trip_by_id = {info["visit"].pk: info for info in self.trip_info}
        return self._trip_by_id

    def photo(self, *, visit=None, engagement=None, order=0, taken=None, district=None):
        rng = self.rng
        name = rng.choice(image_names())
        if engagement is not None:
            taken = at(engagement.date, rng.randint(9, 19), rng.randint(0, 59))
            place = engagement.place
            city = data.CITIES[engagement.leg.city_index][:4]
        else:
            place, city = None, data.CITIES[0][:4]
        slots = {
            "c": city,
            "p": self.localized(place) if place else city,
            "o": self.localized(rng.choice(self.organizations)),
            "d": district or rng.choice(data.DISTRICTS),
        }
        caption = data.CAPTIONS[0 if place else 2] if rng.random() < 0.7 else data.CAPTIONS[1]
        return Photo(
            image=name,
            width=IMAGE_SIZE[0],
            height=IMAGE_SIZE[1],
            file_size=self.images[name],
            credit=rng.choice(data.CREDITS),
            taken_at=taken,
            place=place,
            visit=visit,
            engagement=engagement,
            order=order,
            uploaded_at=taken + dt.timedelta(hours=6),
            **columns("caption", caption, **slots),
            **columns("alt_text", rng.choice(data.ALT_TEXTS)),
        )

    def save_photos(self, photos):
        if photos:
            Photo.objects.bulk_create(photos, batch_size=1000)
            self.count("photos", len(photos))

    # Releases ----------------------------------------------------------------------------

    def releases(self, entry_base: int):
        """Releases oldest first (so their index entries are in rebuild order), in batches
        with their topics, engagements and galleries."""
        rng, n, now = self.rng, self.n, self.now
        future = max(1, n // 100)  # scheduled for the next weeks
        past_span = (now - START).total_seconds()
        trip_photos = sum(len(info["photos"]) for info in self.trip_info)
        # New photos for releases not about a trip, to reach the photo quota.
        rate = max(0.0, (self.n_photos - trip_photos) / (0.75 * n))
        credit = 0.0
        slugs = Slugs()
        made = 0
        while made < n:
            size = min(RELEASE_BATCH, n - made)
            batch, extras = [], []
            for j in range(made, made + size):
                if j < n - future:
                    when = START + dt.timedelta(
                        seconds=past_span * (j + rng.random()) / (n - future)
                    )
                else:
                    when = now + dt.timedelta(days=60 * (j - n + future + rng.random()) / future)
                release, extra = self.release(j, when, slugs)
                if release.visit is None:
                    credit += rate
                    while credit >= 1:
                        credit -= 1
                        extra["new_photos"] += 1
                batch.append(release)
                extras.append(extra)
            with transaction.atomic():
                PressRelease.objects.bulk_create(batch)
                self.release_links(batch, extras)
            self.indexer.submit("release", batch, entry_base + SLOTS["release"] * made)
            made += size
            log(f"   releases {made}/{n}")
        self.count("releases", made)

    def release(self, i: int, when: dt.datetime, slugs: Slugs):
        rng, now = self.rng, self.now
        trip = None
        if rng.random() < 0.25:
            trip = self.nearest_trip(when.date())
        topics = rng.sample(self.topics, rng.randint(1, 2))
        if trip is not None:
            topics = [trip["visit"].topic, *[t for t in topics if t != trip["visit"].topic]][:2]
        phrase = self.topic_phrase[topics[0].pk]
        slots = {
            "d": rng.choice(data.DISTRICTS),
            "t": phrase,
            "n": rng.randint(20, 9000),
            "k": rng.randint(3, 40),
            "m": rng.randint(1, 12),
            "y": when.year + rng.randint(0, 3),
            "y2": when.year + rng.randint(4, 6),
        }
        engagements = []
        if trip is not None:
            engagements = rng.sample(trip["engagements"], min(2, len(trip["engagements"])))
            engagement = engagements[0]
            slots |= {
                "c": data.CITIES[engagement.leg.city_index][:4],
                "o": self.localized(engagement.met_organizations[0]),
                "p": self.localized(engagement.place),
            }
            title = rng.choice(data.TRIP_RELEASE_TITLES)
        else:
            title = rng.choice(data.RELEASE_TITLES)
        contact = rng.choice(self.contacts)
        fields = columns("title", title, **slots)
        fields |= columns("subtitle", rng.choice(data.SUBTITLES), **slots)
        lead = [rng.choice(data.TRIP_SENTENCES if trip else data.GENERIC)]
        lead += [rng.choice(data.GENERIC)] if rng.random() < 0.5 else []
        fields |= self.prose("lead", lead, slots)
        fields |= self.body(trip is not None, slots, self.departments[contact.pk])
        number = f"SMG-{when.year}-{i + 1:06d}"

        # Status: mostly published; a few drafts, reviews and withdrawals; the tail of the
        # timeline is scheduled for the weeks ahead.
        status, published_at, withdrawn_at = Status.PUBLISHED, when, None
        draw = rng.random()
        if when > now:
            status = Status.SCHEDULED
        elif draw < 0.015:
            status, published_at = Status.DRAFT, (when if rng.random() < 0.5 else None)
            number = None if rng.random() < 0.5 else number
        elif draw < 0.025:
            status = Status.IN_REVIEW
        elif draw < 0.035:
            status = Status.WITHDRAWN
            withdrawn_at = min(now, when + dt.timedelta(days=rng.uniform(0.1, 20)))
            fields |= columns("withdrawal_reason", rng.choice(data.WITHDRAWAL_REASONS))
        original = rng.choice(("ko", "ko", "ko", "ko", "en", "zh-hans", "ja"))
        ready = dict.fromkeys(LANGUAGE_CODES, True)
        own_time = {}
        draw = rng.random()
        if draw < 0.05:  # a translation not ready: not started, or written but not checked
            code = rng.choice([c for c in LANGUAGE_CODES if c != original])
            ready[code] = False
            if rng.random() < 0.5:
                suffix = code.replace("-", "_")
                for field in ("title", "subtitle", "lead", "body"):
                    fields[f"{field}_{suffix}"] = ""
                fields["title"] = (
                    fields["title_en"] or fields[f"title_{original.replace('-', '_')}"]
                )
        elif draw < 0.06 and status == Status.PUBLISHED:  # one language under its own embargo
            code = rng.choice([c for c in LANGUAGE_CODES if c != original])
            own_time[code] = now + dt.timedelta(days=rng.uniform(0.5, 30))
        changed = (published_at or when) + dt.timedelta(minutes=rng.randint(0, 600))
        release = PressRelease(
            slug=slugs(f"{fields['title_en'] or fields['title_ko']}", 80),
            uuid=uuid4(rng),
            preview_key=uuid4(rng),
            number=number,
            original_language=original,
            visit=trip["visit"] if trip else None,
            contact=contact,
            status=status,
            published_at=published_at,
            withdrawn_at=withdrawn_at,
            # Every withdrawn release here had been published (published_at <= withdrawn_at).
            was_public=status == Status.WITHDRAWN,
            created_at=when - dt.timedelta(days=rng.uniform(0.2, 5)),
            updated_at=max(changed, withdrawn_at or changed),
            **{f"ready_{c.replace('-', '_')}": v for c, v in ready.items()},
            **{f"public_from_{c.replace('-', '_')}": v for c, v in own_time.items()},
            **fields,
        )
        extra = {"topics": topics, "engagements": engagements, "trip": trip, "new_photos": 0}
        return release, extra

    def nearest_trip(self, day: dt.date):
        i = bisect_left(self.trip_starts, day)
        candidates = [self.trip_info[k] for k in (i - 1, i) if 0 <= k < len(self.trip_info)]
        return min(candidates, key=lambda info: abs((info["start"] - day).days))

    def prose(self, field: str, sentences, slots) -> dict:
        return {
            f"{field}_{lang}": data.JOIN[i].join(say(s, i, **slots) for s in sentences)
            for i, lang in enumerate(LANGS)
        } | {field: data.JOIN[0].join(say(s, 0, **slots) for s in sentences)}

    def body(self, about_trip: bool, slots, department) -> dict:
        """Several paragraphs of the HTML the rich-text field keeps: headings, a list,
        emphasis and a link."""
        rng = self.rng
        blocks = []  # (tag, [sentences])
        paragraphs = rng.randint(3, 6)
        for p in range(paragraphs):
            if p == 1 and rng.random() < 0.5:
                blocks.append(("h2", [rng.choice(data.HEADINGS)]))
            pool = data.TRIP_SENTENCES if about_trip and p < 2 else data.GENERIC
            sentences = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
            if rng.random() < 0.3:
                sentences.append(rng.choice(data.MAYOR_QUOTES))
            blocks.append(("p", sentences))
            if p == 1 and rng.random() < 0.4:
                blocks.append(("ul", data.BULLETS))
        fields = {}
        for i, lang in enumerate(LANGS):
            html = []
            for tag, sentences in blocks:
                texts = [say(s, i, **slots) for s in sentences]
                if tag == "ul":
                    html.append("<ul>" + "".join(f"<li>{t}</li>" for t in texts) + "</ul>")
                elif tag == "h2":
                    html.append(f"<h2>{texts[0]}</h2>")
                else:
                    first, *rest = texts
                    html.append(
                        f"<p><strong>{first}</strong>{data.JOIN[i]}{data.JOIN[i].join(rest)}</p>"
                    )
            html.append(f"<p>{say(data.CONTACT_LINE, i, dept=department)}</p>")
            fields[f"body_{lang}"] = "\n".join(html)
        fields["body"] = fields["body_en"]
        return fields

    def release_links(self, batch, extras):
        topic_links, engagement_links, gallery, new_photos = [], [], [], []
        for release, extra in zip(batch, extras, strict=True):
            for topic in extra["topics"]:
                topic_links.append(
                    PressRelease.topics.through(pressrelease_id=release.pk, topic_id=topic.pk)
                )
            for engagement in extra["engagements"]:
                engagement_links.append(
                    PressRelease.engagements.through(
                        pressrelease_id=release.pk, engagement_id=engagement.pk
                    )
                )
            trip = extra["trip"]
            if trip is not None:
                trip["releases"] = (trip["releases"] + [release.pk])[-30:]
                if trip["photos"] and self.rng.random() < 0.8:
                    chosen = self.rng.sample(
                        trip["photos"], min(len(trip["photos"]), self.rng.randint(1, 3))
                    )
                    for order, photo_id in enumerate(chosen):
                        gallery.append(
                            ReleasePhoto(
                                release=release, photo_id=photo_id, order=order, is_lead=order == 0
                            )
                        )
            for k in range(extra["new_photos"]):
                taken = (release.published_at or release.created_at) - dt.timedelta(hours=3)
                photo = self.photo(taken=taken)
                new_photos.append((release, k, photo))
        if new_photos:
            self.save_photos([photo for _, _, photo in new_photos])
            for release, k, photo in new_photos:
                gallery.append(ReleasePhoto(release=release, photo=photo, order=k, is_lead=k == 0))
        PressRelease.topics.through.objects.bulk_create(topic_links, batch_size=5000)
        PressRelease.engagements.through.objects.bulk_create(engagement_links, batch_size=5000)
        ReleasePhoto.objects.bulk_create(gallery, batch_size=2000)
        self.count("release topics", len(topic_links))
        self.count("release engagements", len(engagement_links))
        self.count("gallery rows", len(gallery))
        # The release ids coverage may cite, by time (ids grow with publication time).
        self.release_ids = getattr(self, "release_ids", [])
        self.release_ids.append((batch[0].pk, batch[-1].pk))

    # Coverage ----------------------------------------------------------------------------

    def coverage(self, entry_base: int):
        rng, now = self.rng, self.now
        n = self.n_coverage
        span = (now.date() - START.date()).days
        outlets_by_language: dict[str, list] = {}
        for outlet in self.outlets:
            outlets_by_language.setdefault(outlet.language, []).append(outlet)
        first_release = self.release_ids[0][0]
        last_release = self.release_ids[-1][1]
        made = 0
        while made < n:
            size = min(COVERAGE_BATCH, n - made)
            batch, links = [], []
            for j in range(made, made + size):
                day = START.date() + dt.timedelta(days=int(span * (j + rng.random()) / n))
                item, link = self.coverage_item(j, day, outlets_by_language)
                if not link["releases"] and rng.random() < 0.5:
                    # A general article citing a release of about that time.
                    guess = first_release + int((last_release - first_release) * j / n)
                    link["releases"] = [guess]
                batch.append(item)
                links.append(link)
            with transaction.atomic():
                Coverage.objects.bulk_create(batch)
                release_links, engagement_links = [], []
                for item, link in zip(batch, links, strict=True):
                    for release_id in link["releases"]:
                        release_links.append(
                            Coverage.releases.through(
                                coverage_id=item.pk, pressrelease_id=release_id
                            )
                        )
                    for engagement in link["engagements"]:
                        engagement_links.append(
                            Coverage.engagements.through(
                                coverage_id=item.pk, engagement_id=engagement.pk
                            )
                        )
                Coverage.releases.through.objects.bulk_create(release_links, batch_size=5000)
                Coverage.engagements.through.objects.bulk_create(engagement_links, batch_size=5000)
            self.count("coverage releases", len(release_links))
            self.count("coverage engagements", len(engagement_links))
            self.indexer.submit("coverage", batch, entry_base + SLOTS["coverage"] * made)
            made += size
            if made % (10 * COVERAGE_BATCH) == 0 or made == n:
                log(f"   coverage {made}/{n}")
        self.count("coverage", made)

    def coverage_item(self, j: int, day: dt.date, outlets_by_language):
        rng, now = self.rng, self.now
        outlet = rng.choice(self.outlets)
        language = outlet.language if rng.random() < 0.9 else rng.choice(list(data.HEADLINES))
        trip = self.nearest_trip(day) if rng.random() < 0.7 else None
        if trip is not None and trip["start"] > day + dt.timedelta(days=3):
            trip = None  # no article about a trip weeks before it
        code = {"zh-hans": 2, "ja": 3, "ko": 1}.get(language, 0)
        if trip is not None:
            engagement = rng.choice(trip["engagements"])
            city = data.CITIES[engagement.leg.city_index]
            org = engagement.met_organizations[0]
            topic = self.topic_phrase[trip["visit"].topic.pk]
        else:
            engagement = None
            city = rng.choice(data.CITIES)
            org = rng.choice(self.organizations)
            topic = rng.choice(list(data.TOPIC_PHRASES.values()))
        values = {
            "c": city[code],
            "o": getattr(org, f"name_{LANGS[code]}"),
            "t": topic[code],
            "n": rng.choice(data.REPORTERS),
        }
        headline = rng.choice(data.HEADLINES[language]).format(**values)
        summary = " ".join(
            s.format(**values)
            for s in rng.sample(data.SUMMARIES[language], min(2, len(data.SUMMARIES[language])))
        )
        byline = rng.choice(data.BYLINES[language]).format(**values) if rng.random() < 0.8 else ""
        translated = {}
        if language != "en" and rng.random() < 0.3:
            english = {"c": city[0], "o": org.name_en, "t": topic[0], "n": values["n"]}
            translated["translated_headline_en"] = rng.choice(data.HEADLINES["en"]).format(
                **english
            )
            if rng.random() < 0.5:
                translated["translated_summary_en"] = data.SUMMARIES["en"][0].format(**english)
        if language != "ko" and rng.random() < 0.15:
            korean = {"c": city[1], "o": org.name_ko, "t": topic[1], "n": values["n"]}
            translated["translated_headline_ko"] = rng.choice(data.HEADLINES["ko"]).format(**korean)
        when = at(day, rng.randint(6, 22), rng.randint(0, 59))
        status, published_at = Status.PUBLISHED, when + dt.timedelta(hours=rng.uniform(1, 48))
        draw = rng.random()
        if draw < 0.01:
            status, published_at = Status.DRAFT, None
        elif draw < 0.015:
            status = Status.IN_REVIEW
        elif draw < 0.018:
            status = Status.WITHDRAWN
        if published_at and published_at > now and status == Status.PUBLISHED:
            status = Status.SCHEDULED
        slug = ascii_slug(headline, 60) or "article"
        host = outlet.website.removeprefix("https://")
        item = Coverage(
            outlet=outlet,
            uuid=uuid4(rng),
            headline=headline,
            language=language,
            url=f"https://{host}/{day:%Y/%m/%d}/{slug}-{j + 1}",
            byline=byline,
            summary=summary,
            published_on=day,
            published_time=when.time() if rng.random() < 0.7 else None,
            visit=trip["visit"] if trip else None,
            status=status,
            published_at=published_at,
            created_at=published_at or when,
            updated_at=published_at or when,
            **translated,
        )
        link = {"releases": [], "engagements": []}
        if trip is not None:
            earlier = trip["releases"]
            if earlier and rng.random() < 0.6:
                link["releases"] = [rng.choice(earlier)]
            if rng.random() < 0.4:
                link["engagements"] = [engagement]
        return item, link


# Checks ---------------------------------------------------------------------------------


def validate_samples(per_model: int = 40) -> list[str]:
    """Rows pass their model's full_clean() (constraints and clean() rules): a sample of
    every model, drafts, withdrawn and scheduled ones included."""
    from django.core.exceptions import ValidationError

    failures = []
    for model in (
        City,
        Organization,
        Person,
        Place,
        Visit,
        Leg,
        Engagement,
        Topic,
        Outlet,
        PressContact,
        Photo,
        PressRelease,
        ReleasePhoto,
        Coverage,
    ):
        rows = list(model._default_manager.order_by("?")[:per_model])
        if model in (PressRelease, Coverage, Visit):
            for status in Status.values:
                rows += list(model._default_manager.filter(status=status).order_by("?")[:5])
        for row in rows:
            try:
                row.full_clean()
            except ValidationError as error:
                failures.append(f"{model.__name__} {row.pk}: {error}")
    log(f"   full_clean() on samples: {len(failures)} failures")
    for failure in failures[:10]:
        log(f"     {failure}")
    return failures


def check_pages(generated: Generator):
    """Search finds a generated title; the main pages answer 200 with the generated DB."""
    from django.test import Client
    from django.urls import reverse

    from visits.search import Search

    failures = validate_samples()
    release = (
        PressRelease.objects.published()
        .filter(ready_en=True, public_from_en__isnull=True)
        .order_by("-published_at")
        .first()
    )
    day = timezone.localdate(release.published_at)
    for text in (release.title_en, release.title_ko, release.number):
        # Titles made from templates repeat over the years: look on the release's day.
        search = Search(text, kinds=["release"], since=day, until=day)
        search.prefetch(0, 20)
        found = [hit.object_id for hit in search[0:20] if hit.kind == "release"]
        ok = release.pk in found
        log(f"   search {text!r}: {len(search)} results, release {'found' if ok else 'MISSING'}")
        if not ok:
            failures.append(f"search {text!r}")
    coverage = Coverage.objects.published().order_by("-published_on").first()
    search = Search(coverage.headline, since=coverage.published_on, until=coverage.published_on)
    search.prefetch(0, 20)
    if coverage.pk not in [hit.object_id for hit in search[0:20] if hit.kind == "coverage"]:
        failures.append(f"search coverage {coverage.headline!r}")
    log(f"   search coverage headline: {len(search)} results")

    visit = Visit.objects.published().filter(releases__isnull=False).order_by("-start_date").first()
    topic = Topic.objects.published().first()
    photo = Photo.objects.published().first()
    client = Client(SERVER_NAME="localhost")
    urls = [
        "/en/",
        "/ko/",
        reverse("press:release_list"),
        reverse("press:release_list") + "?page=50",
        release.get_absolute_url(),
        visit.get_absolute_url(),
        reverse("press:coverage_list"),
        coverage.get_absolute_url(),
        photo.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("visits:search") + f"?q={release.title_en.split()[0]}",
        "/sitemap.xml",
    ]
    urls += [
        reverse("press:release_feed_rss"),
        "/ko" + reverse("press:release_feed_atom").removeprefix("/en"),
        reverse("press:trip_release_feed_atom", kwargs={"slug": visit.slug}),
        reverse("press:trip_coverage_feed_rss", kwargs={"slug": visit.slug}),
        reverse("press:topic_feed_rss", kwargs={"slug": topic.slug}),
    ]
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - start) * 1000
        log(f"   {response.status_code} {url} ({elapsed:.0f} ms)")
        if response.status_code != 200:
            failures.append(url)
    sitemap = client.get("/sitemap.xml").content.decode()
    section = sitemap.split("<loc>")[1].split("</loc>")[0].replace("http://localhost", "")
    response = client.get(section)
    log(f"   {response.status_code} {section}")
    if response.status_code != 200:
        failures.append(section)
    return failures


# Main -----------------------------------------------------------------------------------


def main(args):
    phases = Phases()
    rng = random.Random(args.seed)
    size = SIZES[args.size]
    now = timezone.now()
    # The worker forks now, before any database connection is open.
    pool = multiprocessing.get_context("fork").Pool(1)
    wall = time.perf_counter()
    with phases("migrate"):
        prepare_database(args.force)
        tune_sqlite()
    indexer = Indexer(pool)
    generator = Generator(size, rng, now, indexer)
    with phases("media"):
        generator.images = write_images(rng)
        renditions = pool.map_async(renditions_for, list(generator.images))
    full_text("uninstall")
    with explicit_timestamps():
        with phases("references"), transaction.atomic():
            generator.references()
        with phases("trips"), transaction.atomic():
            generator.trips()
            per_trip = max(1, min(12, int(0.3 * generator.n_photos / generator.n_trips)))
            generator.trip_photos(per_trip)
        with phases("renditions (worker; none when the media root has them)"):
            made_renditions = sum(renditions.get())
        small = (
            4
            * sum(len(x) for x in (generator.trip_info, generator.people, generator.organizations))
            + 4 * generator.n_places
            + 1
        )
        coverage_base = small + 1
        release_base = coverage_base + SLOTS["coverage"] * generator.n_coverage
        with phases("releases (+ index)"):
            generator.releases(release_base)
            indexer.drain()
        with phases("coverage (+ index)"):
            generator.coverage(coverage_base)
            indexer.drain()
    pool.close()
    pool.join()
    with phases("index trips, people, places, organisations"):
        small_entries = index_small_kinds(1, coverage_base)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), [SearchEntry]):
                    cursor.execute(sql)
        ContentVersion.objects.update_or_create(pk=1, defaults={"number": 1, "changed_at": now})
    with phases("full-text index (FTS5 rebuild / tsvector and GIN)"):
        full_text("install")
    with phases("analyze"), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO visits_searchentry_fts(visits_searchentry_fts) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA optimize")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            cursor.execute("VACUUM ANALYZE")
    total = time.perf_counter() - wall
    failures = None
    if args.check:
        with phases("check"):
            failures = check_pages(generator)

    own, child = peak_rss_mb()
    print(f"\n## generate.py --size {args.size} on {connection.vendor} ({args.database_url})")
    print(
        f"\nGenerated and indexed in {total:.0f} s; peak RSS {own:.0f} MB (worker {child:.0f} MB)"
    )
    print("\n| phase | seconds |\n|---|---:|")
    for name, seconds in phases.times:
        print(f"| {name} | {seconds:.1f} |")
    print("\n| rows | count |\n|---|---:|")
    counts = generator.counts | {
        "search entries (releases, coverage)": indexer.written,
        "search entries (others)": small_entries,
        "rendition files made": made_renditions,
    }
    for name, count in counts.items():
        print(f"| {name} | {count:,} |")
    print(f"\nMedia: {args.media_root} ({len(generator.images)} JPEGs and their renditions)")
    print(f"Database size: {database_size() / 1e6:,.0f} MB")
    if failures is not None:
        print("\nChecks: " + ("all passed" if not failures else f"FAILED: {failures}"))
        if failures:
            sys.exit(1)


def database_size() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return Path(connection.settings_dict["NAME"]).stat().st_size
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main(ARGS)
