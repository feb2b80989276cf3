"""The editors' admin: every page opens, forms have language tabs, lists stay cheap,
publishing needs its permission, and editors' mistakes come back as clear messages."""

import datetime
import re
from html import unescape as html_unescape
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.forms import FileInput, SplitDateTimeWidget
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from press.models import Coverage, Photo, PressRelease, ReleasePhoto
from press.renditions import make_renditions, thumbnail_url
from visits.models import Engagement, Leg, Visit
from visits.publishing import Status

from .document_samples import DocumentFactory
from .factories import (
    CityFactory,
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    OutletFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressContactFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

#: (app_label, model_name, factory, a translated field whose tabs the change form shows)
ADMINS = [
    pytest.param("visits", "city", CityFactory, "name", id="city"),
    pytest.param("visits", "organization", OrganizationFactory, "name", id="organization"),
    pytest.param("visits", "person", PersonFactory, "name", id="person"),
    pytest.param("visits", "place", PlaceFactory, "name", id="place"),
    pytest.param("visits", "visit", lambda: VisitFactory(legs=2), "title", id="visit"),
    pytest.param("visits", "engagement", EngagementFactory, "title", id="engagement"),
    pytest.param("press", "topic", TopicFactory, "name", id="topic"),
    pytest.param("press", "outlet", OutletFactory, "name", id="outlet"),
    pytest.param("press", "presscontact", PressContactFactory, "name", id="presscontact"),
    pytest.param("press", "photo", PhotoFactory, "caption", id="photo"),
    pytest.param("press", "pressrelease", PressReleaseFactory, "title", id="pressrelease"),
    pytest.param("press", "coverage", CoverageFactory, "translated_headline", id="coverage"),
    pytest.param("press", "document", DocumentFactory, "title", id="document"),
]

CDN_MARKERS = ("googleapis", "cdnjs", "jsdelivr", "unpkg", "cdn.", "//ajax.")


def admin_url(app_label, model_name, view, *args, language="en"):
    with translation.override(language):
        return reverse(f"admin:{app_label}_{model_name}_{view}", args=args)


def assert_no_cdn(html: str):
    for marker in CDN_MARKERS:
        assert marker not in html, marker


def post_data(response) -> dict:
    """What the browser would send back for the form on ``response``, unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, SplitDateTimeWidget):
                if value:
                    value = timezone.localtime(value)
                    data[f"{bound.html_name}_0"] = value.date().isoformat()
                    data[f"{bound.html_name}_1"] = value.time().isoformat()
                continue
            if isinstance(widget, FileInput):  # an unchanged upload keeps the stored file
                continue
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = str(value)
    return data


def messages_in(response) -> str:
    """Every error message on an admin form page, as text."""
    html = response.content.decode()
    found = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    return html_unescape(" ".join(re.sub(r"<[^>]+>", "", chunk) for chunk in found))


# --- every page opens ---------------------------------------------------------------


@pytest.mark.parametrize(("app_label", "model_name", "factory", "translated"), ADMINS)
def test_changelist_add_and_change_forms_open(
    admin_client, app_label, model_name, factory, translated
):
    obj = factory()
    changelist = admin_client.get(admin_url(app_label, model_name, "changelist"))
    add = admin_client.get(admin_url(app_label, model_name, "add"))
    change = admin_client.get(admin_url(app_label, model_name, "change", obj.pk))

    for response in (changelist, add, change):
        assert response.status_code == 200
        assert_no_cdn(response.content.decode())
    for response in (add, change):
        html = response.content.decode()
        for code in ("en", "ko", "zh_hans", "ja"):
            assert f'name="{translated}_{code}"' in html
        assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
        assert "/static/modeltranslation/js/tabbed_translation_fields.js" in html


def test_admin_answers_in_every_language(admin_client):
    release = PressReleaseFactory()
    for language in ("en", "ko", "zh-hans", "ja"):
        url = admin_url("press", "pressrelease", "change", release.pk, language=language)
        assert url.startswith(f"/{language}/admin/")
        response = admin_client.get(url)
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


def test_release_body_uses_the_prose_editor_in_every_tab(admin_client):
    release = PressReleaseFactory(body_ko="<p>본문</p>")
    response = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    html = response.content.decode()

    for code in ("en", "ko", "zh_hans", "ja"):
        textarea = re.search(rf'<textarea[^>]*name="body_{code}"[^>]*>', html).group()
        assert "data-django-prose-editor-configurable" in textarea
        assert "mt-field-body-" in textarea  # the class the tabs script groups by
    assert '<script type="importmap"' in html
    assert "/static/django_prose_editor/editor.js" in html
    assert "/static/django_prose_editor/configurable.js" in html
    assert "/static/django_prose_editor/editor.css" in html


# --- changelists --------------------------------------------------------------------

CHANGELIST_ROWS = [
    pytest.param("visits", "city", CityFactory, id="city"),
    pytest.param("visits", "organization", OrganizationFactory, id="organization"),
    pytest.param("visits", "person", PersonFactory, id="person"),
    pytest.param("visits", "place", lambda: PlaceFactory(parent=PlaceFactory()), id="place"),
    pytest.param("visits", "visit", lambda: VisitFactory(legs=1), id="visit"),
    pytest.param("visits", "engagement", EngagementFactory, id="engagement"),
    pytest.param("press", "topic", TopicFactory, id="topic"),
    pytest.param("press", "outlet", OutletFactory, id="outlet"),
    pytest.param("press", "presscontact", PressContactFactory, id="presscontact"),
    pytest.param("press", "photo", PhotoFactory, id="photo"),
    pytest.param(
        "press",
        "pressrelease",
        lambda: PressReleaseFactory(topics=[TopicFactory()], photos=[PhotoFactory()]),
        id="pressrelease",
    ),
    pytest.param("press", "coverage", CoverageFactory, id="coverage"),
]


@pytest.mark.parametrize(("app_label", "model_name", "make"), CHANGELIST_ROWS)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, app_label, model_name, make):
    url = admin_url(app_label, model_name, "changelist")
    make()
    admin_client.get(url)  # warm up: session, content types, permissions caches

    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200
    for _ in range(19):
        make()
    with CaptureQueriesContext(connection) as twenty_rows:
        response = admin_client.get(url)

    assert response.context["cl"].result_count >= 20
    assert len(twenty_rows) == len(one_row), [q["sql"] for q in twenty_rows]


def test_translations_column_is_compact_and_spelt_out(admin_client):
    PressReleaseFactory(title_ko="제목", body_ko="<p>본문</p>")
    response = admin_client.get(admin_url("press", "pressrelease", "changelist"))
    html = response.content.decode()

    assert '<span aria-hidden="true">EN KO \N{EN DASH} \N{EN DASH}</span>' in html
    assert "Translated: English, Korean. Missing: Simplified Chinese, Japanese." in html


@pytest.mark.parametrize(
    ("app_label", "model_name", "make", "fields"),
    [
        pytest.param("press", "pressrelease", PressReleaseFactory, ("title", "body"), id="release"),
        pytest.param("visits", "visit", VisitFactory, ("title", "summary"), id="trip"),
        pytest.param("press", "photo", PhotoFactory, ("caption", "alt_text"), id="photo"),
        pytest.param("visits", "place", PlaceFactory, ("name",), id="place"),
        pytest.param("visits", "person", PersonFactory, ("name",), id="person"),
        pytest.param("visits", "organization", OrganizationFactory, ("name",), id="organisation"),
        pytest.param("press", "topic", TopicFactory, ("name",), id="topic"),
    ],
)
def test_missing_japanese_filter(admin_client, app_label, model_name, make, fields):
    complete = make(**{f"{field}_ja": "日本語" for field in fields})
    without_japanese = make()
    partly = make(**{f"{fields[0]}_ja": "日本語"}) if len(fields) > 1 else None

    url = admin_url(app_label, model_name, "changelist")
    response = admin_client.get(url, {"missing": "ja"})

    shown = {obj.pk for obj in response.context["cl"].result_list}
    assert without_japanese.pk in shown
    assert complete.pk not in shown
    if partly is not None:
        assert partly.pk in shown
    assert "Japanese" in response.content.decode()
    # A hand-made value shows everything instead of failing.
    assert admin_client.get(url, {"missing": "xx"}).status_code == 200


def test_public_column_follows_the_published_rule(admin_client):
    public = PressReleaseFactory()
    embargoed = PressReleaseFactory(scheduled=True)
    response = admin_client.get(admin_url("press", "pressrelease", "changelist"))
    model_admin = response.context["cl"].model_admin
    rows = {obj.pk: obj for obj in response.context["cl"].result_list}

    assert model_admin.public(rows[public.pk]) is True
    assert model_admin.public(rows[embargoed.pk]) is False


def test_public_column_of_people_comes_from_their_trips(admin_client):
    on_public_trip = VisitFactory().official
    on_draft_trip = VisitFactory(draft=True).official
    response = admin_client.get(admin_url("visits", "person", "changelist"))
    model_admin = response.context["cl"].model_admin
    rows = {obj.pk: obj for obj in response.context["cl"].result_list}

    assert model_admin.public(rows[on_public_trip.pk]) is True
    assert model_admin.public(rows[on_draft_trip.pk]) is False


def test_coverage_filters_and_search(admin_client):
    trip = VisitFactory()
    wanted = CoverageFactory(visit=trip, byline="Kim Min-ji", language="ko")
    CoverageFactory(byline="Someone Else", language="en")
    url = admin_url("press", "coverage", "changelist")

    def shown(params):
        response = admin_client.get(url, params)
        assert response.status_code == 200
        return {obj.pk for obj in response.context["cl"].result_list}

    assert shown({"q": "Min-ji"}) == {wanted.pk}
    assert shown({"language": "ko"}) == {wanted.pk}
    assert shown({"visit__id__exact": trip.pk}) == {wanted.pk}
    assert shown({"outlet__id__exact": wanted.outlet_id}) == {wanted.pk}
    assert shown({"published_on__year": 2024}) >= {wanted.pk}
    assert "Korean" in admin_client.get(url).content.decode()


def test_photo_filter_by_trip(admin_client):
    photo = PhotoFactory()
    make_renditions(photo)  # a task's work after the commit
    PhotoFactory()
    response = admin_client.get(
        admin_url("press", "photo", "changelist"), {"visit__id__exact": photo.visit_id}
    )
    assert [obj.pk for obj in response.context["cl"].result_list] == [photo.pk]
    html = response.content.decode()
    assert f'src="{thumbnail_url(photo)}"' in html  # the small rendition, not the original
    assert photo.image.url not in html


# --- autocomplete -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("app_label", "model_name", "field_name", "make", "term"),
    [
        ("visits", "visit", "official", lambda: PersonFactory(name_en="Oh Se-hoon"), "Se-hoon"),
        ("visits", "engagement", "place", lambda: PlaceFactory(name_en="InnoWay"), "Inno"),
        ("visits", "engagement", "people", lambda: PersonFactory(name_ko="오세훈"), "세훈"),
        (
            "visits",
            "engagement",
            "organizations",
            lambda: OrganizationFactory(name_en="UBTech"),
            "ubt",
        ),
        ("press", "coverage", "outlet", lambda: OutletFactory(name_en="Yonhap"), "yon"),
        ("press", "pressrelease", "visit", lambda: VisitFactory(title_en="Paris 2024"), "Paris"),
        ("visits", "leg", "city", lambda: CityFactory(name_zh_hans="重庆"), "重庆"),
        ("press", "pressrelease", "topics", lambda: TopicFactory(name_en="Robotics"), "robot"),
        ("press", "releasephoto", "photo", lambda: PhotoFactory(caption_en="Signing"), "sign"),
    ],
)
def test_autocomplete(admin_client, app_label, model_name, field_name, make, term):
    obj = make()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(obj.pk)]


def test_release_engagement_autocomplete_offers_the_trips_engagements(admin_client):
    release = PressReleaseFactory(visit=VisitFactory(legs=1))
    ours = EngagementFactory(leg=release.visit.legs.get(), title_en="Meeting at InnoWay")
    EngagementFactory(title_en="Meeting elsewhere")
    form = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    url = re.search(
        r'name="engagements"[^>]*data-ajax--url="([^"]+)"|data-ajax--url="([^"]+)"[^>]*name="engagements"',
        form.content.decode(),
    )
    ajax_url = (url.group(1) or url.group(2)).replace("&amp;", "&")
    assert f"trip={release.visit_id}" in ajax_url

    params = {"app_label": "press", "model_name": "pressrelease", "field_name": "engagements"}
    response = admin_client.get(f"{ajax_url}&{urlencode(params)}&term=Meeting")
    assert [item["id"] for item in response.json()["results"]] == [str(ours.pk)]


@pytest.mark.parametrize("trip", ["²", "9" * 30, "abc"])
def test_the_engagement_autocomplete_ignores_a_trip_that_is_no_number(admin_client, trip):
    """A hand-made ``trip`` is no error: the autocomplete offers every engagement."""
    EngagementFactory(title_en="Meeting at InnoWay")
    params = {"app_label": "press", "model_name": "pressrelease", "field_name": "engagements"}
    url = reverse("admin:autocomplete")
    response = admin_client.get(url, {**params, "term": "Meeting", "trip": trip})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


# --- publishing ---------------------------------------------------------------------

PUBLISHABLE = [
    pytest.param("press", "pressrelease", PressReleaseFactory, PressRelease, id="release"),
    pytest.param("visits", "visit", VisitFactory, Visit, id="trip"),
    pytest.param("press", "coverage", CoverageFactory, Coverage, id="coverage"),
]


def staff_user(app_label, model_name, *, publish: bool) -> User:
    user = User.objects.create_user(f"editor-{publish}", password="x", is_staff=True)
    codenames = [f"view_{model_name}", f"add_{model_name}", f"change_{model_name}"]
    if publish:
        codenames.append(f"publish_{model_name}")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    return user


@pytest.mark.parametrize(("app_label", "model_name", "factory", "model"), PUBLISHABLE)
def test_publish_and_unpublish_with_the_permission(client, app_label, model_name, factory, model):
    client.force_login(staff_user(app_label, model_name, publish=True))
    drafts = [factory(draft=True), factory(draft=True)]
    embargoed = factory(
        status=Status.IN_REVIEW, published_at=timezone.now() + datetime.timedelta(days=1)
    )
    url = admin_url(app_label, model_name, "changelist")
    pks = [str(obj.pk) for obj in [*drafts, embargoed]]

    response = client.post(url, {"action": "publish", "_selected_action": pks}, follow=True)

    rows = model.objects.filter(pk__in=pks)
    assert {row.status for row in rows} == {Status.PUBLISHED}
    assert all(row.published_at for row in rows)
    assert model.objects.published().filter(pk__in=pks).count() == 2  # one stays embargoed
    text = response.content.decode()
    assert "3 " in text and " published." in text
    assert "1 of them stays under embargo" in text

    assert LogEntry.objects.filter(object_id__in=pks, action_flag=CHANGE).count() == 3

    response = client.post(url, {"action": "unpublish", "_selected_action": pks}, follow=True)
    assert {row.status for row in model.objects.filter(pk__in=pks)} == {Status.DRAFT}
    assert "moved back to draft" in response.content.decode()


@pytest.mark.parametrize(("app_label", "model_name", "factory", "model"), PUBLISHABLE)
def test_publish_is_refused_without_the_permission(client, app_label, model_name, factory, model):
    client.force_login(staff_user(app_label, model_name, publish=False))
    draft, public = factory(draft=True), factory()
    url = admin_url(app_label, model_name, "changelist")

    page = client.get(url)
    assert page.status_code == 200
    assert 'value="publish"' not in page.content.decode()

    client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    client.post(url, {"action": "unpublish", "_selected_action": [public.pk]})

    draft.refresh_from_db()
    public.refresh_from_db()
    assert (draft.status, draft.published_at) == (Status.DRAFT, None)
    assert public.status == Status.PUBLISHED


def test_editor_without_publish_permission_cannot_approve_in_the_form(client):
    client.force_login(staff_user("press", "pressrelease", publish=False))
    draft = PressReleaseFactory(draft=True)
    url = admin_url("press", "pressrelease", "change", draft.pk)
    data = post_data(client.get(url))
    data["status"] = Status.PUBLISHED

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Select a valid choice" in messages_in(response)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


# --- validation through the admin ---------------------------------------------------


def test_trip_ending_before_it_starts(admin_client):
    trip = VisitFactory(legs=1)
    url = admin_url("visits", "visit", "change", trip.pk)
    data = post_data(admin_client.get(url))
    data["title_ko"] = "서울시장 해외 순방"
    data["end_date"] = (trip.start_date - datetime.timedelta(days=1)).isoformat()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The trip cannot end on" in messages_in(response)
    assert "before it starts on" in messages_in(response)
    assert 'value="서울시장 해외 순방"' in response.content.decode()  # what was typed stays
    saved = Visit.objects.get(pk=trip.pk)
    assert (saved.end_date, saved.title_ko) == (trip.end_date, trip.title_ko)


def test_duplicate_slug(admin_client):
    VisitFactory(slug="paris-2024")
    trip = VisitFactory()
    url = admin_url("visits", "visit", "change", trip.pk)
    data = post_data(admin_client.get(url))
    data["slug"] = "paris-2024"

    response = admin_client.post(url, data)

    assert "This slug is already taken" in messages_in(response)
    trip.refresh_from_db()
    assert trip.slug != "paris-2024"


def test_photo_without_credit(admin_client):
    photo = PhotoFactory()
    url = admin_url("press", "photo", "change", photo.pk)
    data = post_data(admin_client.get(url))
    data["credit"] = "  "
    data["caption_ja"] = "署名式"

    response = admin_client.post(url, data)

    assert messages_in(response).strip() == "Every photo needs a credit."
    assert "署名式" in response.content.decode()
    photo.refresh_from_db()
    assert photo.credit and not photo.caption_ja


def test_engagement_outside_its_trip(admin_client):
    trip = VisitFactory(legs=2)
    engagement = EngagementFactory(leg=trip.legs.first())
    url = admin_url("visits", "engagement", "change", engagement.pk)
    data = post_data(admin_client.get(url))
    data["date"] = (trip.end_date + datetime.timedelta(days=3)).isoformat()

    response = admin_client.post(url, data)

    text = messages_in(response)
    assert "is outside the trip's dates" in text
    assert "No leg of this trip" not in text  # one mistake, one message
    engagement.refresh_from_db()
    assert engagement.date == trip.legs.first().start_date


def test_engagement_leg_choices_are_the_trips_legs(admin_client):
    trip = VisitFactory(legs=2)
    engagement = EngagementFactory(leg=trip.legs.first())
    other_leg = VisitFactory(legs=1).legs.get()
    response = admin_client.get(admin_url("visits", "engagement", "change", engagement.pk))
    offered = set(response.context["adminform"].form.fields["leg"].queryset)
    assert offered == set(trip.legs.all())
    assert other_leg not in offered
    add = admin_client.get(admin_url("visits", "engagement", "add") + f"?visit={trip.pk}")
    assert set(add.context["adminform"].form.fields["leg"].queryset) == set(trip.legs.all())


def test_engagement_leg_is_found_from_its_date(admin_client):
    trip = VisitFactory(legs=2)
    second = trip.legs.order_by("order").last()
    url = admin_url("visits", "engagement", "add") + f"?visit={trip.pk}"
    data = post_data(admin_client.get(url))
    data.update(
        {
            "visit": str(trip.pk),
            "date": second.start_date.isoformat(),
            "kind": "meeting",
            "title_ko": "간담회",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    assert Engagement.objects.get(visit=trip).leg == second


def test_legs_out_of_order(admin_client):
    trip = VisitFactory(legs=2)
    url = admin_url("visits", "visit", "change", trip.pk)
    data = post_data(admin_client.get(url))
    data["legs-0-order"], data["legs-1-order"] = data["legs-1-order"], data["legs-0-order"]

    response = admin_client.post(url, data)

    assert "The legs are out of order" in messages_in(response)
    assert list(trip.legs.order_by("order").values_list("start_date", flat=True)) == sorted(
        trip.legs.values_list("start_date", flat=True)
    )


def test_legs_can_swap_positions(admin_client):
    trip = VisitFactory(legs=2, start_date=datetime.date(2024, 7, 24))
    first, second = trip.legs.order_by("order")
    url = admin_url("visits", "visit", "change", trip.pk)
    data = post_data(admin_client.get(url))
    # Swap both the positions and the dates: the set stays in order.
    data["legs-0-order"], data["legs-1-order"] = data["legs-1-order"], data["legs-0-order"]
    for field in ("start_date", "end_date"):
        data[f"legs-0-{field}"], data[f"legs-1-{field}"] = (
            data[f"legs-1-{field}"],
            data[f"legs-0-{field}"],
        )

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    assert list(trip.legs.order_by("order")) == [second, first]


def test_leg_outside_the_trip(admin_client):
    trip = VisitFactory(legs=1)
    url = admin_url("visits", "visit", "change", trip.pk)
    data = post_data(admin_client.get(url))
    data["legs-0-end_date"] = (trip.end_date + datetime.timedelta(days=2)).isoformat()

    response = admin_client.post(url, data)

    assert "lies outside the trip's dates" in messages_in(response)
    assert Leg.objects.get(visit=trip).end_date == trip.end_date


def test_two_lead_photos(admin_client):
    release = PressReleaseFactory(photos=[PhotoFactory(), PhotoFactory()])
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    data["gallery-1-is_lead"] = "on"

    response = admin_client.post(url, data)

    assert "Only one photo can be the lead photo, and 2 are marked" in messages_in(response)
    assert release.gallery.filter(is_lead=True).count() == 1


def test_lead_photo_can_move_to_another_photo(admin_client):
    release = PressReleaseFactory(photos=[PhotoFactory(), PhotoFactory()])
    old_lead = release.gallery.get(is_lead=True)
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    data.pop("gallery-0-is_lead")
    data["gallery-1-is_lead"] = "on"

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    new_lead = ReleasePhoto.objects.get(release=release, is_lead=True)
    assert new_lead != old_lead


def test_release_engagements_must_belong_to_its_trip(admin_client):
    release = PressReleaseFactory()
    elsewhere = EngagementFactory(title_en="Elsewhere")
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    data["engagements"] = [str(elsewhere.pk)]

    response = admin_client.post(url, data)

    assert "Not part of" in messages_in(response)
    assert not release.engagements.exists()


def test_release_body_is_sanitised_on_save(admin_client):
    release = PressReleaseFactory()
    url = admin_url("press", "pressrelease", "change", release.pk)
    data = post_data(admin_client.get(url))
    data["title_ko"] = "서울시, 로봇 산업 협력"
    data["body_ko"] = (
        '<p>본문<script>alert("x")</script> <a href="javascript:alert(1)">링크</a></p>'
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    release.refresh_from_db()
    assert "<script" not in release.body_ko
    assert "javascript:" not in release.body_ko
    assert "본문" in release.body_ko


def test_korean_only_release_can_be_added(admin_client):
    url = admin_url("press", "pressrelease", "add")
    data = post_data(admin_client.get(url))
    data.update({"title_ko": "서울시, 파리에서 관광 설명회", "body_ko": "<p>본문</p>"})

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    release = PressRelease.objects.get()
    assert release.languages() == ["ko"]
    assert release.status == Status.DRAFT


def test_release_without_a_title_in_any_language(admin_client):
    url = admin_url("press", "pressrelease", "add")
    data = post_data(admin_client.get(url))

    response = admin_client.post(url, data)

    assert "Fill in this field in at least one language." in messages_in(response)
    assert not PressRelease.objects.exists()


def test_release_coverage_is_listed_with_links(admin_client):
    release = PressReleaseFactory()
    coverage = CoverageFactory(releases=[release])
    response = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    html = response.content.decode()
    assert admin_url("press", "coverage", "change", coverage.pk) in html
    assert str(coverage.outlet) in html


def test_photo_add_form_has_the_credit_and_tabs(admin_client):
    response = admin_client.get(admin_url("press", "photo", "add"))
    html = response.content.decode()
    assert 'name="credit"' in html
    assert 'name="alt_text_ko"' in html
    assert Photo.objects.count() == 0


def test_release_changelist_leaves_long_text_in_the_database(admin_client):
    PressReleaseFactory()
    response = admin_client.get(admin_url("press", "pressrelease", "changelist"))
    row = response.context["cl"].result_list[0]
    assert {"body_en", "body_ko", "lead_ja"} <= row.get_deferred_fields()
    assert not {"title_en", "status", "published_at"} & row.get_deferred_fields()


def test_messages_follow_the_editors_language(admin_client):
    trip = VisitFactory(legs=1)
    engagement = EngagementFactory(leg=trip.legs.get())
    url = admin_url("visits", "engagement", "change", engagement.pk, language="ko")
    data = post_data(admin_client.get(url))
    data["date"] = "2024-08-04"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "2024년 8월 4일" in messages_in(response)  # dates in the editor's locale
    assert 'lang="ko"' in response.content.decode()


def test_press_contact_needs_a_name_in_some_language(admin_client):
    url = admin_url("press", "presscontact", "add")
    data = post_data(admin_client.get(url))
    data["email"] = "press@seoul.example"

    response = admin_client.post(url, data)

    assert "Fill in this field in at least one language." in messages_in(response)

    data["name_ja"] = "報道担当"
    assert admin_client.post(url, data).status_code == 302


def test_new_trip_is_added_with_legs_first(admin_client):
    official = PersonFactory()
    city = CityFactory()
    url = admin_url("visits", "visit", "add")
    response = admin_client.get(url)
    assert "engagements-TOTAL_FORMS" not in response.content.decode()
    data = post_data(response)
    data.update(
        {
            "title_ko": "중국 순방",
            "official": str(official.pk),
            "start_date": "2024-07-24",
            "end_date": "2024-08-01",
            "legs-0-city": str(city.pk),
            "legs-0-start_date": "2024-07-24",
            "legs-0-end_date": "2024-08-01",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, messages_in(response)
    trip = Visit.objects.get()
    assert trip.slug and trip.status == Status.DRAFT
    assert list(trip.legs.values_list("order", flat=True)) == [1]
