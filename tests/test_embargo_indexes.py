"""Embargoes through the index pages (photos, topics, people, places), with the clock
frozen around them as in tests/test_embargo.py: one minute before, nothing of a scheduled
release or trip shows through any of them in any language; at the minute, all of it does,
with nothing saved in between.
"""

import re
from types import SimpleNamespace

import pytest

from tests.factories import (
    CityFactory,
    EngagementFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_embargo import AT, BEFORE, frozen
from tests.test_pages import LANGUAGES, class_data, fetch, rev, seoul, url_of
from visits.publishing import Status

pytestmark = pytest.mark.django_db

NEW_TOPIC = "Drone taxis"
PERSON = "Mira Okafor"


def build_embargo():
    w = SimpleNamespace()
    with frozen(seoul(2024, 7, 25, 9, 0)):
        w.trip = VisitFactory(legs=1, title_en="Mayor's trip to the river")
        w.topic = TopicFactory(name_en="Mobility")
        PressReleaseFactory(visit=w.trip, topics=[w.topic])
        w.new_topic = TopicFactory(name_en=NEW_TOPIC)  # only the scheduled release has it
        # Shown by no public trip: public only through the scheduled release.
        w.release_photos = [PhotoFactory(visit=None) for _ in range(2)]
        w.release = PressReleaseFactory(
            visit=w.trip,
            topics=[w.topic, w.new_topic],
            photos=w.release_photos,
            status=Status.SCHEDULED,
            published_at=AT,
        )
        # A trip scheduled for the same minute: its official, the person it meets, the
        # place and the country it goes to, and its photo are public only through it.
        city = CityFactory(name_en="Lagos", country="NG", time_zone="Africa/Lagos")
        w.official = PersonFactory(name_en="Deputy Mayor Han")
        w.late_trip = VisitFactory(
            official=w.official,
            legs=1,
            legs__city=city,
            status=Status.SCHEDULED,
            published_at=AT,
            title_en="Mayor's trip to Lagos",
        )
        w.person = PersonFactory(name_en=PERSON)
        w.place = PlaceFactory(name_en="Lagos Innovation Hub", city=city)
        EngagementFactory(leg=w.late_trip.legs.get(), place=w.place, people=[w.person])
        w.trip_photo = PhotoFactory(visit=w.late_trip)
    return w


embargo = class_data("embargo", build_embargo)


def doors(client, w) -> dict[str, bool]:
    """Whether what goes public at 10:00 shows through each index, by a readable name."""
    seen = {}
    for lang in LANGUAGES:
        photos = fetch(client, rev("press:photo_list", lang))
        for index, photo in enumerate([*w.release_photos, w.trip_photo]):
            seen[f"{lang} photo list, photo {index}"] = photos.links_to(url_of(photo, lang))
        seen[f"{lang} photo list, trip menu"] = f'value="{w.late_trip.slug}"' in photos.html
        seen[f"{lang} photo list, trip heading"] = photos.links_to(url_of(w.late_trip, lang))
        by_trip = fetch(client, f"{rev('press:photo_list', lang)}?trip={w.late_trip.slug}")
        seen[f"{lang} photo list of the trip"] = by_trip.links_to(url_of(w.trip_photo, lang))

        topics = fetch(client, rev("press:topic_list", lang))
        seen[f"{lang} topic list, new topic"] = topics.links_to(url_of(w.new_topic, lang))
        mobility = topics.html.split(url_of(w.topic, lang))[1].split("</li>")[0]
        seen[f"{lang} topic list, count"] = bool(re.search(r'class="muted">[^<]*2', mobility))

        people = fetch(client, rev("visits:person_list", lang))
        seen[f"{lang} people, official"] = people.links_to(url_of(w.official, lang))
        seen[f"{lang} people, person met"] = people.links_to(url_of(w.person, lang))
        seen[f"{lang} people, name"] = PERSON in people.html

        places = fetch(client, rev("visits:place_list", lang))
        seen[f"{lang} places, place"] = places.links_to(url_of(w.place, lang))
        seen[f"{lang} places, city"] = "Lagos" in places.html
    return seen


class TestScheduledReleaseAndTrip:
    def test_absent_from_every_index_at_0959(self, client, embargo):
        with frozen(BEFORE):
            seen = doors(client, embargo)
        assert [door for door, shown in seen.items() if shown] == []
        assert len(seen) == 4 * 13

    def test_present_in_every_index_at_1000(self, client, embargo):
        with frozen(AT):
            seen = doors(client, embargo)
        assert [door for door, shown in seen.items() if not shown] == []
