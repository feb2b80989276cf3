"""Model rules as editors, readers and the database see them."""

import datetime
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from press.models import Coverage, Outlet, Photo, PressRelease, ReleasePhoto, Topic
from visits.models import Engagement, Organization, Person, Place, Visit
from visits.publishing import Status

from .factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressContactFactory,
    PressReleaseFactory,
    ReleasePhotoFactory,
    TopicFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

SEOUL = datetime.timezone(timedelta(hours=9))

PUBLISHABLE = [
    pytest.param(PressReleaseFactory, PressRelease, id="release"),
    pytest.param(VisitFactory, Visit, id="trip"),
    pytest.param(CoverageFactory, Coverage, id="coverage"),
]
PUBLISHABLE_FACTORIES = [PressReleaseFactory, VisitFactory, CoverageFactory]


def errors_of(instance) -> dict[str, list[str]]:
    """The messages full_clean() gives an editor, by field."""
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def refused_by_database(make):
    """Run ``make`` and expect the database itself to refuse the row."""
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


# --- publication ---------------------------------------------------------------------


@pytest.mark.parametrize(("factory", "model"), PUBLISHABLE)
class TestPublished:
    def test_only_approved_rows_whose_time_has_come_are_public(self, factory, model):
        past = factory()
        factory(scheduled=True)  # embargoed until tomorrow
        factory(draft=True)
        factory(status=Status.IN_REVIEW, published_at=timezone.now() - timedelta(days=1))
        factory(status=Status.WITHDRAWN)
        factory(status=Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1))
        scheduled_in_past = factory(
            status=Status.SCHEDULED, published_at=timezone.now() - timedelta(minutes=1)
        )

        assert set(model.objects.published()) == {past, scheduled_in_past}
        assert model.objects.unpublished().count() == 5

    def test_is_public_agrees_with_published(self, factory, model):
        rows = [factory(), factory(scheduled=True), factory(draft=True), factory(withdrawn=True)]
        public = set(model.objects.published())
        assert [row.is_public for row in rows] == [row in public for row in rows]
        assert [row.is_public for row in rows] == [True, False, False, False]

    def test_scheduled_row_goes_public_exactly_at_its_minute(self, factory, model):
        at = datetime.datetime(2024, 8, 4, 11, 18, tzinfo=SEOUL)
        with time_machine.travel(at - timedelta(hours=2), tick=False):
            row = factory(status=Status.SCHEDULED, published_at=at)

        with time_machine.travel(at - timedelta(seconds=1), tick=False):
            assert not model.objects.published().filter(pk=row.pk).exists()
            row.refresh_from_db()
            assert not row.is_public
        with time_machine.travel(at, tick=False):
            assert model.objects.published().filter(pk=row.pk).exists()
            assert row.is_public


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
def test_publishing_without_a_time_publishes_now(factory):
    row = factory(draft=True)
    row.status = Status.PUBLISHED
    before = timezone.now()
    row.full_clean()
    row.save()
    assert before <= row.published_at <= timezone.now()
    assert row in type(row).objects.published()


class TestPhotoPublished:
    def test_photo_of_a_public_trip_is_public(self):
        photo = PhotoFactory()
        assert list(Photo.objects.published()) == [photo]

    def test_photo_of_a_draft_trip_stays_hidden(self):
        PhotoFactory(visit=VisitFactory(draft=True))
        PhotoFactory(visit=VisitFactory(scheduled=True))
        PhotoFactory(visit=None)
        assert not Photo.objects.published().exists()

    def test_photo_in_a_public_release_is_public_even_if_its_trip_is_not(self):
        draft_trip = VisitFactory(draft=True)
        shown = PhotoFactory(visit=draft_trip)
        hidden = PhotoFactory(visit=draft_trip)
        PressReleaseFactory(visit=None, photos=[shown])
        PressReleaseFactory(visit=None, scheduled=True, photos=[hidden])
        assert list(Photo.objects.published()) == [shown]

    def test_photo_in_two_public_releases_is_listed_once(self):
        photo = PhotoFactory(visit=None)
        PressReleaseFactory(visit=None, photos=[photo])
        PressReleaseFactory(visit=None, photos=[photo])
        assert list(Photo.objects.published()) == [photo]


