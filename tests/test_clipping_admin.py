"""Importing clippings in the admin, as an editor meets it: the button on the coverage
list, the paste-or-upload form, the review screen (what was recognised, how sure, why;
nothing saved), the confirmation and its messages; refusals in the editor's language;
the coverage list's "needs attention" filter and column, and a record's archived clipping
with its original to download."""

import random
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from press.admin.clipping_upload import BATCH_LIMIT, pack, unpack
from press.clippings import importing
from press.clippings.results import Source
from press.models import Clipping, Coverage, Outlet, PressRelease
from visits.publishing import Status

from .factories import CoverageFactory, PressReleaseFactory, VisitFactory
from .test_admin import admin_url
from .test_clipping_import import (
    HERALD,
    HERALD_HEADLINE,
    RELEASE,
    RELEASE_TITLE,
    RIVER,
    RIVER_HEADLINE,
    make_trip,
    recognised,
)

pytestmark = pytest.mark.django_db

# How messages name the pasted clippings: their number and the start of their headline.
HERALD_LABEL = f"#1 ({HERALD_HEADLINE})"  # 28 characters: whole
RIVER_LABEL = "#2 (Seoul mayor watches a humanoid…)"
FRENCH = "Le maire de Séoul visite un centre de robots à Pékin et rencontre des entreprises."


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


