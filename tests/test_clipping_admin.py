"""Importing clippings in the admin, as an editor meets it: the button on the coverage
list, the paste-or-upload form, the review screen (what was recognised, how sure, why;
nothing saved), the confirmation and its messages; refusals in the editor's language;
the coverage list's "needs attention" filter and column, and a record's archived clipping
with its original to download."""

import random
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from press.admin.clipping_forms import BATCH_LIMIT, pack, unpack
from press.clippings import importing
from press.clippings.results import Source
from press.models import Clipping, Coverage, Outlet, PressRelease
from visits.publishing import Status

from .factories import CoverageFactory, VisitFactory
from .test_admin import admin_url
from .test_clipping_import import (
    HERALD,
    HERALD_HEADLINE,
    RELEASE,
    RIVER,
    make_trip,
    recognised,
)

pytestmark = pytest.mark.django_db


def import_url(language="en"):
    with translation.override(language):
        return admin_url("press", "coverage", "import", language=language)


def member(username: str, role: str = "Editor") -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def trip():
    return make_trip()


@pytest.fixture
def editor_client(client):
    client.force_login(member("editor"))
    return client


def read(client, *, pasted="", files=(), for_trip=None, language="en"):
    data = {"step": "read", "pasted": pasted, "files": list(files)}
    if for_trip is not None:
        data["trip"] = str(for_trip.pk)
    return client.post(import_url(language), data)


def review_data(response) -> dict:
    """What the browser sends back from the review screen, unchanged."""
    data = {
        "step": "confirm",
        "count": str(response.context["count"]),
        "batch_trip": str(response.context["batch_trip"]),
    }
    for item in response.context["items"]:
        if item.packed:
            data[f"{item.prefix}-source"] = item.packed
        form = item.form
        if form is None:
            continue
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or value == []:
                continue
            key = form[name].html_name
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            elif hasattr(value, "isoformat"):
                data[key] = value.isoformat()
            else:
                data[key] = str(value)
    return data


def messages_of(response) -> list[str]:
    return [re.sub(r"<[^>]+>", "", unescape(str(m))) for m in response.context["messages"]]


def errors_in(response) -> str:
    html = response.content.decode()
    found = re.findall(
        r'<(?:ul class="errorlist[^"]*"|p class="errornote[^"]*")[^>]*>(.*?)</(?:ul|p)>', html, re.S
    )
    return unescape(" ".join(re.sub(r"<[^>]+>", "", chunk) for chunk in found))


# --- who may -----------------------------------------------------------------------------


def test_the_coverage_list_offers_the_import_to_those_who_may_add_coverage(client):
    translator = member("translator", "Translator")
    changelist = admin_url("press", "coverage", "changelist")

    client.force_login(member("editor"))
    assert import_url() in client.get(changelist).content.decode()

    client.force_login(translator)
    assert import_url() not in client.get(changelist).content.decode()
    assert client.get(import_url()).status_code == 403
    assert client.post(import_url(), {"step": "read", "pasted": HERALD}).status_code == 403


# --- reading and reviewing -------------------------------------------------------------


def test_the_review_shows_each_guess_and_saves_nothing(editor_client, trip):
    upload = SimpleUploadedFile("river.txt", RIVER.encode(), content_type="text/plain")

    response = read(editor_client, pasted=f"{HERALD}\n---\n{RELEASE}", files=[upload])

    assert response.status_code == 200
    herald, release, river = response.context["items"]
    assert [item.label for item in (herald, release, river)] == ["#1", "#2", "river.txt"]
    assert herald.form["headline"].value() == HERALD_HEADLINE
    assert herald.form["outlet"].value() == Outlet.objects.get(name_en="Herald Economy").pk
    assert herald.form["trip"].value() == trip.pk
    assert str(herald.form["published_on"].value()) == "2024-08-04"
    assert release.recognition.is_release
    assert release.form["number"].value() == "SMG 512"
    assert "outlet" not in release.form.fields
    assert river.form["outlet"].value() is None
    assert river.form["new_outlet"].value() is False
    assert river.form["new_outlet_name"].value() == "Han River Herald"
    assert river.form["new_outlet_domain"].value() == "hanriverherald.kr"

    html = unescape(response.content.decode())
    assert "certain (" in html and "not found" in html
    assert "city press release: becomes a release draft" in html
    assert "Cleaned text" in html and "글씨크기 조절하기" in html  # the original, beside
    assert 'name="c0-import_it" id="id_c0-import_it" checked' in html
    assert 'value="KST"' not in html and ">KST<" in html
    assert not Coverage.objects.exists() and not Clipping.objects.exists()
    assert not PressRelease.objects.exists()