class TestReferencedPublished:
    """People, places and organisations are public only through a public trip."""

    def test_official_of_a_public_trip_is_public(self):
        mayor = PersonFactory()
        VisitFactory(official=mayor)
        VisitFactory(official=mayor)
        unknown = PersonFactory()
        hidden = VisitFactory(draft=True).official

        assert list(Person.objects.published()) == [mayor]
        assert unknown not in Person.objects.published()
        assert hidden not in Person.objects.published()

    def test_person_met_on_a_trip_follows_the_trips_state(self):
        met_in_public = PersonFactory()
        met_in_secret = PersonFactory()
        EngagementFactory(people=[met_in_public])
        EngagementFactory(
            leg=LegFactory(visit=VisitFactory(scheduled=True)), people=[met_in_secret]
        )

        published = set(Person.objects.published())
        assert met_in_public in published
        assert met_in_secret not in published

    def test_place_visited_and_the_place_around_it_are_public(self):
        zhongguancun = PlaceFactory(name_en="Zhongguancun")
        innoway = PlaceFactory(name_en="InnoWay", parent=zhongguancun, city=zhongguancun.city)
        elsewhere = PlaceFactory()
        planned = PlaceFactory()
        EngagementFactory(place=innoway)
        EngagementFactory(leg=LegFactory(visit=VisitFactory(draft=True)), place=planned)

        assert set(Place.objects.published()) == {zhongguancun, innoway}
        assert elsewhere not in Place.objects.published()

    def test_organisation_met_directly_or_through_its_people_is_public(self):
        met = OrganizationFactory()
        employer = OrganizationFactory()
        only_in_draft = OrganizationFactory()
        OrganizationFactory()  # never met
        EngagementFactory(organizations=[met], people=[PersonFactory(organization=employer)])
        EngagementFactory(
            leg=LegFactory(visit=VisitFactory(draft=True)), organizations=[only_in_draft]
        )

        assert set(Organization.objects.published()) == {met, employer}

    def test_the_officials_organisation_is_public_through_the_trip(self):
        city_hall = OrganizationFactory(name_en="Seoul Metropolitan Government")
        official = PersonFactory(organization=city_hall)
        VisitFactory(official=official, draft=True)
        assert city_hall not in Organization.objects.published()
        VisitFactory(official=official)
        assert city_hall in Organization.objects.published()

    def test_withdrawing_the_trip_hides_everyone_on_it(self):
        engagement = EngagementFactory(
            place=PlaceFactory(), people=[PersonFactory()], organizations=[OrganizationFactory()]
        )
        assert Place.objects.published().count() == 1
        Visit.objects.filter(pk=engagement.visit_id).update(status=Status.WITHDRAWN)

        assert not Person.objects.published().exists()
        assert not Place.objects.published().exists()
        assert not Organization.objects.published().exists()


class TestTopicAndOutletPublished:
    def test_topic_is_public_once_a_public_release_carries_it(self):
        robotics, startups, culture = TopicFactory(), TopicFactory(), TopicFactory()
        PressReleaseFactory(topics=[robotics])
        PressReleaseFactory(topics=[robotics])
        PressReleaseFactory(scheduled=True, topics=[startups])
        PressReleaseFactory(draft=True, topics=[startups])

        assert list(Topic.objects.published()) == [robotics]
        assert culture not in Topic.objects.published()

    def test_outlet_is_public_once_it_has_public_coverage(self):
        joongang, herald, nocut = OutletFactory(), OutletFactory(), OutletFactory()
        CoverageFactory(outlet=joongang)
        CoverageFactory(outlet=joongang)
        CoverageFactory(outlet=herald, scheduled=True)

        assert list(Outlet.objects.published()) == [joongang]
        assert nocut not in Outlet.objects.published()


# --- rules the database holds, and what full_clean() tells an editor ---------------------


