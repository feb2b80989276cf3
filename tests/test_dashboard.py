"""The newsroom dashboard, the admin's start page: what goes out next (in Seoul time and
the viewer's), what waits for review, for which translation and for whom, coverage that
needs attention and trips ahead; each line a link to its item, each list one click from
its filtered changelist; what each role sees; a constant number of queries; the
"Pressroom" branding on every admin page."""

import datetime as dt
import re
from itertools import count

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from press.models import Clipping, Coverage, LinkState, PressRelease
from visits.adminkit import dashboard
from visits.models import Visit
from visits.publishing import Status
from visits.translators import TranslatorLanguages

from .factories import CoverageFactory, PressReleaseFactory, VisitFactory, assign_languages
from .test_admin import admin_url, messages_in, post_data
from .test_roles import member

pytestmark = pytest.mark.django_db

UTC = dt.UTC
#: 1 March 2099, 01:00 UTC: 10:00 in Seoul, 02:00 in Paris (winter time).
AHEAD = dt.datetime(2099, 3, 1, 1, 0, tzinfo=UTC)
_fingerprints = count()


def index(client, **cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response


def section(response, key: str) -> str:
    """The HTML of one section of the dashboard ("" when the user does not see it)."""
    html = response.content.decode()
    found = re.search(
        rf'<section class="dashboard-section" aria-labelledby="dashboard-{key}">(.*?)'
        r"</div>\s*</section>",
        html,
        re.S,
    )
    return found.group(1) if found else ""


def part(response, key: str, title: str) -> str:
    """One list of a section, by the start of its heading."""
    for chunk in section(response, key).split('<section class="dashboard-part">')[1:]:
        if re.search(rf"<h3>{re.escape(title)}", chunk):
            return chunk
    return ""


def change(obj) -> str:
    return admin_url(obj._meta.app_label, obj._meta.model_name, "change", obj.pk)


def see_all(html: str) -> str:
    return (
        re.search(r'class="dashboard-see-all"><a href="([^"]+)"', html)
        .group(1)
        .replace("&amp;", "&")
    )


def imported(**kwargs) -> Coverage:
    item = CoverageFactory(draft=True, **kwargs)
    Clipping.objects.create(
        coverage=item, original="x", text="x", fingerprint=f"{next(_fingerprints):064d}"
    )
    return item


def link_state(item, status):
    moment = timezone.now()
    LinkState.objects.create(
        coverage=item, url=item.url, status=status, checked_at=moment, changed_at=moment
    )


# --- branding -----------------------------------------------------------------------


def test_the_index_and_login_pages_say_pressroom_and_the_office(client, admin_user):
    login = client.get(reverse("admin:login")).content.decode()
    client.force_login(admin_user)
    home = index(client).content.decode()
    for html in (login, home):
        assert "Pressroom" in html
        assert "Seoul Metropolitan Government International Press Office" in html
        assert "Django administration" not in html
        assert "Django site admin" not in html
    assert re.search(r"<title>[^<]*Pressroom</title>", login)
    assert "<h1>Newsroom dashboard" in home


def test_the_office_name_is_a_setting(admin_client, settings):
    settings.PRESSROOM_OFFICE_NAME = "Busan Press Room"
    html = index(admin_client).content.decode()
    assert "Pressroom · Busan Press Room" in html


def test_the_branding_is_translated(admin_client):
    response = admin_client.get(reverse("admin:index").replace("/en/", "/ko/"))
    html = response.content.decode()
    assert "서울특별시" in html
    assert "Django" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_the_newsrooms_apps_come_before_auth(admin_client):
    html = index(admin_client).content.decode()
    apps = html[html.index('id="dashboard-apps"') :]
    assert apps.index("app-press") < apps.index("app-visits") < apps.index("app-auth")


# --- each section: the right items, and not others -------------------------------------


def test_going_out_next_in_seoul_time_and_the_viewers(admin_client):
    scheduled = PressReleaseFactory(scheduled=True, published_at=AHEAD)
    japanese_later = PressReleaseFactory(
        title_ja="日本語", body_ja="<p>本文</p>", public_from_ja=AHEAD + dt.timedelta(hours=6)
    )
    out = PressReleaseFactory()  # public, nothing ahead
    draft = PressReleaseFactory(draft=True)
    response = index(admin_client, pressroom_tz="Europe/Paris")
    html = part(response, "next", "Press releases")

    assert f'href="{change(scheduled)}"' in html
    assert f'href="{change(japanese_later)}"' in html
    assert f'href="{change(out)}"' not in html and f'href="{change(draft)}"' not in html
    # Nearest first: the scheduled release (10:00 Seoul), then Japanese at 16:00.
    assert html.index(change(scheduled)) < html.index(change(japanese_later))
    assert '<time datetime="2099-03-01T01:00:00Z" class="newsroom-time">' in html
    assert re.search(r"10:00[^<]*Seoul time", html)
    assert re.search(r"02:00[^<]*your time, Europe/Paris", html)
    # The Japanese text's own time, named by its language.
    assert re.search(r"Japanese: <time datetime=\"2099-03-01T07:00:00Z\"[^>]*>[^<]*16:00", html)
    assert re.search(r"08:00[^<]*your time, Europe/Paris", html)


def test_the_viewers_zone_as_the_browser_sends_it(admin_client):
    """static/js/dashboard.js percent-encodes the zone's name in its cookie; read as
    sent, "Europe%2FParis" named no zone, and the server never gave the viewer's time."""
    PressReleaseFactory(scheduled=True, published_at=AHEAD)
    html = part(index(admin_client, pressroom_tz="Europe%2FParis"), "next", "Press releases")
    assert re.search(r"02:00[^<]*your time, Europe/Paris", html)
    assert "data-moment" not in html  # nothing left for the browser to fill in


def test_without_the_viewers_zone_the_browser_fills_it_in(admin_client):
    PressReleaseFactory(scheduled=True, published_at=AHEAD)
    html = part(index(admin_client), "next", "Press releases")
    assert '<span class="viewer-time" data-moment="2099-03-01T01:00:00Z"' in html
    assert "your time," not in html
    bad = part(index(admin_client, pressroom_tz="Mars/Olympus"), "next", "Press releases")
    assert "Mars" not in bad


def test_a_viewer_in_seoul_reads_one_time(admin_client):
    PressReleaseFactory(scheduled=True, published_at=AHEAD)
    html = part(index(admin_client, pressroom_tz="Asia/Seoul"), "next", "Press releases")
    assert "Seoul time" in html and "your time" not in html


def test_waiting_for_review(admin_client):
    release = PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
    coverage = CoverageFactory(status=Status.IN_REVIEW, published_at=None)
    trip = VisitFactory(status=Status.IN_REVIEW, published_at=None)
    drafts = [PressReleaseFactory(draft=True), CoverageFactory(draft=True)]
    response = index(admin_client)
    html = section(response, "review")
    for item in (release, coverage, trip):
        assert f'href="{change(item)}"' in html
    for item in drafts:
        assert f'href="{change(item)}"' not in html


def test_waiting_for_translation_per_language_with_the_age_of_the_wait(admin_client):
    no_japanese = PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
    not_ready = PressReleaseFactory(title_ja="日本語", body_ja="<p>本文</p>", ready_ja=False)
    done = PressReleaseFactory(
        title_ja="日本語",
        body_ja="<p>本文</p>",
        title_ko="한국어",
        body_ko="<p>본문</p>",
        title_zh_hans="中文",
        body_zh_hans="<p>正文</p>",
    )
    draft = PressReleaseFactory(draft=True)  # not submitted yet: nobody translates it
    PressRelease.objects.filter(pk=no_japanese.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=3)
    )
    response = index(admin_client)
    japanese = part(response, "translation", "Japanese: press releases")
    assert f'href="{change(no_japanese)}"' in japanese
    assert f'href="{change(not_ready)}"' in japanese
    assert f'href="{change(done)}"' not in japanese
    assert f'href="{change(draft)}"' not in japanese
    assert re.search(r"waiting <time datetime=\"[^\"]+\"[^>]*>3\xa0days</time>", japanese)
    korean = part(response, "translation", "Korean: press releases")
    assert f'href="{change(not_ready)}"' in korean and f'href="{change(done)}"' not in korean


