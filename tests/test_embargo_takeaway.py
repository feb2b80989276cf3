"""Embargoes through what a journalist takes away (issue 21): the trip calendars and the
press kit, with the clock frozen around a trip and a release scheduled for 10:00 in Seoul.
One minute before, neither the trip, its engagements nor the release's photo shows
through any of them, in any language; at the minute, they do, with nothing saved in
between. A draft trip never shows."""

import io
import zipfile
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage

from tests.factories import (
    EngagementFactory,
    PhotoFactory,
    PressReleaseFactory,
    VisitFactory,
    png_file,
)
from tests.test_embargo import AT, BEFORE, frozen
from tests.test_pages import LANGUAGES, class_data, rev, seoul
from visits.publishing import Status

pytestmark = pytest.mark.django_db

SECRET = "Drone taxis"


def build_world():
    w = SimpleNamespace()
    with frozen(seoul(2024, 7, 25, 9, 0)):
        # A trip under way, made public at 10:00, with an engagement and a photo.
        w.trip = VisitFactory(
            legs=1, status=Status.SCHEDULED, published_at=AT, title_en=f"{SECRET} trip"
        )
        w.engagement = EngagementFactory(
            leg=w.trip.legs.get(), title_en=f"{SECRET} test flight", title_ko="드론 택시 시험 비행"
        )
        w.trip_photo = PhotoFactory(visit=w.trip, image=png_file(color=(1, 2, 3)))
        # A public trip with a public photo, and one held back for a release out at 10:00.
        w.public = VisitFactory(legs=1, title_en="Public trip")
        w.shown = PhotoFactory(visit=w.public, image=png_file(color=(4, 5, 6)))
        w.held = PhotoFactory(
            visit=w.public, held_back=True, image=png_file(color=(7, 8, 9)), caption_en=SECRET
        )
        PressReleaseFactory(
            visit=w.public, status=Status.SCHEDULED, published_at=AT, photos=[w.held]
        )
        # Shown only by a withdrawn release: never.
        w.withdrawn = PhotoFactory(
            visit=w.public, held_back=True, image=png_file(color=(10, 11, 12)), caption_en=SECRET
        )
        PressReleaseFactory(visit=w.public, withdrawn=True, photos=[w.withdrawn])
        # A draft trip: never.
        w.draft = VisitFactory(legs=1, draft=True, title_en="Draft trip")
        EngagementFactory(leg=w.draft.legs.get(), title_en="Draft engagement")
        PhotoFactory(visit=w.draft)
    return w


world = class_data("world", build_world)


def uid(obj) -> str:
    return f"{obj._meta.model_name}-{obj.pk}@testserver"


def status(client, url) -> int:
    code = client.get(url).status_code
    assert code in (200, 404), (url, code)
    return code


def zipped(client, trip, lang) -> set[bytes]:
    response = client.get(rev("press:trip_photos_zip", lang, slug=trip.slug))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return {archive.read(name) for name in archive.namelist()}


def stored(photo) -> bytes:
    with default_storage.open(photo.image.name, "rb") as file:
        return file.read()


def doors(client, w) -> dict[str, bool]:
    """Whether the scheduled trip, or the photo only the scheduled release makes public,
    shows through each new door."""
    seen = {}
    for lang in LANGUAGES:
        trip_calendar = rev("visits:visit_calendar", lang, slug=w.trip.slug)
        seen[f"{lang} trip calendar"] = status(client, trip_calendar) == 200
        seen[f"{lang} trip kit"] = (
            status(client, rev("press:trip_photos_zip", lang, slug=w.trip.slug)) == 200
        )
        calendar = client.get(rev("visits:calendar", lang)).content.decode()
        seen[f"{lang} calendar: trip"] = uid(w.trip) in calendar
        seen[f"{lang} calendar: engagement"] = uid(w.engagement) in calendar
        seen[f"{lang} calendar: title"] = SECRET in calendar or "드론" in calendar
        seen[f"{lang} kit: held photo"] = stored(w.held) in zipped(client, w.public, lang)
    return seen


def never(client, w) -> None:
    """What no minute makes public: the draft trip, the withdrawn release's photo."""
    for lang in LANGUAGES:
        assert status(client, rev("visits:visit_calendar", lang, slug=w.draft.slug)) == 404
        assert status(client, rev("press:trip_photos_zip", lang, slug=w.draft.slug)) == 404
        calendar = client.get(rev("visits:calendar", lang)).content.decode()
        assert "Draft" not in calendar and uid(w.draft) not in calendar
        assert stored(w.withdrawn) not in zipped(client, w.public, lang)


class TestTakeawayEmbargo:
    def test_nothing_shows_a_minute_before(self, client, world):
        with frozen(BEFORE):
            seen = doors(client, world)
            never(client, world)
            # The public trip's kit is there, with its public photo only.
            assert zipped(client, world.public, "en") >= {stored(world.shown)}
        assert [door for door, shown in seen.items() if shown] == []

    def test_everything_shows_at_the_minute(self, client, world):
        with frozen(AT):
            seen = doors(client, world)
            never(client, world)
        assert [door for door, shown in seen.items() if not shown] == []
