"""The index pages the main menu and footer lead to: photos, topics, people and places.

Each answers in every language with its headings in order (h1, then h2), canonical and
alternates, the menu marking it as the current page; shows what is public and nothing
else (an unpublished trip's people, places and photos, a draft's topic); orders names as
the reader reads them; and costs the same number of queries for one row as for many.
"""

import re
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.core.files.storage import default_storage

from press import renditions
from press.indexes import PhotoFilter, PhotoListView
from tests.factories import (
    CityFactory,
    EngagementFactory,
    OrganizationFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    ReleasePhotoFactory,
    TopicFactory,
    VisitFactory,
)
from tests.test_page_tags import page_cache, saved, served, warm  # noqa: F401 (a fixture)
from tests.test_pages import (
    LANGUAGES,
    SECRET,
    build_world,
    class_data,
    count_queries,
    fetch,
    hidden_urls,
    rev,
    seoul,
    url_of,
)
from visits.indexes import PersonListView, PlaceListView
from visits.publishing import Status

pytestmark = pytest.mark.django_db

INDEXES = {
    "photos": "press:photo_list",
    "topics": "press:topic_list",
    "people": "visits:person_list",
    "places": "visits:place_list",
}


def build_index_world():
    """test_pages' world (a public trip with everything, unpublished trips and items), and
    what the indexes show besides: a second trip with dated photos, a trip without
    photos, a photo public only through a release of an unpublished trip, people with
    organisations, places inside places, and places in three countries."""
    w = build_world()
    w.newer_trip = VisitFactory(
        legs=1, title_en="Mayor's trip to Berlin", start_date=date(2024, 9, 2)
    )
    w.dated = {
        day: PhotoFactory(
            visit=w.newer_trip, caption_en=f"Taken on the {day}th", taken_at=seoul(2024, 9, day)
        )
        for day in (3, 5, 4)
    }
    w.bare_trip = VisitFactory(legs=1, title_en="Mayor's trip without photos")
    hidden_trip = w.hidden_trips[0]
    # Held back from nothing: public only because a public release (of a hidden trip) shows it.
    w.release_photo = PhotoFactory(visit=hidden_trip, caption_en="Shown by a release")
    ReleasePhotoFactory(release=w.orphan_release, photo=w.release_photo)

    berlin = w.newer_trip.legs.get()
    berlin.city = CityFactory(name_en="Berlin", country="DE", time_zone="Europe/Berlin")
    berlin.save()
    zurich = CityFactory(name_en="Zurich", country="CH", time_zone="Europe/Zurich")
    w.campus = PlaceFactory(name_en="Campus", city=berlin.city, parent=PlaceFactory())
    w.lab = PlaceFactory(name_en="Laboratory", city=berlin.city, parent=w.campus)
    w.station = PlaceFactory(name_en="Station", city=zurich)
    w.partner = PersonFactory(
        name_en="Anna Berg",
        name_ko="베르크",
        role_en="Director",
        organization=OrganizationFactory(name_en="Berlin Partner"),
    )
    w.guide = PersonFactory(name_en="Zoe Alt", name_ko="가이드", role_en="")
    EngagementFactory(leg=berlin, place=w.lab, people=[w.partner, w.guide])
    EngagementFactory(leg=berlin, place=w.station)

    w.busy_topic = TopicFactory(name_en="Mobility", name_ko="교통")
    w.busy_topic.releases.add(*(PressReleaseFactory(visit=w.newer_trip) for _ in range(3)))
    w.quiet_topic = TopicFactory(name_en="Anniversaries", name_ko="하늘")  # no release at all
    w.culture_topic = TopicFactory(name_en="Culture", name_ko="문화")
    w.culture_topic.releases.add(PressReleaseFactory(visit=w.newer_trip))
    return w


world = class_data("world", build_index_world)


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def in_order(html: str, texts) -> bool:
    positions = [html.index(text) for text in texts]
    return positions == sorted(positions)


# --- every index, every language ------------------------------------------------------------