def test_trips_waiting_for_translation(admin_client):
    trip = VisitFactory()
    complete = VisitFactory(title_ja="旅", summary_ja="要約", title_ko="출장", summary_ko="요약")
    html = part(index(admin_client), "translation", "Japanese: trips")
    assert f'href="{change(trip)}"' in html and f'href="{change(complete)}"' not in html


def test_drafts_by_their_owner(admin_client, admin_user):
    other = User.objects.create_user("jimin", first_name="Ji-min", last_name="Park")
    mine = PressReleaseFactory(draft=True, owner=admin_user)
    theirs = PressReleaseFactory(draft=True, owner=other)
    nobodys = PressReleaseFactory(draft=True)
    submitted = PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
    html = part(index(admin_client), "drafts", "Press releases")
    for item in (mine, theirs, nobodys):
        assert f'href="{change(item)}"' in html
    assert f'href="{change(submitted)}"' not in html
    assert "owner: Ji-min Park" in html and "owner: admin" in html and "no owner" in html
    assert html.index(change(mine)) < html.index(change(theirs))  # the viewer's own first


def test_coverage_that_needs_attention(admin_client):
    waiting = imported()
    approved = imported()
    Coverage.objects.filter(pk=approved.pk).update(
        status=Status.PUBLISHED, published_at=timezone.now()
    )
    typed_in = CoverageFactory(draft=True)  # not from a clipping
    gone, fine = CoverageFactory(), CoverageFactory()
    link_state(gone, "gone")
    link_state(fine, "ok")
    response = index(admin_client)
    clippings = part(response, "coverage", "Imported from clippings")
    assert f'href="{change(waiting)}"' in clippings
    assert f'href="{change(approved)}"' not in clippings
    assert f'href="{change(typed_in)}"' not in clippings
    links = part(response, "coverage", "Links found gone")
    assert f'href="{change(gone)}"' in links and f'href="{change(fine)}"' not in links
    assert "found gone: <time" in links