class TestTripDates:
    def test_trip_ending_before_it_starts(self):
        start = datetime.date(2024, 7, 24)
        refused_by_database(
            lambda: VisitFactory(start_date=start, end_date=start - timedelta(days=1))
        )
        trip = VisitFactory.build(
            official=PersonFactory(), start_date=start, end_date=start - timedelta(days=1)
        )
        assert errors_of(trip)[NON_FIELD_ERRORS] == ["A trip cannot end before it starts."]

    def test_one_day_trip_is_fine(self):
        day = datetime.date(2019, 1, 29)
        trip = VisitFactory(start_date=day, end_date=day)
        trip.full_clean()
        assert trip.duration_days == 1

    def test_nine_day_trip(self):
        trip = VisitFactory(
            start_date=datetime.date(2024, 7, 24), end_date=datetime.date(2024, 8, 1)
        )
        assert trip.duration_days == 9


class TestLegs:
    def test_legs_come_in_order_and_cover_the_trip(self):
        trip = VisitFactory(legs=3)
        legs = list(trip.legs.all())
        assert [leg.order for leg in legs] == [1, 2, 3]
        assert legs[0].start_date == trip.start_date
        assert legs[-1].end_date == trip.end_date
        for leg in legs:
            leg.full_clean()

    def test_leg_ending_before_it_starts(self):
        trip = VisitFactory()
        refused_by_database(
            lambda: LegFactory(visit=trip, start_date=trip.end_date, end_date=trip.start_date)
        )
        leg = LegFactory.build(
            visit=trip, city=CityFactory(), start_date=trip.end_date, end_date=trip.start_date
        )
        assert "A leg cannot end before it starts." in errors_of(leg)[NON_FIELD_ERRORS]

    def test_two_legs_in_the_same_position(self):
        trip = VisitFactory(legs=1)
        refused_by_database(lambda: LegFactory(visit=trip, order=1))

        duplicate = LegFactory.build(visit=trip, city=CityFactory(), order=1)
        assert errors_of(duplicate)[NON_FIELD_ERRORS] == [
            "Two legs of one trip cannot share a position."
        ]
        # The same position in another trip is fine.
        LegFactory.build(visit=VisitFactory(), city=CityFactory(), order=1).full_clean()

    def test_leg_outside_its_trips_dates(self):
        trip = VisitFactory(
            start_date=datetime.date(2024, 7, 24), end_date=datetime.date(2024, 8, 1)
        )
        leg = LegFactory.build(
            visit=trip,
            city=CityFactory(),
            start_date=datetime.date(2024, 7, 30),
            end_date=datetime.date(2024, 8, 2),
        )
        message = errors_of(leg)[NON_FIELD_ERRORS][0]
        assert "outside the trip's dates" in message
        assert "2 August 2024" in message

    def test_leg_takes_country_and_time_zone_from_its_city(self):
        beijing = CityFactory(name_en="Beijing", country="CN", time_zone="Asia/Shanghai")
        leg = LegFactory(city=beijing)
        assert leg.country.code == "CN"
        assert leg.time_zone == "Asia/Shanghai"


class TestEngagementDates:
    def test_engagement_outside_its_legs_dates(self):
        trip = VisitFactory(legs=2)
        first, _second = trip.legs.all()
        engagement = EngagementFactory.build(
            visit=trip, leg=first, date=first.end_date + timedelta(days=1)
        )
        message = errors_of(engagement)["date"][0]
        assert "outside this leg's dates" in message

    def test_engagement_without_a_leg_goes_to_the_leg_of_its_date(self):
        trip = VisitFactory(legs=3)
        last = trip.legs.last()
        engagement = Engagement(visit=trip, date=trip.end_date, title_en="Wangjing SOHO")
        engagement.full_clean()
        engagement.save()
        assert engagement.leg == last

    def test_engagement_on_a_day_no_leg_covers(self):
        trip = VisitFactory()  # no legs yet
        engagement = Engagement(visit=trip, date=trip.start_date, title_en="Arrival")
        assert "No leg of this trip includes" in errors_of(engagement)["date"][0]

    def test_engagement_on_another_trips_leg(self):
        trip = VisitFactory(legs=1)
        foreign_leg = LegFactory()
        engagement = EngagementFactory.build(visit=trip, leg=foreign_leg)
        assert errors_of(engagement)["leg"] == ["Pick a leg of this trip."]

    def test_engagement_needs_a_title_in_some_language(self):
        leg = LegFactory()
        untitled = EngagementFactory.build(leg=leg, title_en="")
        assert "title_en" in errors_of(untitled)
        EngagementFactory.build(leg=leg, title_en="", title_ja="視察").full_clean()