class TestEveryIndex:
    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", INDEXES)
    def test_answers_in_the_readers_language_with_headings_in_order(
        self, client, world, name, lang
    ):
        page = fetch(client, rev(INDEXES[name], lang))
        assert page.html_lang == lang
        assert page.response["Content-Language"] == lang
        levels = headings(page.html)
        assert levels[:2] == [1, 2] and levels.count(1) == 1, levels
        assert all(b <= a + 1 for a, b in pairwise(levels)), levels

    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", INDEXES)
    def test_canonical_and_hreflang_alternates(self, client, world, name, lang):
        page = fetch(client, rev(INDEXES[name], lang))
        alternates = {
            link["hreflang"]: link["href"] for link in page.head("alternate") if "hreflang" in link
        }
        expected = {code: f"http://testserver{rev(INDEXES[name], code)}" for code in LANGUAGES}
        expected["x-default"] = expected["en"]
        assert alternates == expected
        (canonical,) = page.head("canonical")
        assert canonical["href"] == f"http://testserver{rev(INDEXES[name], lang)}"

    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("name", INDEXES)
    def test_nothing_unpublished_shows_or_is_linked(self, client, world, name, lang):
        page = fetch(client, rev(INDEXES[name], lang))
        assert SECRET not in page.html
        assert not page.hrefs & hidden_urls(world, lang)

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_the_menu_leads_to_photos_and_topics_and_marks_the_current_page(
        self, client, world, lang
    ):
        for name in ("photos", "topics"):
            page = fetch(client, rev(INDEXES[name], lang))
            nav = page.html[page.html.index('class="site-nav"') :]
            nav = nav[: nav.index("</nav>")]
            assert f'href="{rev("press:photo_list", lang)}"' in nav
            assert f'href="{rev("press:topic_list", lang)}"' in nav
            current = [a["href"] for a in page.anchors if a.get("aria-current") == "page"]
            assert current == [rev(INDEXES[name], lang)]
        home = fetch(client, rev("press:home", lang))
        assert not [a for a in home.anchors if a.get("aria-current") == "page"]

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_people_and_places_are_linked_from_the_footer_and_the_trips(self, client, world, lang):
        for url in (rev("press:home", lang), rev("visits:visit_list", lang)):
            page = fetch(client, url)
            assert page.links_to(rev("visits:person_list", lang))
            assert page.links_to(rev("visits:place_list", lang))
        for name in ("people", "places"):
            page = fetch(client, rev(INDEXES[name], lang))
            current = [a["href"] for a in page.anchors if a.get("aria-current") == "page"]
            assert current == [rev(INDEXES[name], lang)]


# --- photos ---------------------------------------------------------------------------------


def photo_links(page) -> list[str]:
    """The photo pages linked, in the page's order, once each."""
    pattern = re.compile(r"^/\w+(?:-\w+)?/photos/\d+/$")
    return list(dict.fromkeys(a["href"] for a in page.anchors if pattern.match(a["href"])))