def test_trips_under_way_or_coming_up(admin_client):
    today = timezone.localdate()
    under_way = VisitFactory(start_date=today - dt.timedelta(days=2))
    coming = VisitFactory(start_date=today + dt.timedelta(days=20), draft=True)
    past = VisitFactory(start_date=today - dt.timedelta(days=30))
    withdrawn = VisitFactory(start_date=today + dt.timedelta(days=5), withdrawn=True)
    html = part(index(admin_client), "trips", "Trips")
    assert html.index(change(under_way)) < html.index(change(coming))
    assert "under way" in html and "coming up" in html
    assert f'href="{change(past)}"' not in html and f'href="{change(withdrawn)}"' not in html


# --- "see all": the changelist filtered to the same rows ----------------------------


@pytest.mark.parametrize(
    ("key", "title", "make", "other"),
    [
        (
            "next",
            "Press releases",
            lambda: PressReleaseFactory(scheduled=True, published_at=AHEAD),
            lambda: PressReleaseFactory(),
        ),
        (
            "translation",
            "Japanese: press releases",
            lambda: PressReleaseFactory(status=Status.IN_REVIEW, published_at=None),
            lambda: PressReleaseFactory(draft=True),
        ),
        (
            "translation",
            "Japanese: trips",
            lambda: VisitFactory(),
            lambda: VisitFactory(draft=True),
        ),
        (
            "review",
            "Coverage",
            lambda: CoverageFactory(status=Status.IN_REVIEW, published_at=None),
            lambda: CoverageFactory(),
        ),
        (
            "drafts",
            "Trips",
            lambda: VisitFactory(draft=True),
            lambda: VisitFactory(),
        ),
        ("coverage", "Imported from clippings", imported, lambda: CoverageFactory(draft=True)),
        (
            "trips",
            "Trips",
            lambda: VisitFactory(start_date=timezone.localdate()),
            lambda: VisitFactory(start_date=dt.date(2019, 7, 21)),
        ),
    ],
)
def test_see_all_opens_the_changelist_of_the_same_rows(admin_client, key, title, make, other):
    shown, hidden = make(), other()
    html = part(index(admin_client), key, title)
    assert f'href="{change(shown)}"' in html
    response = admin_client.get(see_all(html))
    assert response.status_code == 200
    listed = {obj.pk for obj in response.context["cl"].result_list}
    assert shown.pk in listed and hidden.pk not in listed