class TestPlaces:
    def test_place_cannot_lie_inside_itself(self):
        place = PlaceFactory()
        refused_by_database(lambda: Place.objects.filter(pk=place.pk).update(parent=place))

    def test_place_cannot_lie_inside_its_own_child(self):
        outer = PlaceFactory()
        inner = PlaceFactory(parent=outer, city=outer.city)
        outer.parent = inner
        assert errors_of(outer)["parent"] == ["A place cannot lie inside itself."]

    def test_coordinates_out_of_range(self):
        refused_by_database(lambda: PlaceFactory(latitude=91, longitude=0))
        place = PlaceFactory.build(city=CityFactory(), latitude=0, longitude=181)
        assert "Longitude lies between -180 and 180." in errors_of(place)[NON_FIELD_ERRORS]


class TestSlugConstraint:
    def test_duplicate_slug(self):
        VisitFactory(slug="beijing-2024")
        refused_by_database(lambda: VisitFactory(slug="beijing-2024"))

        twin = VisitFactory.build(official=PersonFactory(), slug="beijing-2024")
        assert errors_of(twin)["slug"] == ["Trip with this Slug already exists."]

    def test_same_slug_in_different_kinds_of_page_is_fine(self):
        topic = TopicFactory(name_en="Robotics")
        place = PlaceFactory(name_en="Robotics")
        assert topic.slug == place.slug == "robotics"


class TestPhotoCredit:
    def test_photo_without_credit(self):
        refused_by_database(lambda: PhotoFactory(credit=""))
        photo = PhotoFactory.build(visit=None, credit="")
        assert "credit" in errors_of(photo)

    def test_blank_credit_is_refused_and_credit_is_trimmed(self):
        photo = PhotoFactory.build(visit=None, credit="   ")
        assert errors_of(photo)["credit"]
        photo.credit = "  서울시 제공 "
        photo.full_clean()
        assert photo.credit == "서울시 제공"

    def test_image_dimensions_are_recorded(self):
        photo = PhotoFactory()
        photo.refresh_from_db()
        assert (photo.width, photo.height) == (16, 12)

    def test_photo_engagement_must_belong_to_the_photos_trip(self):
        photo = PhotoFactory.build(visit=VisitFactory(), engagement=EngagementFactory())
        assert errors_of(photo)["engagement"] == ["Pick an engagement of the photo's trip."]


class TestLeadPhoto:
    def test_second_lead_photo_for_one_release(self):
        lead = ReleasePhotoFactory(is_lead=True)
        release = lead.release
        refused_by_database(lambda: ReleasePhotoFactory(release=release, is_lead=True))

        second = ReleasePhoto(release=release, photo=PhotoFactory(), is_lead=True)
        assert errors_of(second)[NON_FIELD_ERRORS] == ["A release has only one lead photo."]

    def test_many_non_lead_photos_and_leads_in_other_releases_are_fine(self):
        release = PressReleaseFactory(photos=[PhotoFactory(), PhotoFactory(), PhotoFactory()])
        ReleasePhotoFactory(is_lead=True)
        assert release.gallery.filter(is_lead=True).count() == 1
        assert release.gallery.count() == 3
        # The lead comes first in the gallery.
        assert release.gallery.first().is_lead

    def test_same_photo_twice_in_one_gallery(self):
        in_gallery = ReleasePhotoFactory()
        refused_by_database(
            lambda: ReleasePhotoFactory(release=in_gallery.release, photo=in_gallery.photo)
        )
        twice = ReleasePhoto(release=in_gallery.release, photo=in_gallery.photo, order=5)
        assert errors_of(twice)[NON_FIELD_ERRORS]


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
@pytest.mark.parametrize("status", [Status.SCHEDULED, Status.PUBLISHED])
def test_approved_status_without_a_time(factory, status):
    refused_by_database(lambda: factory(status=status, published_at=None))


@pytest.mark.parametrize("factory", PUBLISHABLE_FACTORIES)
def test_scheduling_without_a_time_tells_the_editor(factory):
    row = factory(draft=True)
    row.status = Status.SCHEDULED
    errors = errors_of(row)
    assert errors["published_at"] == ["Give the time at which this item should be published."]