class TestPhotoList:
    def test_every_public_photo_newest_first(self, client, world):
        page = fetch(client, rev("press:photo_list"))
        dated = [url_of(world.dated[day]) for day in (5, 4, 3)]
        public = [world.photo, world.lead_photo, world.release_photo, *world.dated.values()]
        assert set(photo_links(page)) == {url_of(photo) for photo in public}
        # Dated by when they were taken, else by their upload (just now, for the others).
        assert photo_links(page)[-3:] == dated
        assert "6 photos" in page.html

    def test_photos_are_grouped_under_their_public_trip(self, client, world):
        html = main_of(fetch(client, rev("press:photo_list")).html)
        berlin = html.index(f'<a href="{url_of(world.newer_trip)}">')
        assert html.index(url_of(world.dated[5])) > berlin
        assert rev("press:trip_photos", slug=world.newer_trip.slug) in html
        beijing = html.index(f'<a href="{url_of(world.trip)}">')
        assert html.index(url_of(world.photo)) > beijing

    def test_a_photo_public_through_a_release_does_not_name_its_hidden_trip(self, client, world):
        html = fetch(client, rev("press:photo_list")).html
        assert "Shown by a release" in html
        assert "Photos of press releases" in html
        assert url_of(world.hidden_trips[0]) not in html

    def test_each_photo_is_a_figure_with_its_caption_and_credit(self, client, world):
        page = fetch(client, rev("press:photo_list", "ko"))
        assert page.langs_of("Taken on the 5th") == {"en"}  # no Korean caption: marked
        assert page.html.count('<figure class="photo">') == 6
        assert "사진: Seoul Metropolitan Government" in page.html

    def test_the_filter_offers_public_trips_with_photos_newest_first(self, client, world):
        html = fetch(client, rev("press:photo_list")).html
        options = re.findall(r'<option value="([^"]*)"', html)
        assert options == ["", world.newer_trip.slug, world.trip.slug]

    def test_the_filter_narrows_to_one_trip_and_keeps_it_across_pages(
        self, client, world, monkeypatch
    ):
        url = f"{rev('press:photo_list')}?trip={world.newer_trip.slug}"
        page = fetch(client, url)
        assert photo_links(page) == [url_of(world.dated[day]) for day in (5, 4, 3)]
        assert f'<option value="{world.newer_trip.slug}" selected>' in page.html
        monkeypatch.setattr(PhotoListView, "paginate_by", 2)
        second = fetch(client, url)
        assert second.links_to(f"?trip={world.newer_trip.slug}&page=2")

    @pytest.mark.parametrize(
        "query",
        [
            "trip=no-such-trip",
            "trip=%00",
            "trip=" + "x" * 5000,
            "trip[]=1",
            "trip=a&trip=b",
            "page=last",
            "page=-3",
        ],
    )
    def test_bad_values_are_an_answer_not_an_error(self, client, world, query):
        response = client.get(f"{rev('press:photo_list')}?{query}")
        assert response.status_code == 200
        assert SECRET not in response.content.decode()

    def test_a_trip_without_photos_or_unpublished_is_a_form_error_not_a_leak(self, client, world):
        for trip in (world.bare_trip, world.hidden_trips[0]):
            page = fetch(client, f"{rev('press:photo_list')}?trip={trip.slug}")
            assert photo_links(page) == []
            assert 'class="field-error"' in page.html
            assert SECRET not in page.html

    def test_a_page_number_no_page_can_have_is_a_404(self, client, world):
        assert client.get(f"{rev('press:photo_list')}?page=99999999999").status_code == 404

    def test_the_page_shows_originals_until_renditions_are_made_and_makes_none(self, client, world):
        photo = world.dated[5]
        assert not renditions.ready(photo)
        html = fetch(client, rev("press:photo_list")).html
        assert f'src="{photo.image.url}"' in html
        assert not any(default_storage.exists(r.name) for r in renditions.all_renditions(photo))
        made = world.lead_photo  # made by the world's "task"
        assert renditions.picture(made, crop="card").src in html


# --- topics ---------------------------------------------------------------------------------


class TestTopicList:
    def test_each_topic_with_public_releases_and_how_many(self, client, world):
        page = fetch(client, rev("press:topic_list"))
        topics = page.slugs("/en/topics/")
        assert topics == {world.topic.slug, world.busy_topic.slug, world.culture_topic.slug}
        # Robotics: one public release (its draft, scheduled and withdrawn ones not counted).
        robotics = main_of(page.html).split(url_of(world.topic))[1]
        assert "1 press release<" in robotics.split("</li>")[0]
        mobility = main_of(page.html).split(url_of(world.busy_topic))[1]
        assert "3 press releases" in mobility.split("</li>")[0]

    def test_each_topic_links_its_feeds(self, client, world):
        page = fetch(client, rev("press:topic_list", "ja"))
        for fmt in ("rss", "atom"):
            assert page.links_to(rev(f"press:topic_feed_{fmt}", "ja", slug=world.topic.slug))

    def test_ordered_by_the_name_the_reader_reads(self, client, world):
        english = main_of(fetch(client, rev("press:topic_list")).html)
        assert in_order(english, ["Culture", "Mobility", "Robotics"])
        korean = main_of(fetch(client, rev("press:topic_list", "ko")).html)
        assert in_order(korean, ["Robotics", "교통", "문화"])  # Latin, then ㄱ, ㅁ
        assert fetch(client, rev("press:topic_list", "ko")).langs_of("Robotics") == {"en"}