def test_see_all_links_gone(admin_client):
    gone = CoverageFactory()
    link_state(gone, "gone")
    response = admin_client.get(see_all(part(index(admin_client), "coverage", "Links found")))
    assert [obj.pk for obj in response.context["cl"].result_list] == [gone.pk]


def test_a_list_shows_ten_lines_and_the_total(admin_client):
    for _n in range(12):
        PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
    html = part(index(admin_client), "review", "Press releases")
    assert "(12 items)" in html
    assert html.count("<li>") == dashboard.LIMIT


def test_the_longest_waits_come_first(admin_client):
    """A queue: past ten lines, the newest waits fall off the page, not the oldest."""
    waiting = [PressReleaseFactory(status=Status.IN_REVIEW, published_at=None) for _n in range(12)]
    for days, release in enumerate(waiting):
        PressRelease.objects.filter(pk=release.pk).update(
            updated_at=timezone.now() - dt.timedelta(days=days)
        )
    html = part(index(admin_client), "review", "Press releases")
    shown = [int(pk) for pk in re.findall(r"/pressrelease/(\d+)/change/", html)]
    assert shown == [release.pk for release in reversed(waiting)][:10]


# --- owners -------------------------------------------------------------------------


def test_the_creator_owns_what_they_add(client):
    editor = member("Editor")
    client.force_login(editor)
    url = admin_url("press", "pressrelease", "add")
    data = post_data(client.get(url))
    data.update({"title_en": "Seoul at the Paris Olympics", "body_en": "<p>Text.</p>"})
    response = client.post(url, data)
    assert response.status_code == 302, messages_in(response)
    assert PressRelease.objects.get().owner == editor


def test_only_a_publisher_hands_an_item_on(client):
    editor, publisher = member("Editor"), member("Publisher")
    release = PressReleaseFactory(draft=True, owner=editor)
    client.force_login(editor)
    form = client.get(change(release)).context["adminform"].form
    assert "owner" not in form.fields  # shown, read only
    client.force_login(publisher)
    response = client.get(change(release))
    assert "owner" in response.context["adminform"].form.fields
    data = post_data(response)
    data["owner"] = str(publisher.pk)
    response = client.post(change(release), data)
    assert response.status_code == 302, messages_in(response)
    release.refresh_from_db()
    assert release.owner == publisher


def test_the_owner_filter(admin_client, admin_user):
    mine = VisitFactory(draft=True, owner=admin_user)
    nobodys = VisitFactory(draft=True)
    url = admin_url("visits", "visit", "changelist")
    listed = admin_client.get(url + "?owner=mine").context["cl"].result_list
    assert [obj.pk for obj in listed] == [mine.pk]
    listed = admin_client.get(url + "?owner=none").context["cl"].result_list
    assert [obj.pk for obj in listed] == [nobodys.pk]


# --- who sees what --------------------------------------------------------------------


def test_a_user_sees_only_lists_of_models_they_may_view(client):
    user = User.objects.create_user("desk", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_coverage"))
    CoverageFactory(status=Status.IN_REVIEW, published_at=None)
    PressReleaseFactory(scheduled=True, published_at=AHEAD)
    client.force_login(user)
    response = index(client)
    assert part(response, "review", "Coverage")
    assert not part(response, "review", "Press releases")
    assert not section(response, "next") and not section(response, "translation")
    assert not section(response, "trips")


def test_a_translator_sees_the_translations_first(client):
    client.force_login(member("Translator"))
    html = index(client).content.decode()
    first = re.search(r'aria-labelledby="dashboard-(\w+)"', html).group(1)
    assert first == "translation"


def test_a_translator_sees_the_lists_of_their_languages(client, admin_user):
    PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)  # no translation yet
    translator = member("Translator")
    assign_languages(translator, "ja", "ko")
    client.force_login(translator)
    response = index(client)
    assert part(response, "translation", "Japanese: press releases")
    assert part(response, "translation", "Korean: press releases")
    assert not part(response, "translation", "Simplified Chinese: press releases")
    assert dashboard.languages_for(admin_user) == ("en", "ko", "zh-hans", "ja")
    # One who translates nothing yet still sees what waits, in every language.
    TranslatorLanguages.objects.filter(user=translator).update(languages=[])
    assert dashboard.languages_for(User.objects.get(pk=translator.pk)) == (
        "en",
        "ko",
        "zh-hans",
        "ja",
    )