def test_drafts_and_withdrawn_items_need_no_time():
    PressReleaseFactory(draft=True).full_clean()
    PressReleaseFactory(withdrawn=True, published_at=None).full_clean()


def test_a_withdrawal_needs_a_reason_for_readers():
    release = PressReleaseFactory()
    release.status = Status.WITHDRAWN
    with pytest.raises(ValidationError) as raised:
        release.full_clean()
    assert "withdrawal_reason_en" in raised.value.message_dict
    release.withdrawal_reason_ko = "행사가 취소되었습니다."
    release.full_clean()
    assert release.withdrawn_at is not None


def test_scheduling_needs_a_language_that_goes_out_with_the_release():
    release = PressReleaseFactory(draft=True, ready_en=False)
    release.status = Status.SCHEDULED
    release.published_at = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError, match="at least one language ready"):
        release.full_clean()
    # A language with a later time of its own does not count: the release would be empty.
    release.ready_ko, release.public_from_ko = True, release.published_at + timedelta(hours=1)
    with pytest.raises(ValidationError, match="at least one language ready"):
        release.full_clean()
    release.public_from_ko = None
    release.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        PressRelease.objects.filter(pk=release.pk).update(
            status=Status.PUBLISHED, published_at=timezone.now(), ready_en=False, ready_ko=False
        )


class TestUniqueReferences:
    def test_two_releases_without_a_number_are_fine(self):
        first = PressReleaseFactory(number="")
        first.full_clean()
        first.save()
        second = PressReleaseFactory(number="")
        second.full_clean()
        second.save()
        assert first.number is None
        assert second.number is None

    def test_release_number_is_unique(self):
        PressReleaseFactory(number="SMG-2024-0731")
        refused_by_database(lambda: PressReleaseFactory(number="SMG-2024-0731"))

    def test_coverage_url_is_unique(self):
        url = "https://koreajoongangdaily.joins.com/news/2024-08-04/national/oh-beijing"
        CoverageFactory(url=url)
        refused_by_database(lambda: CoverageFactory(url=url))
        twin = CoverageFactory.build(outlet=OutletFactory(), visit=None, url=url)
        assert "url" in errors_of(twin)


# --- slugs -----------------------------------------------------------------------------


class TestSlugs:
    def test_korean_only_title(self):
        trip = VisitFactory(title_en="", title_ko="오세훈 서울시장 베이징 방문")
        assert trip.slug == "osehun-seoulsijang-beijing-bangmun"
        assert trip.slug.isascii()

    def test_chinese_only_title(self):
        place = PlaceFactory(name_en="", name_zh_hans="北京人形机器人创新中心")
        assert place.slug == "bei-jing-ren-xing-ji-qi-ren-chuang-xin-zhong-xin"

    def test_japanese_only_title(self):
        release = PressReleaseFactory(title_en="", title_ja="東京のロボット展示")
        assert release.slug == "dong-jing-no-ro-bo-t-to-zhan-shi"
        assert release.slug.isascii()

    def test_english_wins_over_other_languages(self):
        person = PersonFactory(name_en="Oh Se-hoon", name_ko="오세훈", name_zh_hans="吴世勋")
        assert person.slug == "oh-se-hoon"

    def test_slug_stays_when_the_title_changes(self):
        release = PressReleaseFactory(title_en="", title_ko="로봇 산업")
        slug = release.slug
        release.title_en = "Seoul's robot industry plan"
        release.title_ko = "서울 로봇 산업 계획"
        release.save()
        release.refresh_from_db()
        assert release.slug == slug

    def test_same_title_gets_numbered_slugs(self):
        slugs = [VisitFactory(title_en="Mayor in Beijing").slug for _ in range(3)]
        assert slugs == ["mayor-in-beijing", "mayor-in-beijing-2", "mayor-in-beijing-3"]

    def test_same_title_in_another_script_also_gets_numbered(self):
        first = TopicFactory(name_en="", name_zh_hans="天工")
        second = TopicFactory(name_en="", name_ja="天工")
        assert (first.slug, second.slug) == ("tian-gong", "tian-gong-2")

    def test_long_titles_give_short_unique_slugs(self):
        title = "Seoul mayor visits the Beijing Humanoid Robot Innovation Center " * 3
        first, second = VisitFactory(title_en=title), VisitFactory(title_en=title)
        assert len(first.slug) <= 80
        assert len(second.slug) <= 80
        assert second.slug.endswith("-2")
        assert first.slug != second.slug
        assert "--" not in second.slug

    def test_numbered_slug_never_has_a_double_hyphen(self):
        # 78 characters, the 78th a hyphen: cutting room for "-2" must not leave "--2".
        title = "a" * 77 + " b"
        VisitFactory(title_en=title)
        second = VisitFactory(title_en=title)
        assert "--" not in second.slug
        assert second.slug.endswith("-2")

    def test_name_in_no_language_is_refused(self):
        topic = TopicFactory.build(name_en="")
        assert errors_of(topic)["name_en"] == ["Fill in this field in at least one language."]