# --- people ---------------------------------------------------------------------------------


class TestPersonList:
    def test_public_people_with_role_and_organisation(self, client, world):
        page = fetch(client, rev("visits:person_list"))
        assert {world.mayor.slug, world.host.slug, world.partner.slug} <= page.slugs("/en/people/")
        partner = main_of(page.html).split(url_of(world.partner))[1].split("</li>")[0]
        assert "Director" in partner
        assert url_of(world.partner.organization) in partner
        assert world.hidden_person.slug not in page.slugs("/en/people/")

    def test_names_and_roles_fall_back_with_their_language(self, client, world):
        page = fetch(client, rev("visits:person_list", "ja"))
        assert page.langs_of("Mayor of Beijing") == {"en"}
        assert page.langs_of("Oh Se-hoon") == {"en"}

    def test_ordered_by_the_name_the_reader_reads(self, client, world):
        english = main_of(fetch(client, rev("visits:person_list")).html)
        assert in_order(english, ["Anna Berg", "Yin Yong", "Zoe Alt"])
        korean = main_of(fetch(client, rev("visits:person_list", "ko")).html)
        assert in_order(korean, ["Yin Yong", "가이드", "베르크", "오세훈"])

    def test_pages_follow_on(self, client, world, monkeypatch):
        monkeypatch.setattr(PersonListView, "paginate_by", 2)
        url = rev("visits:person_list")
        first, second = fetch(client, url), fetch(client, f"{url}?page=2")
        assert len(first.slugs("/en/people/")) == len(second.slugs("/en/people/")) == 2
        assert not first.slugs("/en/people/") & second.slugs("/en/people/")
        assert first.links_to("?page=2")


# --- places ---------------------------------------------------------------------------------


class TestPlaceList:
    def test_by_country_then_city_in_the_readers_language(self, client, world):
        english = main_of(fetch(client, rev("visits:place_list")).html)
        assert in_order(english, [">China<", ">Germany<", ">Switzerland<"])
        assert in_order(english, [">Germany<", ">Berlin<", "Campus", "Laboratory"])
        chinese = main_of(fetch(client, rev("visits:place_list", "zh-hans")).html)
        assert ">德国<" in chinese and ">瑞士<" in chinese

    def test_each_place_names_the_public_place_it_lies_in(self, client, world):
        page = fetch(client, rev("visits:place_list"))
        lab = main_of(page.html).split(url_of(world.lab))[1].split("</li>")[0]
        assert "inside" in lab and url_of(world.campus) in lab
        # The campus is public as the laboratory's parent; its own parent is not.
        campus = main_of(page.html).split(url_of(world.campus))[1].split("</li>")[0]
        assert "inside" not in campus
        assert url_of(world.campus.parent) not in page.hrefs

    def test_only_places_a_public_trip_went_to(self, client, world):
        slugs = fetch(client, rev("visits:place_list")).slugs("/en/places/")
        assert slugs == {world.place.slug, world.campus.slug, world.lab.slug, world.station.slug}

    def test_pages_follow_on(self, client, world, monkeypatch):
        monkeypatch.setattr(PlaceListView, "paginate_by", 3)
        url = rev("visits:place_list")
        first, second = fetch(client, url), fetch(client, f"{url}?page=2")
        assert len(first.slugs("/en/places/")) == 3
        assert second.slugs("/en/places/") == {world.station.slug}
        assert ">Switzerland<" in second.html


# --- the sitemap ----------------------------------------------------------------------------


def test_every_index_is_in_the_sitemap_with_its_alternates(client, world):
    xml = client.get("/sitemap-pages.xml").content.decode()
    for name in INDEXES.values():
        for lang in LANGUAGES:
            url = f"http://testserver{rev(name, lang)}"
            assert f"<loc>{url}</loc>" in xml
            assert f'hreflang="{lang}" href="{url}"' in xml


# --- query counts ---------------------------------------------------------------------------


