"""Write the demo content to the database, as often as you like.

Every object is found again by a natural key (a slug, a release number, a coverage URL, a
trip and a position) and written only when one of its values differs from the data, after
``full_clean()``. A photo's image is drawn only when the photo has no file on the storage. So
a second run saves nothing, writes no file and reports that there was nothing to do. The
whole load is one transaction.
"""

import datetime as dt
import io
import zoneinfo
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone, translation
from modeltranslation.utils import build_localized_fieldname

from press import document_checks, video_links
from press.models import (
    ChangeNote,
    Coverage,
    Document,
    Outlet,
    Photo,
    PressContact,
    PressRelease,
    ReleasePhoto,
    RichTextField,
    Topic,
    Video,
    ready_field,
)
from press.sanitize import sanitize_html
from visits.models import City, Engagement, Leg, Organization, Person, Place, Visit
from visits.text import LANGUAGE_CODES
from visits.timezone import in_newsroom, newsroom_zone

from . import common, documents, images, releases_2019, releases_2024, trip_2019, trip_2024

#: Each trip's data module, with its releases and coverage.
TRIPS = (
    (trip_2024, releases_2024.RELEASES, trip_2024.COVERAGE),
    (trip_2019, releases_2019.RELEASES, ()),
)

#: How the summary names each model, in the order it lists them.
NOUNS = (
    (Visit, "trip", "trips"),
    (Leg, "leg", "legs"),
    (Engagement, "engagement", "engagements"),
    (City, "city", "cities"),
    (Place, "place", "places"),
    (Person, "person", "people"),
    (Organization, "organisation", "organisations"),
    (Topic, "topic", "topics"),
    (PressContact, "press contact", "press contacts"),
    (PressRelease, "press release", "press releases"),
    (Outlet, "outlet", "outlets"),
    (Coverage, "coverage item", "coverage items"),
    (Photo, "photo", "photos"),
    (ReleasePhoto, "gallery entry", "gallery entries"),
    (Video, "video", "videos"),
    (ChangeNote, "change note", "change notes"),
    (Document, "document", "documents"),
)


def translated(field_name: str, texts: dict[str, str]) -> dict[str, str]:
    """``{"en": …, "ko": …}`` as values for every language's column; a missing one is ''."""
    unknown = set(texts) - set(LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"Unknown language {sorted(unknown)} in the demo text of {field_name}.")
    return {
        build_localized_fieldname(field_name, code): texts.get(code, "").strip()
        for code in LANGUAGE_CODES
    }


def newsroom_time(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=newsroom_zone())