def test_confirming_saves_drafts_and_lists_them(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")

    response = editor_client.post(import_url(), review_data(review), follow=True)

    herald, river = Coverage.objects.order_by("pk")
    assert response.redirect_chain[-1][0].startswith(admin_url("press", "coverage", "changelist"))
    query = parse_qs(urlparse(response.redirect_chain[-1][0]).query)
    assert query == {"id__in": [f"{herald.pk},{river.pk}"]}
    assert set(response.context["cl"].result_list) == {herald, river}
    assert messages_of(response) == [
        f"#1: created coverage {herald.pk}",
        f'#2: created coverage {river.pk} (needs an outlet: "Han River Herald"; needs a date)',
    ]
    assert {herald.status, river.status} == {Status.DRAFT}
    assert herald.visit == trip and herald.clippings.get().imported_by.username == "editor"
    assert river.outlet is None  # not ticked: no outlet is made


def test_the_editors_corrections_are_what_is_saved(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    data = review_data(review)
    data["c0-headline"] = "오세훈 시장, 베이징 휴머노이드 로봇 혁신센터 방문"
    data["c0-byline"] = "김우영 (Kim Woo-young)"
    data["c0-published_time"] = "11:20"
    data["c0-engagements"] = [str(trip.engagements.get().pk)]
    data["c1-new_outlet"] = "on"
    data["c1-new_outlet_name"] = "Han River Herald English"
    data["c1-published_on"] = "2024-08-02"

    editor_client.post(import_url(), data)

    herald, river = Coverage.objects.order_by("pk")
    assert herald.headline == "오세훈 시장, 베이징 휴머노이드 로봇 혁신센터 방문"
    assert herald.byline == "김우영 (Kim Woo-young)"
    assert herald.published_time.isoformat() == "11:20:00"
    assert list(herald.engagements.all()) == list(trip.engagements.all())
    assert river.outlet.name_en == "Han River Herald English"
    assert river.outlet.domain_list() == ["hanriverherald.kr"]
    assert river.published_on.isoformat() == "2024-08-02"


def test_an_unticked_clipping_is_not_imported(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    data = review_data(review)
    del data["c1-import_it"]
    data["c1-headline"] = ""  # an unticked clipping is not checked

    response = editor_client.post(import_url(), data, follow=True)

    assert Coverage.objects.get().headline == HERALD_HEADLINE
    assert "#2: not imported (left unticked)" in messages_of(response)


def test_a_mistake_on_the_review_is_shown_and_nothing_is_saved(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    data = review_data(review)
    data["c1-headline"] = ""
    data["c1-new_outlet"] = "on"
    data["c1-new_outlet_name"] = ""

    response = editor_client.post(import_url(), data)

    assert response.status_code == 200
    assert "This field is required." in errors_in(response)
    assert "Give the new outlet's name." in errors_in(response)
    assert response.context["items"][0].form["headline"].value() == HERALD_HEADLINE
    assert not Coverage.objects.exists()


def test_confirming_again_gives_already_have(editor_client, trip):
    data = review_data(read(editor_client, pasted=HERALD))
    editor_client.post(import_url(), data, follow=True)
    coverage = Coverage.objects.get()

    response = editor_client.post(import_url(), data, follow=True)

    assert messages_of(response) == [f"#1: already have coverage {coverage.pk}"]
    assert Coverage.objects.count() == 1 and Clipping.objects.count() == 1

    review = read(editor_client, pasted=HERALD)
    (item,) = review.context["items"]
    assert item.form is None and item.duplicate_url.endswith(f"/coverage/{coverage.pk}/change/")
    assert f"coverage {coverage.pk}</a>" in review.content.decode()


def test_an_article_pasted_twice_is_imported_once(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{HERALD}")

    first, second = review.context["items"]
    assert first.form is not None and second.form is None
    assert second.recognition.duplicate.earlier == "#1"
    assert "Imported once only: same text as clipping #1 of this import." in unescape(
        review.content.decode()
    )

    response = editor_client.post(import_url(), review_data(review), follow=True)

    coverage = Coverage.objects.get()
    assert messages_of(response) == [
        f"#1: created coverage {coverage.pk}",
        f"#2: already have coverage {coverage.pk}",
    ]


def test_the_review_trusts_nothing_but_the_editors_edits(editor_client, trip):
    data = review_data(read(editor_client, pasted=HERALD))
    forged = pack(Source(original=RIVER, number=1))
    data["c0-source"] = forged[:-3] + ("abc" if not forged.endswith("abc") else "xyz")

    response = editor_client.post(import_url(), data, follow=True)

    assert not Coverage.objects.exists()
    assert "cannot be read back" in messages_of(response)[0]
    assert unpack(pack(Source(original=HERALD, name="a.txt", number=3))) == Source(
        original=HERALD, name="a.txt", number=3
    )


def test_a_tie_between_trips_asks_the_editor_to_choose(editor_client, trip, monkeypatch):
    other = VisitFactory(title_en="Mayor Oh Se-hoon in Shanghai")

    def tied(self, recognition):
        recognition.trip_candidates = [trip, other]

    monkeypatch.setattr(importing.Matcher, "place", tied)
    review = read(editor_client, pasted=HERALD)
    (item,) = review.context["items"]
    assert item.form["trip"].value() is None
    assert "Mayor Oh Se-hoon in Beijing; Mayor Oh Se-hoon in Shanghai" in unescape(
        review.content.decode()
    )

    data = review_data(review)
    response = editor_client.post(import_url(), data)
    assert "Choose its trip." in errors_in(response)
    assert not Coverage.objects.exists()

    data["c0-trip"] = str(other.pk)
    editor_client.post(import_url(), data)
    assert Coverage.objects.get().visit == other


def test_choosing_a_trip_then_redrawing_offers_its_events(editor_client, trip):
    elsewhere = VisitFactory(title_en="Mayor Oh Se-hoon in Shanghai")
    review = read(editor_client, pasted=HERALD)
    data = review_data(review)
    data["c0-engagements"] = [str(trip.engagements.get().pk)]
    data["c0-trip"] = str(elsewhere.pk)
    data["_redraw"] = "Show the events of the trips chosen"

    response = editor_client.post(import_url(), data)

    (item,) = response.context["items"]
    assert item.form.fields["engagements"].choices == []
    assert item.form["trip"].value() == str(elsewhere.pk)
    assert errors_in(response) == ""
    assert not Coverage.objects.exists()


def test_a_release_clipping_needs_the_right_to_add_releases(client, trip):
    writer = User.objects.create_user("writer", password="x", is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_coverage", "change_coverage", "view_coverage"]
        )
    )
    client.force_login(writer)

    review = read(client, pasted=f"{RELEASE}\n---\n{HERALD}")

    release, _herald = review.context["items"]
    assert release.form is None
    assert release.refusal == "this is a city press release, and you may not add press releases"
    response = client.post(import_url(), review_data(review), follow=True)
    assert Coverage.objects.count() == 1 and not PressRelease.objects.exists()
    assert messages_of(response)[0] == (
        "#1: refused: this is a city press release, and you may not add press releases"
    )


# --- bad input ---------------------------------------------------------------------------


def test_nothing_to_import_is_said_in_the_editors_language(editor_client):
    response = read(editor_client, pasted="  \n ", language="ko")

    assert response.status_code == 200
    with translation.override("ko"):
        expected = translation.gettext("Nothing to import: paste an article or choose a file.")
    assert expected != "Nothing to import: paste an article or choose a file."
    assert expected in errors_in(response)


def test_a_bad_file_is_named_in_the_editors_language_and_the_rest_go_on(
    editor_client, trip, settings
):
    settings.PRESSROOM_CLIPPING_MAX_BYTES = 4096
    empty = SimpleUploadedFile("empty.txt", b"", content_type="text/plain")
    binary = SimpleUploadedFile(
        "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", content_type="text/plain"
    )
    large = SimpleUploadedFile("large.html", b"<p>robot</p>" * 1000, content_type="text/html")
    french = "Le maire de Séoul visite un centre de robots à Pékin et rencontre des entreprises."

    alone = read(editor_client, files=[empty], language="ko")
    with translation.override("ko"):
        message = translation.gettext("%(name)s is empty.") % {"name": "empty.txt"}
    assert message != "empty.txt is empty."
    assert message in errors_in(alone)

    empty.seek(0)
    with_others = read(
        editor_client,
        pasted=f"{HERALD}\n---\n{french}",
        files=[empty, binary, large],
        language="ko",
    )
    herald, in_french, empty_item, binary_item, large_item = with_others.context["items"]
    assert herald.form is not None
    assert in_french.form is None and "프랑스어" in in_french.refusal
    assert empty_item.refusal == message and empty_item.label == "empty.txt"
    assert binary_item.refusal and binary_item.form is None
    assert "large.html" in large_item.refusal and large_item.form is None

    response = editor_client.post(import_url("ko"), review_data(with_others), follow=True)
    assert Coverage.objects.count() == 1
    assert any("프랑스어" in message for message in messages_of(response))


def test_forms_are_sent_with_their_csrf_token(trip):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member("editor"))
    assert client.post(import_url(), {"step": "read", "pasted": HERALD}).status_code == 403
    assert 'name="csrfmiddlewaretoken"' in client.get(import_url()).content.decode()


def test_the_review_reads_the_same_number_of_queries_for_more_clippings(
    editor_client, trip, monkeypatch
):
    """Everything the review offers is read once for the batch; only the duplicate check
    asks per clipping, and it is left out here."""
    monkeypatch.setattr(importing.duplicates, "find_duplicate", lambda recognition, **kw: None)
    read(editor_client, pasted=HERALD)  # sessions, permissions and such, read once

    def queries(pasted):
        with CaptureQueriesContext(connection) as captured:
            assert read(editor_client, pasted=pasted).status_code == 200
        return len(captured)

    one = queries(HERALD)
    three = queries(f"{HERALD}\n---\n{RIVER}\n---\n{RELEASE}")
    assert three == one


def test_a_review_holds_a_limited_number_of_clippings(editor_client, trip):
    words = [
        "mayor",
        "city",
        "robot",
        "street",
        "startup",
        "park",
        "meeting",
        "visit",
        "company",
        "center",
        "culture",
        "plan",
        "museum",
        "cluster",
        "district",
        "river",
        "bridge",
        "market",
        "school",
        "library",
        "garden",
    ]

    def article(n):
        shuffled = random.Random(n).sample(words, len(words))
        return f"Seoul note {n}\n\n" + " ".join(shuffled * 3).capitalize() + "."

    pasted = "\n---\n".join(article(n) for n in range(BATCH_LIMIT + 1))
    response = read(editor_client, pasted=pasted)

    items = response.context["items"]
    assert sum(item.form is not None for item in items) == BATCH_LIMIT
    assert "at most 30 clippings" in items[-1].refusal


# --- the coverage list and page --------------------------------------------------------


def test_needs_attention_filter_and_column(admin_client, trip):
    save = importing.save_recognition
    imported = Coverage.objects.get(pk=save(recognised(RIVER)).pk)
    typed = CoverageFactory(byline="", visit=trip)
    changelist = admin_url("press", "coverage", "changelist")

    def shown(needs):
        response = admin_client.get(changelist, {"needs": needs})
        return set(response.context["cl"].result_list)

    assert shown("outlet") == {imported}
    assert shown("date") == {imported}
    assert shown("byline") == {imported, typed}
    assert shown("url") == {imported}
    assert shown("imported") == {imported}
    html = unescape(admin_client.get(changelist).content.decode())
    assert "needs an outlet, needs a date, needs an address, no byline" in html


def test_the_coverage_page_shows_its_clipping_and_the_original_downloads(client, trip):
    outcome = importing.save_recognition(recognised(HERALD, name="herald.txt"))
    coverage = Coverage.objects.get(pk=outcome.pk)
    clipping = coverage.clippings.get()
    client.force_login(member("editor"))

    page = client.get(admin_url("press", "coverage", "change", coverage.pk))
    html = page.content.decode()
    original_url = admin_url("press", "clipping", "original", clipping.pk)
    assert original_url in html
    assert "<details>" in html and "톈궁" in html

    download = client.get(original_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "herald.txt" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download.content.decode() == HERALD

    client.force_login(User.objects.create_user("outsider", password="x", is_staff=True))
    assert client.get(original_url).status_code == 403


def test_the_clipping_archive_is_read_only(admin_client, trip):
    outcome = importing.save_recognition(recognised(RELEASE, name="smg.txt"))
    clipping = Clipping.objects.get(release_id=outcome.pk)

    change = admin_client.get(admin_url("press", "clipping", "change", clipping.pk))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client.get(admin_url("press", "clipping", "add")).status_code == 403
    assert (
        admin_client.post(admin_url("press", "clipping", "delete", clipping.pk)).status_code == 403
    )
    listing = admin_client.get(admin_url("press", "clipping", "changelist"))
    assert "smg.txt" in listing.content.decode()


def test_outlets_are_edited_with_their_other_names_and_domains(admin_client):
    html = admin_client.get(admin_url("press", "outlet", "add")).content.decode()
    assert 'name="aliases"' in html and 'name="domains"' in html