# --- rich text -------------------------------------------------------------------------

DIRTY = (
    '<script>alert("x")</script>'
    '<p onclick="steal()">Mayor <strong>Oh</strong> met <em>Yin Yong</em> '
    '<a href="javascript:alert(1)">click</a> '
    '<a href="https://english.seoul.go.kr/" onmouseover="x()">Seoul</a></p>'
    "<h2>Robots</h2><ul><li>Tiangong</li></ul><blockquote>Wake-up call</blockquote>"
    '<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>'
)


@pytest.mark.parametrize("language", ["en", "ko", "zh_hans", "ja"])
def test_rich_text_body_is_sanitised_on_save(language):
    release = PressReleaseFactory(**{f"body_{language}": DIRTY})
    release.refresh_from_db()
    body = getattr(release, f"body_{language}")

    for unsafe in ("<script", "alert", "onclick", "onmouseover", "onerror", "javascript:"):
        assert unsafe not in body
    assert "<iframe" not in body
    assert "<img" not in body
    for kept in (
        "<strong>Oh</strong>",
        "<em>Yin Yong</em>",
        "<h2>Robots</h2>",
        "<li>Tiangong</li>",
        "<blockquote>Wake-up call</blockquote>",
        'href="https://english.seoul.go.kr/"',
    ):
        assert kept in body
    assert 'rel="noopener noreferrer"' in body


def test_rich_text_is_sanitised_when_rows_are_created_in_bulk():
    release = PressReleaseFactory.build(visit=None, body_ko=DIRTY)
    release.slug = "bulk-import"
    PressRelease.objects.bulk_create([release])
    stored = PressRelease.objects.get(slug="bulk-import").body_ko
    assert "<script" not in stored
    assert "<strong>Oh</strong>" in stored


def test_empty_editor_paragraph_does_not_count_as_a_translation():
    release = PressReleaseFactory(title_ko="서울시장 베이징 방문", body_ko="<p></p>")
    release.refresh_from_db()
    assert release.body_ko == ""
    assert release.languages() == ["en"]


def test_release_languages_need_a_title_and_a_body():
    release = PressReleaseFactory(
        title_ko="베이징 방문",
        body_ko="<p>본문</p>",
        title_ja="北京訪問",  # title only: not yet translated
        body_zh_hans="<p>正文</p>",  # body only
    )
    assert release.languages() == ["en", "ko"]


# --- names and addresses ------------------------------------------------------------------