@dataclass
class Report:
    """What a run did, per model."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    images: int = 0
    release_statuses: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def count(self, model) -> int:
        return self.created[model] + self.updated[model] + self.unchanged[model]

    def summary(self) -> str:
        parts = []
        for model, singular, plural in NOUNS:
            n = self.count(model)
            text = f"{n} {singular if n == 1 else plural}"
            if model is PressRelease:
                statuses = ", ".join(f"{k} {s}" for s, k in sorted(self.release_statuses.items()))
                text += f" ({statuses})"
            parts.append(text)
        return ", ".join(parts)


class DemoLoader:
    def __init__(self, *, now: dt.datetime | None = None, log: Callable[[str], None] | None = None):
        self.now = now or timezone.now()
        self.log = log or (lambda message: None)
        self.report = Report()

    # The generic step: find by key, compare, clean, save.

    def upsert(
        self,
        model: type[models.Model],
        key: dict,
        values: dict,
        *,
        m2m: dict[str, Iterable[models.Model]] | None = None,
        before_save: Callable[[models.Model], bool] | None = None,
    ):
        obj = model._default_manager.filter(**key).first()
        created = obj is None
        if created:
            obj = model(**key)
        changed = [name for name, value in values.items() if self._assign(obj, name, value)]
        if before_save is not None and before_save(obj):
            changed.append("image")
        if created or changed:
            obj.full_clean()
            obj.save()
        for name, related in (m2m or {}).items():
            related = list(related)
            manager = getattr(obj, name)
            if set(manager.values_list("pk", flat=True)) != {o.pk for o in related}:
                manager.set(related)
                changed.append(name)
        label = f"{model._meta.label} {' '.join(str(v) for v in key.values())}"
        if created:
            self.report.created[model] += 1
            self.log(f"  Created {label}")
        elif changed:
            self.report.updated[model] += 1
            self.log(f"  Updated {label}: {', '.join(changed)}")
        else:
            self.report.unchanged[model] += 1
        return obj

    @staticmethod
    def _assign(obj: models.Model, name: str, value) -> bool:
        """Set ``name`` to ``value`` as the database would store it; True if it differed."""
        model_field = obj._meta.get_field(name)
        if model_field.is_relation:
            value = None if value is None else value.pk
        elif isinstance(model_field, RichTextField):
            value = sanitize_html(model_field.sanitize(value))  # what clean() and save() make
        elif value is not None:
            value = model_field.to_python(value)
        if getattr(obj, model_field.attname) == value:
            return False
        setattr(obj, model_field.attname, value)
        return True

    # The content, in dependency order.

    def load(self) -> Report:
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            self.load_common()
            for module, releases, coverage in TRIPS:
                self.load_trip(module, releases, coverage)
        return self.report

    def load_common(self):
        self.cities = {
            c["slug"]: self.upsert(
                City,
                {"slug": c["slug"]},
                {
                    **translated("name", c["name"]),
                    "country": c["country"],
                    "time_zone": c["time_zone"],
                },
            )
            for c in common.CITIES
        }
        self.organizations = {
            o["slug"]: self.upsert(
                Organization,
                {"slug": o["slug"]},
                {
                    **translated("name", o["name"]),
                    "kind": o["kind"],
                    "country": o["country"],
                    "website": o["website"],
                },
            )
            for o in common.ORGANIZATIONS
        }
        self.people = {
            p["slug"]: self.upsert(
                Person,
                {"slug": p["slug"]},
                {
                    **translated("name", p["name"]),
                    **translated("role", p["role"]),
                    "organization": self.organizations[p["organization"]],
                },
            )
            for p in common.PEOPLE
        }
        self.topics = {
            t["slug"]: self.upsert(
                Topic,
                {"slug": t["slug"]},
                {**translated("name", t["name"]), **translated("description", t["description"])},
            )
            for t in common.TOPICS
        }
        self.outlets = {
            o["slug"]: self.upsert(
                Outlet,
                {"slug": o["slug"]},
                {
                    **translated("name", o["name"]),
                    "kind": o["kind"],
                    "country": o["country"],
                    "language": o["language"],
                    "website": o["website"],
                    "aliases": "\n".join(o.get("aliases", ())),
                    "domains": "\n".join(o.get("domains", ())),
                },
            )
            for o in common.OUTLETS
        }
        self.contacts = {
            c["email"]: self.upsert(
                PressContact,
                {"email": c["email"]},
                {
                    **translated("name", c["name"]),
                    **translated("department", c["department"]),
                    "phone": c["phone"],
                },
            )
            for c in common.PRESS_CONTACTS
        }
        self.places: dict[str, Place] = {}
        self.releases: dict[str, PressRelease] = {}

    def load_trip(self, module, releases, coverage):
        for spec in module.PLACES:  # parents come first in the data
            self.places[spec["slug"]] = self.upsert(
                Place,
                {"slug": spec["slug"]},
                {
                    **translated("name", spec["name"]),
                    **translated("description", spec.get("description", {})),
                    "city": self.cities[spec["city"]],
                    "parent": self.places[spec["parent"]] if spec.get("parent") else None,
                    "latitude": spec.get("latitude"),
                    "longitude": spec.get("longitude"),
                },
            )
        visit, engagements = self.load_visit(module.VISIT)
        photos = {spec["key"]: self.load_photo(spec, visit, engagements) for spec in module.PHOTOS}
        for spec in releases:
            self.load_release(spec, visit, engagements, photos)
        for spec in coverage:
            self.load_coverage(spec, visit, engagements)
        for spec in documents.DOCUMENTS:
            if spec["trip"] == visit.slug:
                self.load_document(spec, visit)

    def load_visit(self, spec):
        visit = self.upsert(
            Visit,
            {"slug": spec["slug"]},
            {
                **translated("title", spec["title"]),
                **translated("summary", spec["summary"]),
                **translated("purpose", spec["purpose"]),
                "official": self.people[spec["official"]],
                "start_date": spec["start_date"],
                "end_date": spec["end_date"],
                "status": spec["status"],
                "published_at": newsroom_time(spec["published_at"]),
            },
        )
        legs = [
            (
                self.upsert(
                    Leg,
                    {"visit": visit, "order": order},
                    {
                        "city": self.cities[leg["city"]],
                        "start_date": leg["start_date"],
                        "end_date": leg["end_date"],
                    },
                ),
                self.cities[leg["city"]],
            )
            for order, leg in enumerate(spec["legs"], start=1)
        ]
        #: key -> (engagement, the time zone of its city)
        engagements: dict[str, tuple[Engagement, str]] = {}
        for e in spec["engagements"]:
            leg, city = next(
                (leg, city) for leg, city in legs if leg.start_date <= e["date"] <= leg.end_date
            )
            engagement = self.upsert(
                Engagement,
                {"visit": visit, "date": e["date"], "title_en": e["title"]["en"]},
                {
                    "leg": leg,
                    "start_time": e.get("time"),
                    "kind": e["kind"],
                    # The demo's key is a readable slug, unique within the trip.
                    "slug": e["key"],
                    "place": self.places[e["place"]] if e.get("place") else None,
                    **translated("title", e["title"]),
                    **translated("description", e.get("description", {})),
                },
                m2m={
                    "people": [self.people[slug] for slug in e.get("people", ())],
                    "organizations": [self.organizations[s] for s in e.get("organizations", ())],
                },
            )
            engagements[e["key"]] = (engagement, city.time_zone)
        return visit, engagements

    def load_photo(self, spec, visit, engagements):
        engagement, time_zone = engagements[spec["engagement"]]

        def ensure_image(photo: Photo) -> bool:
            if photo.image and photo.image.storage.exists(photo.image.name):
                return False
            photo.full_clean(exclude=["image"])  # check the rest before writing a file
            title, subtitle = spec["label"]
            data = images.render(
                key=spec["key"], title=title, subtitle=subtitle, palette=spec["palette"]
            )
            file_name = f"demo-{spec['key']}.jpg"
            name = photo.image.field.generate_filename(photo, file_name)
            storage = photo.image.storage
            if storage.exists(name) and _read(storage, name) == data:
                # Drawn by a load into another (or a reset) database: use it, write nothing.
                photo.image = name
                photo.image.field.update_dimension_fields(photo, force=True)
            else:
                photo.image.save(file_name, ContentFile(data), save=False)
                self.report.images += 1
            return True

        return self.upsert(
            Photo,
            {"visit": visit, "order": spec["order"]},
            {
                **translated("caption", spec["caption"]),
                **translated("alt_text", spec["alt_text"]),
                "credit": spec.get("credit", common.PHOTO_CREDIT),
                "taken_at": spec["taken_at"].replace(tzinfo=zoneinfo.ZoneInfo(time_zone)),
                "place": self.places[spec["place"]] if spec.get("place") else None,
                "engagement": engagement,
            },
            before_save=ensure_image,
        )

    def load_document(self, spec, visit):
        """A document of a release, its file made only when it has none on the storage."""

        def ensure_file(document: Document) -> bool:
            if document.file and document.file.storage.exists(document.file.name):
                return False
            data = spec["make"]()
            checked = document_checks.check(io.BytesIO(data), spec["file_name"])
            document.kind, document.media_type = checked.kind, checked.media_type
            document.file_size, document.page_count = checked.size, checked.pages
            document.file.save(spec["file_name"], ContentFile(data), save=False)
            return True

        return self.upsert(
            Document,
            {"visit": visit, "order": spec["order"]},
            {
                **translated("title", spec["title"]),
                **translated("description", spec["description"]),
                "language": spec["language"],
            },
            m2m={"releases": [self.releases[spec["release"]]]},
            before_save=ensure_file,
        )

    def publication_time(self, spec) -> dt.datetime | None:
        """The data's time in Seoul, or for a scheduled release a time well in the future.

        A scheduled release keeps the time it was given while that is more than a week
        away, so that running the loader again changes nothing.
        """
        if "publish_in_days" not in spec:
            return newsroom_time(spec["published_at"]) if spec["published_at"] else None
        current = (
            PressRelease.objects.filter(number=spec["number"])
            .values_list("published_at", flat=True)
            .first()
        )
        if current and current > self.now + dt.timedelta(days=7):
            return current
        soon = self.now + dt.timedelta(days=spec["publish_in_days"])
        return in_newsroom(soon.astimezone(newsroom_zone()).date(), dt.time(10, 0))

    def load_release(self, spec, visit, engagements, photos):
        # Saved in its original language: RichTextField.pre_save writes the sanitised body
        # back through modeltranslation's descriptor, which would copy the fallback text
        # into the active language's empty column (a Korean-only release would gain a
        # "body_en" in Korean). In the original language that write is harmless.
        with translation.override(spec["original_language"]):
            release = self._upsert_release(spec, visit, engagements)
        self.releases[spec["number"]] = release
        self.report.release_statuses[spec["status"]] += 1
        self.load_gallery(release, [photos[key] for key in spec["photos"]])
        self.load_change_notes(release, spec.get("change_notes", ()))
        self.load_videos(release, visit, engagements, spec)

    def _upsert_release(self, spec, visit, engagements) -> PressRelease:
        # A release the demo once numbered otherwise keeps its row (its id and slug, which
        # links use) and takes the new number.
        numbers = [spec["number"], *spec.get("former_numbers", ())]
        found = PressRelease.objects.filter(number__in=numbers).values_list("number", flat=True)
        current = min(found, key=numbers.index, default=spec["number"])
        return self.upsert(
            PressRelease,
            {"number": current},
            {
                "number": spec["number"],
                "slug": spec["slug"],
                "original_language": spec["original_language"],
                "status": spec["status"],
                "published_at": self.publication_time(spec),
                "visit": visit,
                "contact": self.contacts[spec.get("contact", common.DEFAULT_CONTACT)],
                **translated("title", spec["title"]),
                **translated("subtitle", spec.get("subtitle", {})),
                **translated("lead", spec.get("lead", {})),
                **translated("body", spec.get("body", {})),
                **self.readiness(spec),
            },
            m2m={
                "topics": [self.topics[slug] for slug in spec["topics"]],
                "engagements": [engagements[key][0] for key in spec["engagements"]],
            },
        )

    @staticmethod
    def readiness(spec) -> dict[str, bool]:
        """Ready flags: the languages the data names as ready, or else every language
        with a title and a body (a release still being translated names its ready ones)."""
        complete = [code for code in spec["title"] if code in spec.get("body", {})]
        ready = spec.get("ready", complete)
        return {ready_field(code): code in ready for code in LANGUAGE_CODES}

    def load_gallery(self, release, photos: list[Photo]):
        """The release's gallery in order, the first photo as its lead."""
        stale = release.gallery.exclude(photo__in=photos)
        if stale.exists():
            self.report.deleted[ReleasePhoto] += stale.count()
            stale.delete()
        # The lead goes last, so that a former lead has lost its flag by then.
        numbered = list(enumerate(photos))
        for order, photo in numbered[1:] + numbered[:1]:
            self.upsert(
                ReleasePhoto,
                {"release": release, "photo": photo},
                {"order": order, "is_lead": order == 0},
            )

    def load_change_notes(self, release, notes):
        """The release's public change notes, each known by its time."""
        times = [newsroom_time(note["noted_at"]) for note in notes]
        stale = release.change_notes.exclude(noted_at__in=times)
        if stale.exists():
            self.report.deleted[ChangeNote] += stale.count()
            stale.delete()
        for note, noted_at in zip(notes, times, strict=True):
            self.upsert(
                ChangeNote,
                {"release": release, "noted_at": noted_at},
                translated("note", note["note"]),
            )

    def load_videos(self, release, visit, engagements, spec):
        """The release's video links, each known by its address (read to its canonical
        form, as the model stores it), on the release's trip and events."""
        for order, video in enumerate(spec.get("videos", ())):
            self.upsert(
                Video,
                {"url": video_links.parse(video["url"]).url},
                {
                    **translated("title", video["title"]),
                    "duration": video.get("duration"),
                    "visit": visit,
                    "order": order,
                },
                m2m={
                    "releases": [release],
                    "engagements": [engagements[key][0] for key in spec["engagements"]],
                },
            )

    def load_coverage(self, spec, visit, engagements):
        published_at = in_newsroom(spec["published_on"], spec["published_time"] or dt.time(0, 0))
        # An article the demo once gave another address keeps its row (and its id, which
        # links and search use) and takes the new address.
        addresses = [spec["url"], *spec.get("former_urls", ())]
        found = Coverage.objects.filter(url__in=addresses).values_list("url", flat=True)
        current = min(found, key=addresses.index, default=spec["url"])
        self.upsert(
            Coverage,
            {"url": current},
            {
                "url": spec["url"],
                "outlet": self.outlets[spec["outlet"]],
                "headline": spec["headline"],
                "language": spec["language"],
                "byline": spec["byline"],
                "summary": spec["summary"],
                "published_on": spec["published_on"],
                "published_time": spec["published_time"],
                "status": "published",
                "published_at": published_at,
                "visit": visit,
                **translated("translated_headline", spec.get("translated_headline", {})),
                **translated("translated_summary", spec.get("translated_summary", {})),
            },
            m2m={
                "engagements": [engagements[key][0] for key in spec["engagements"]],
                "releases": [self.releases[number] for number in spec["releases"]],
            },
        )


def _read(storage, name: str) -> bytes:
    with storage.open(name, "rb") as file:
        return file.read()


def load_demo(
    *, now: dt.datetime | None = None, log: Callable[[str], None] | None = None
) -> Report:
    """Create or bring up to date the demo content; return what was done."""
    return DemoLoader(now=now, log=log).load()