def build_index_scenario(n: int, tag: str):
    """A trip with n photos, n places (each inside another) in n cities, n people of n
    organisations, and n topics each with a public release."""
    trip = VisitFactory(legs=n, title_en=f"Trip {tag}", start_date=seoul(2023, 1, 1).date())
    for index, leg in enumerate(trip.legs.all()):
        place = PlaceFactory(city=leg.city, parent=PlaceFactory(city=leg.city))
        people = [PersonFactory(organization=OrganizationFactory()) for _ in range(2)]
        EngagementFactory(leg=leg, place=place, people=people)
        PhotoFactory(visit=trip, taken_at=seoul(2023, 1, 1) + timedelta(hours=index))
        TopicFactory().releases.add(PressReleaseFactory(visit=trip))
    return trip


class TestQueryCounts:
    def test_constant_in_the_number_of_rows(self, client, django_assert_max_num_queries):
        def urls(trip):
            return {
                **{name: rev(url_name) for name, url_name in INDEXES.items()},
                "photos of a trip": f"{rev('press:photo_list')}?trip={trip.slug}",
            }

        one_trip = build_index_scenario(1, "one")
        one = {
            name: count_queries(client, url, django_assert_max_num_queries)
            for name, url in urls(one_trip).items()
        }
        many_trip = build_index_scenario(20, "many")
        many = {
            name: count_queries(client, url, django_assert_max_num_queries)
            for name, url in urls(many_trip).items()
        }
        assert one == many
        assert len(fetch(client, urls(many_trip)["photos of a trip"]).html.split("<figure")) == 21
        assert len(fetch(client, rev("visits:place_list")).slugs("/en/places/")) == 42


def test_the_photo_filter_keeps_its_count_by_what_makes_photos_public():
    """A photo goes public with its trip or a release, not only with its own row: the
    list's kept count retires with those (`press.kept`)."""
    shown = PhotoFilter.shown_tags(filtered=False)
    assert {"press.photo", "visits.visit", "press.pressrelease", "press.releasephoto"} <= shown


# --- the page cache -------------------------------------------------------------------------


def test_an_edit_retires_the_indexes_that_show_it_and_no_other(
    client,
    page_cache,  # noqa: F811 (the fixture)
    django_capture_on_commit_callbacks,
):
    made = {}

    def build():
        made["trip"] = VisitFactory(legs=1)
        made["person"] = PersonFactory(name_en="Ines Arlt")
        EngagementFactory(leg=made["trip"].legs.get(), people=[made["person"]])
        made["release"] = PressReleaseFactory(visit=made["trip"], topics=[TopicFactory()])
        made["draft"] = VisitFactory(legs=1, draft=True)
        made["place"] = PlaceFactory(name_en="Harbour Lab", city=made["draft"].legs.get().city)
        EngagementFactory(leg=made["draft"].legs.get(), place=made["place"])
        made["photo"] = PhotoFactory(visit=made["draft"], caption_en="The harbour at dawn")

    saved(django_capture_on_commit_callbacks, build)
    urls = {name: rev(url_name) for name, url_name in INDEXES.items()}
    warm(client, urls)

    def rename():
        made["person"].name_en = "Ines Arlt-Weber"
        made["person"].save()

    saved(django_capture_on_commit_callbacks, rename)
    assert served(client, urls) == {
        "photos": "hit",
        "topics": "hit",
        "people": "miss",
        "places": "hit",
    }
    assert "Ines Arlt-Weber" in fetch(client, urls["people"]).html

    def publish():
        made["draft"].status = Status.PUBLISHED
        made["draft"].published_at = None
        made["draft"].full_clean()
        made["draft"].save()

    saved(django_capture_on_commit_callbacks, publish)
    assert served(client, urls) == {
        "photos": "miss",
        "topics": "hit",
        "people": "miss",  # the trip's official
        "places": "miss",
    }
    assert "The harbour at dawn" in fetch(client, urls["photos"]).html
    assert "Harbour Lab" in fetch(client, urls["places"]).html

    topic = TopicFactory(name_en="Harbours")
    saved(django_capture_on_commit_callbacks, lambda: made["release"].topics.add(topic))
    assert served(client, urls)["topics"] == "miss"
    assert "Harbours" in fetch(client, urls["topics"]).html