class Node:
    """An element of a page, as the tests read it (`dom`)."""

    def __init__(self, tag: str, attrs: dict, parent=None):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list = []  # Nodes and strings

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, *, cls=None, **attrs) -> list["Node"]:
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(key.rstrip("_").replace("_", "-")) == value
                    for key, value in attrs.items())
        ]  # fmt: skip

    def find(self, tag=None, **kw) -> "Node":
        found = self.find_all(tag, **kw)
        assert found, f"no {tag} {kw} in {self!r}"
        return found[0]

    def by_id(self, element_id: str) -> "Node | None":
        return next((node for node in self.iter() if node.attrs.get("id") == element_id), None)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        parts = [c if isinstance(c, str) else f"{c.text}" for c in self.children]
        return " ".join("".join(parts).split())

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class Dom(HTMLParser):
    """A page as a tree of `Node`s (the standard library's parser, as the other tests)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {})
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {key: value or "" for key, value in attrs}, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        for node in [self.current, *self.current.ancestors()]:
            if node.tag == tag:
                self.current = node.parent
                return

    def handle_data(self, data):
        self.current.children.append(data)


def dom(response) -> Node:
    return Dom(response.content.decode()).root


def shown_messages(response) -> list[str]:
    """The messages as the page shows them (the admin capitalises their first letter)."""
    return [li.text for li in dom(response).find("ul", cls="messagelist").find_all("li")]


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
    assert [item.label for item in (herald, release, river)] == [
        HERALD_LABEL,
        "#2 (Seoul Mayor sees Beijing's huma…)",
        "river.txt",
    ]
    assert herald.form["headline"].value() == HERALD_HEADLINE
    assert herald.form["outlet"].value() == Outlet.objects.get(name_en="Herald Economy").pk
    assert herald.form["trip"].value() == trip.pk
    assert str(herald.form["published_on"].value()) == "2024-08-04"
    assert release.recognition.is_release
    assert release.form["number"].value() == "SMG 512"
    assert "outlet" not in release.form.fields
    assert river.form["outlet"].value() is None
    assert river.form["outlet_choice"].value() == "new"  # proposed, shown, not yet made
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
        f"{HERALD_LABEL}: created coverage {herald.pk}",
        f"{RIVER_LABEL}: created coverage {river.pk} (needs a date)",
    ]
    assert {herald.status, river.status} == {Status.DRAFT}
    assert herald.visit == trip and herald.clippings.get().imported_by.username == "editor"
    # The outlet the review proposed (and the editor saw, ticked) is made.
    assert river.outlet.name_en == "Han River Herald"
    assert river.outlet.domain_list() == ["hanriverherald.kr"]


def test_the_editors_corrections_are_what_is_saved(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    data = review_data(review)
    data["c0-headline"] = "오세훈 시장, 베이징 휴머노이드 로봇 혁신센터 방문"
    data["c0-byline"] = "김우영 (Kim Woo-young)"
    data["c0-published_time"] = "11:20"
    data["c0-engagements"] = [str(trip.engagements.get().pk)]
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
    assert f"{RIVER_LABEL}: not imported (left unticked)" in messages_of(response)


def test_a_mistake_on_the_review_is_shown_and_nothing_is_saved(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    data = review_data(review)
    data["c1-headline"] = ""
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

    assert messages_of(response) == [f"{HERALD_LABEL}: already have coverage {coverage.pk}"]
    assert Coverage.objects.count() == 1 and Clipping.objects.count() == 1

    review = read(editor_client, pasted=HERALD)
    (item,) = review.context["items"]
    assert item.form is None and item.duplicate_url.endswith(f"/coverage/{coverage.pk}/change/")


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
        f"{HERALD_LABEL}: created coverage {coverage.pk}",
        f"#2 ({HERALD_HEADLINE}): already have coverage {coverage.pk}",
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


def test_screen_readers_hear_each_guess_with_its_field_and_each_group_by_name(editor_client, trip):
    response = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    herald = response.context["items"][0].recognition
    form = dom(response).find("form", id="clipping_review_form")

    # Everything an input says it is described by is on the page.
    described = [node for node in form.iter() if "aria-describedby" in node.attrs]
    assert len(described) > 20
    for node in described:
        for ref in node.attrs["aria-describedby"].split():
            assert form.by_id(ref) is not None, (node, ref)

    # Each guess's confidence and reason is read with its input.
    headline = form.find("input", name="c0-headline")
    (guess,) = [form.by_id(ref) for ref in headline.attrs["aria-describedby"].split()]
    assert guess.text == f"certain ({round(herald.headline.confidence * 100)} %) " + (
        " ".join(herald.headline.reason.split())
    )
    subheadlines = form.find("textarea", name="c0-subheadlines")
    help_texts = [form.by_id(ref).text for ref in subheadlines.attrs["aria-describedby"].split()]
    assert help_texts == ["One per line."]

    # The events, the releases and the outlet: a fieldset each, named by its legend and
    # described by the desk's guess.
    for name, legend in (
        ("c0-engagements", "Events:"),
        ("c0-releases", "Releases covered:"),
        ("c0-outlet_choice", "Outlet:"),
    ):
        group = form.find("fieldset", cls=f"field-{name[3:]}")
        assert group.find("legend").text == legend
        refs = group.attrs["aria-describedby"].split()
        assert "clipping__guess" in form.by_id(refs[0]).classes
        assert form.by_id(refs[0]).find("strong").text
        if name != "c0-releases":  # the trip has no releases to offer
            assert group.find_all("input", name=name)

    # Each clipping is a fieldset named by its label and headline.
    for number, headline_text in ((1, HERALD_HEADLINE), (2, RIVER_HEADLINE)):
        clipping = form.find("fieldset", id=f"clipping-{number}")
        first = next(child for child in clipping.children if isinstance(child, Node))
        assert first.tag == "legend" and first.text == f"#{number}: {headline_text}"


def test_an_unknown_outlet_is_one_choice_of_three_and_made_only_as_shown(editor_client, trip):
    review = read(editor_client, pasted=f"{HERALD}\n---\n{RIVER}")
    page = dom(review)

    def ticked(prefix):
        radios = page.find_all("input", type="radio", name=f"{prefix}-outlet_choice")
        return {radio.attrs["value"]: "checked" in radio.attrs for radio in radios}

    # Found: one of ours, and no new outlet's fields to fill in (they are the third
    # option, unticked and empty).
    assert ticked("c0") == {"existing": True, "new": False, "none": False}
    herald_name = page.find("input", name="c0-new_outlet_name")
    option = next(node for node in herald_name.ancestors() if "clipping__option" in node.classes)
    assert "checked" not in option.find("input", type="radio").attrs
    assert herald_name.attrs.get("value", "") == ""
    assert not page.find_all("input", name="c0-new_outlet")
    # A name found but no outlet of ours: "create" ticked, the name to edit, and said.
    assert ticked("c1") == {"existing": False, "new": True, "none": False}
    assert page.find("input", name="c1-new_outlet_name").attrs["value"] == "Han River Herald"
    note = page.by_id("id_c1-outlet_choice_note").text
    assert "“Han River Herald”" in note and "creates it as a new outlet" in note
    assert Outlet.objects.count() == 1  # nothing made by reading


def test_the_editor_may_leave_the_outlet_empty_but_not_choose_twice(editor_client, trip):
    herald = Outlet.objects.get(name_en="Herald Economy")
    data = review_data(read(editor_client, pasted=RIVER))

    data["c0-outlet"] = str(herald.pk)  # chosen in the list, with "create" still ticked
    response = editor_client.post(import_url(), data)
    assert "Choose an outlet from the list or create a new one, not both." in errors_in(response)

    data["c0-outlet_choice"] = "existing"
    del data["c0-outlet"]
    response = editor_client.post(import_url(), data)
    assert "Choose the outlet from the list, or another option." in errors_in(response)
    assert not Coverage.objects.exists() and Outlet.objects.count() == 1

    data["c0-outlet_choice"] = "none"
    response = editor_client.post(import_url(), data, follow=True)

    coverage = Coverage.objects.get()
    assert coverage.outlet is None and Outlet.objects.count() == 1
    assert messages_of(response) == [
        "#1 (Seoul mayor watches a humanoid…): created coverage "
        f'{coverage.pk} (needs an outlet: "Han River Herald"; needs a date)'
    ]


def test_back_on_the_trip_the_desk_guessed_its_events_are_ticked_again(editor_client, trip):
    elsewhere = VisitFactory(title_en="Mayor Oh Se-hoon in Shanghai")
    event = trip.engagements.get()
    review = read(editor_client, pasted=HERALD)
    assert review.context["items"][0].form["engagements"].value() == [event.pk]

    def redraw(response, **changes):
        data = {**review_data(response), "_redraw": "Show the events of the trips chosen"}
        data.update(changes)
        return editor_client.post(import_url(), {k: v for k, v in data.items() if v is not None})

    def ticked(response):
        boxes = dom(response).find_all("input", name="c0-engagements")
        return [int(box.attrs["value"]) for box in boxes if "checked" in box.attrs]

    away = redraw(review, **{"c0-trip": str(elsewhere.pk)})
    assert ticked(away) == []
    back = redraw(away, **{"c0-trip": str(trip.pk)})
    assert ticked(back) == [event.pk]
    # Redrawn on the same trip, what the editor unticked stays unticked.
    again = redraw(back, **{"c0-engagements": None})
    assert ticked(again) == []
    assert not Coverage.objects.exists()


def test_a_duplicate_says_what_it_repeats_and_folds_its_texts(editor_client, trip):
    pasted = f"{HERALD}\n---\n{RELEASE}"
    editor_client.post(import_url(), review_data(read(editor_client, pasted=pasted)))
    coverage, release = Coverage.objects.get(), PressRelease.objects.get()

    page = dom(read(editor_client, pasted=pasted))

    herald, smg = page.find("fieldset", id="clipping-1"), page.find("fieldset", id="clipping-2")
    said = herald.find("p", cls="clipping__duplicate")
    link = said.find("a")
    assert link.attrs["href"] == admin_url("press", "coverage", "change", coverage.pk)
    assert link.text == HERALD_HEADLINE
    assert said.text.startswith(f"Already have coverage {coverage.pk}, {HERALD_HEADLINE}")
    assert "from Herald Economy (same outlet and headline)" in said.text
    said = smg.find("p", cls="clipping__duplicate")
    assert said.find("a").text == f"SMG 512 · {RELEASE_TITLE}"
    assert said.find("a").attrs["href"] == admin_url("press", "pressrelease", "change", release.pk)
    heading = smg.find("legend").text
    assert "city press release" in heading and "becomes a release draft" not in heading
    for clipping in (herald, smg):  # the texts folded away
        for pre in clipping.find_all("pre"):
            assert "details" in [node.tag for node in pre.ancestors()]
        assert clipping.find("details").find("summary").text == "Its cleaned text and original"


def test_imported_drafts_belong_to_the_importing_editor(editor_client, trip):
    # The dashboard lists drafts by their owner, the editor's own first: an imported
    # draft is the importing editor's, as one typed in the admin is.
    review = read(editor_client, pasted=f"{RELEASE}\n---\n{HERALD}")
    editor_client.post(import_url(), review_data(review))

    release, coverage = PressRelease.objects.get(), Coverage.objects.get()
    assert release.owner.username == coverage.owner.username == "editor"
    # Imported by the command, nobody's.
    assert importing.save_recognition(recognised(RIVER)).created
    assert Coverage.objects.get(headline__contains="humanoid").owner is None


def test_a_review_with_nothing_to_import_offers_only_the_way_back(editor_client, trip):
    importing.save_recognition(recognised(HERALD))

    nothing = dom(read(editor_client, pasted=f"{HERALD}\n---\n{FRENCH}"))
    something = dom(read(editor_client, pasted=f"{RIVER}\n---\n{FRENCH}"))

    row = nothing.find("div", cls="submit-row")
    assert row.find_all("input") == []
    (back,) = row.find_all("a")
    assert back.text == "Back to the import form" and back.attrs["href"] == import_url()
    row = something.find("div", cls="submit-row")
    assert [button.attrs["name"] for button in row.find_all("input")] == ["_import", "_redraw"]


def test_the_review_gives_choices_room_and_shows_a_page_as_its_text(editor_client, trip):
    release = PressReleaseFactory(visit=trip, number="SMG 511", title_en="Seoul and Beijing talk")
    body = "".join(f"<p>{line}</p>" for line in RIVER.splitlines()[1:] if line.strip())
    html = (
        "<!doctype html><html><head><title>River</title><style>p { color: red }</style>"
        f"<script>var tracking = 1;</script></head><body><article><h1>{RIVER_HEADLINE}</h1>"
        f"{body}</article></body></html>"
    )
    upload = SimpleUploadedFile("river.html", html.encode(), content_type="text/html")

    page = dom(read(editor_client, files=[upload], for_trip=trip))

    original = next(s for s in page.find_all("section") if s.find("h3").text == "Original")
    shown, markup = original.find_all("pre")
    assert shown.text.startswith(f"{RIVER_HEADLINE} The stop was one of")
    assert "<" not in shown.text and "tracking" not in shown.text and "color" not in shown.text
    assert markup.text.startswith("<!doctype html>")
    assert markup.parent.tag == "details" and "open" not in markup.parent.attrs
    # Releases with their numbers, which the desk's reasons cite.
    box = page.find("input", name="c0-releases", value=str(release.pk))
    assert box.parent.tag == "label" and box.parent.text == "SMG 511 · Seoul and Beijing talk"
    # The choices in columns over the width of their group; the headline across it.
    event = page.find("input", name="c0-engagements")
    assert "clipping__choices" in event.parent.parent.parent.classes
    assert "clipping__wide" in page.find("input", name="c0-headline").classes


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
        "#1 (Seoul Mayor sees Beijing's huma…): refused: this is a city press release, and "
        "you may not add press releases"
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
    french = FRENCH

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


def test_messages_show_each_label_as_uploaded_and_say_it_once(editor_client, trip):
    upload = SimpleUploadedFile(
        "francais.txt", "Le maire de Séoul est arrivé à Pékin.".encode(), content_type="text/plain"
    )
    review = read(editor_client, pasted=f"{HERALD}\n---\n{FRENCH}", files=[upload], language="ko")

    response = editor_client.post(import_url("ko"), review_data(review), follow=True)

    herald, pasted, uploaded = shown_messages(response)
    coverage = Coverage.objects.get()
    with translation.override("ko"):
        created = translation.gettext("created coverage %(id)s") % {"id": coverage.pk}
    assert herald == f"{HERALD_LABEL}: {created}"
    french = "#2 (Le maire de Séoul visite un cen…)"
    assert pasted.count("#2") == 1 and pasted.count(french) == 1
    assert uploaded.count("francais.txt") == 1 and "Francais.txt" not in uploaded
    with translation.override("ko"):
        refused = translation.gettext("refused: %(reason)s") % {"reason": ""}
    assert refused.strip() and pasted.startswith(refused.strip())
    assert "프랑스어" in pasted and "프랑스어" in uploaded


def test_a_paste_too_large_for_one_form_is_explained_in_the_editors_language(trip, settings):
    """Django refuses a form over DATA_UPLOAD_MAX_MEMORY_SIZE before any view runs (the
    CSRF check reads it first): the page says why, and what to do, in Korean."""
    from django.test import Client

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 20_000
    client = Client(enforce_csrf_checks=True)
    client.force_login(member("editor"))
    form = client.get(import_url("ko"))
    pasted = dom(form).find("textarea", name="pasted")
    note = dom(form).by_id(pasted.attrs["aria-describedby"]).text
    with translation.override("ko"):
        said = translation.gettext(
            "One paste may hold up to %(size)s of text (about %(characters)s characters of "
            "Korean, Chinese or Japanese); for more, upload the articles as files."
        ) % {"size": "19.5\xa0KB", "characters": "6,666"}
        title = translation.gettext("The request could not be read")
        advice = translation.gettext(
            "Importing clippings? Go back with your browser's Back button, and upload the "
            "articles as .txt or .html files instead of pasting them: files have a far higher "
            "limit. Or paste them a few at a time."
        )
    assert title != "The request could not be read" and said.startswith("한 번에")
    assert " ".join(said.split()) in note

    response = client.post(
        import_url("ko"),
        {
            "csrfmiddlewaretoken": form.cookies["csrftoken"].value,
            "step": "read",
            "pasted": HERALD + "\n---\n" + "베이징 로봇 혁신센터. " * 2_000,  # some 60 kB
        },
    )

    assert response.status_code == 400
    page = dom(response)
    assert page.find("html").attrs["lang"] == "ko"
    assert page.find("h1").text == title
    assert advice in page.find("main").text
    assert not Coverage.objects.exists()


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


def test_the_coverage_list_keeps_needs_and_link_short_with_their_full_text(admin_client, trip):
    save = importing.save_recognition
    imported = Coverage.objects.get(pk=save(recognised(RIVER)).pk)
    linked = CoverageFactory(visit=trip, url="https://hanriverherald.kr/robot")

    page = dom(admin_client.get(admin_url("press", "coverage", "changelist")))

    def cell(coverage, column):
        row = next(tr for tr in page.find_all("tr") if coverage.headline in tr.text)
        return row.find("td", cls=f"field-{column}").find("span", cls="compact")

    needs = cell(imported, "needs")
    full = "needs an outlet, needs a date, needs an address, no byline"
    assert needs.attrs["title"] == full
    assert needs.find("span", aria_hidden="true").text == "outlet, date, address, byline"
    assert needs.find("span", cls="visually-hidden").text == full
    link = cell(linked, "link_mark")
    assert link.attrs["title"] == "never checked"
    assert link.find("span", aria_hidden="true").text == "\N{WHITE CIRCLE}"
    assert link.find("span", cls="visually-hidden").text == "never checked"
    assert "field-headline" in [n.attrs.get("class") for n in page.find_all("th")]


def test_the_coverage_page_tells_its_clipping_from_the_archived_copies(client, trip):
    outcome = importing.save_recognition(recognised(HERALD, name="herald.txt"))
    client.force_login(member("editor"))

    page = dom(client.get(admin_url("press", "coverage", "change", outcome.pk)))

    headings = [h2.text for h2 in page.find_all("h2")]
    ours = headings.index("The clipping it was imported from (staff only)")
    assert headings[ours + 1] == "Archived copies (staff only: the outlet's copyright)"


def test_the_archive_names_a_pasted_clipping_by_what_it_became(admin_client, trip):
    importing.save_recognition(recognised(HERALD))
    importing.save_recognition(recognised(RELEASE, number=2))
    importing.save_recognition(recognised(RIVER, name="river.txt", number=3))

    listing = dom(admin_client.get(admin_url("press", "clipping", "changelist")))

    names = {th.text for th in listing.find_all("th", cls="field-__str__")}
    assert names == {HERALD_HEADLINE, RELEASE_TITLE, "river.txt"}


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