class TestStr:
    def test_names(self):
        beijing = CityFactory(name_en="Beijing")
        assert str(beijing) == "Beijing"
        assert str(OrganizationFactory(name_en="Xiaomi Robotics")) == "Xiaomi Robotics"
        assert str(PersonFactory(name_en="Yin Yong")) == "Yin Yong"
        assert str(PlaceFactory(name_en="InnoWay")) == "InnoWay"
        assert str(TopicFactory(name_en="Robotics")) == "Robotics"
        assert str(OutletFactory(name_en="Korea JoongAng Daily")) == "Korea JoongAng Daily"
        trip = VisitFactory(title_en="Paris, Chongqing and Beijing")
        assert str(trip) == "Paris, Chongqing and Beijing"
        leg = LegFactory(visit=trip, city=beijing)
        assert str(leg) == "Paris, Chongqing and Beijing: Beijing"

    def test_engagement_is_named_by_date_and_title(self):
        engagement = EngagementFactory(
            leg=LegFactory(
                start_date=datetime.date(2024, 7, 31), end_date=datetime.date(2024, 8, 1)
            ),
            title_en="Beijing Humanoid Robot Innovation Center",
        )
        assert str(engagement) == "2024-07-31 Beijing Humanoid Robot Innovation Center"

    def test_press_contact(self):
        assert str(PressContactFactory(name_en="Kim", department_en="Press")) == "Kim (Press)"
        assert str(PressContactFactory(name_en="Lee", department_en="")) == "Lee"

    def test_release_coverage_and_photo(self):
        release = PressReleaseFactory(title_en="Mayor Oh meets Mayor Yin")
        assert str(release) == "Mayor Oh meets Mayor Yin"
        coverage = CoverageFactory(headline="오세훈, 베이징서 로봇 산업 현장 방문")
        assert str(coverage) == "오세훈, 베이징서 로봇 산업 현장 방문"
        photo = PhotoFactory(caption_en="Tiangong " + "runs at 6 km/h " * 10)
        assert str(photo).startswith("Tiangong runs")
        assert len(str(photo)) == 60
        uncaptioned = PhotoFactory(caption_en="")
        assert str(uncaptioned) == uncaptioned.image.name
        gallery = ReleasePhotoFactory(release=release, photo=photo)
        assert str(gallery) == str(photo)  # read in its release's form: the caption alone

    def test_item_in_another_language_is_still_named_in_english_lists(self):
        trip = VisitFactory(title_en="", title_ko="박원순 시장 홍콩 방문")
        topic = TopicFactory(name_en="", name_ja="ロボット")
        engagement = EngagementFactory(title_en="", title_zh_hans="天工")
        with translation.override("en"):
            assert str(trip) == "박원순 시장 홍콩 방문"
            assert str(topic) == "ロボット"
            assert str(engagement).endswith(" 天工")


class TestAbsoluteUrls:
    def test_public_pages(self):
        trip = VisitFactory(title_en="Beijing 2024")
        engagement = EngagementFactory(leg=LegFactory(visit=trip))
        place = PlaceFactory(name_en="InnoWay")
        person = PersonFactory(name_en="Yin Yong")
        organization = OrganizationFactory(name_en="KIC China")
        topic = TopicFactory(name_en="Robotics")
        release = PressReleaseFactory(title_en="Robot center")
        coverage = CoverageFactory()
        photo = PhotoFactory()

        assert trip.get_absolute_url() == "/en/trips/beijing-2024/"
        assert engagement.get_absolute_url() == f"/en/trips/beijing-2024/events/{engagement.slug}/"
        assert place.get_absolute_url() == "/en/places/innoway/"
        assert person.get_absolute_url() == "/en/people/yin-yong/"
        assert organization.get_absolute_url() == "/en/organisations/kic-china/"
        assert topic.get_absolute_url() == "/en/topics/robotics/"
        assert release.get_absolute_url() == "/en/releases/robot-center/"
        assert coverage.get_absolute_url() == f"/en/coverage/{coverage.pk}/"
        assert photo.get_absolute_url() == f"/en/photos/{photo.pk}/"

    def test_address_follows_the_readers_language(self):
        release = PressReleaseFactory(title_en="", title_ko="로봇 센터")
        assert release.slug.isascii()
        with translation.override("ko"):
            assert release.get_absolute_url() == f"/ko/releases/{release.slug}/"
        with translation.override("zh-hans"):
            assert release.get_absolute_url() == f"/zh-hans/releases/{release.slug}/"


def test_saving_a_korean_only_release_leaves_other_languages_empty():
    """Sanitising must not copy fallback text into the active language's empty column."""
    with translation.override("en"):
        release = PressRelease(title_ko="오세훈 시장", body_ko="<p>본문<script>x</script></p>")
        release.save()
        release.save()
    release.refresh_from_db()
    assert release.body_en in (None, "")
    assert release.title_en in (None, "")
    assert release.body_ko == "<p>본문</p>"
    assert release.languages() == ["ko"]