# --- cost -----------------------------------------------------------------------------


def make_each_kind(n: int):
    today = timezone.localdate()
    for _i in range(n):
        PressReleaseFactory(scheduled=True, published_at=AHEAD, public_from_ja=AHEAD)
        PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
        PressReleaseFactory(draft=True)
        CoverageFactory(status=Status.IN_REVIEW, published_at=None)
        CoverageFactory(draft=True)
        imported()
        link_state(CoverageFactory(), "gone")
        VisitFactory(start_date=today, status=Status.IN_REVIEW, published_at=None)
        VisitFactory(draft=True)


def queries_of_index(client) -> int:
    client.get(reverse("admin:index"))  # warm up: session, permissions, content types
    with CaptureQueriesContext(connection) as queries:
        index(client, pressroom_tz="Europe/Paris")
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_one_item_or_many(admin_client):
    make_each_kind(1)
    one = queries_of_index(admin_client)
    make_each_kind(12)
    assert Visit.objects.count() > 2 * dashboard.LIMIT
    assert queries_of_index(admin_client) == one


def test_older_items_take_the_user_of_their_first_revision(admin_user):
    import reversion
    from django.apps import apps

    from visits.migrations._owners import owners_from_first_revisions

    later = User.objects.create_user("later")
    release = PressReleaseFactory(draft=True)
    outside = PressReleaseFactory(draft=True)  # its first revision has no user
    for user in (admin_user, later):
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.add_to_revision(release)
    PressRelease.objects.update(owner=None)

    owners_from_first_revisions("press", "PressRelease")(apps, None)

    release.refresh_from_db()
    outside.refresh_from_db()
    assert release.owner == admin_user and outside.owner is None


def test_an_item_is_handed_only_to_staff_and_keeps_a_former_one(client):
    publisher = member("Publisher")
    former = User.objects.create_user("former", is_staff=False)
    outsider = User.objects.create_user("outsider", is_staff=False)
    release = PressReleaseFactory(draft=True, owner=former)
    client.force_login(publisher)
    response = client.get(change(release))
    choices = set(response.context["adminform"].form.fields["owner"].queryset)
    assert publisher in choices and former in choices and outsider not in choices
    data = post_data(response)  # saved as it is: the former owner stays
    response = client.post(change(release), data)
    assert response.status_code == 302, messages_in(response)
    release.refresh_from_db()
    assert release.owner == former


def section_order(response) -> list[str]:
    return re.findall(r'aria-labelledby="dashboard-(\w+)"', response.content.decode())


def test_editors_find_their_drafts_first_and_publishers_what_goes_out(client, admin_client):
    PressReleaseFactory(draft=True)
    PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
    client.force_login(member("Editor"))
    assert section_order(index(client))[0] == "drafts"
    assert section_order(index(admin_client))[:2] == ["next", "review"]


def test_a_releases_own_language_waits_for_its_writers_not_a_translator(admin_client):
    korean = PressReleaseFactory(
        original_language="ko", title_ko="서울", body_ko="<p>본문</p>", ready_ko=False
    )
    response = index(admin_client)
    assert f'href="{change(korean)}"' not in part(response, "translation", "Korean: press")
    assert f'href="{change(korean)}"' in part(response, "translation", "Japanese: press")
    # "See all" agrees with the list.
    listed = admin_client.get(admin_url("press", "pressrelease", "changelist") + "?waiting=ko")
    assert korean not in listed.context["cl"].result_list
