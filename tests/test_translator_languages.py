"""Per-language translators (issue 22): a translator changes and marks ready only the
languages assigned on their user page; a published item's original language is a
publisher's; writers are not limited. Checked through `editable_languages`, the change
forms and their inlines, crafted POSTs (refused as a whole, with a message), the
changelist actions, the release service and revisions restore."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.utils import timezone

from press import services
from press.models import ChangeNote, PressRelease
from visits.adminkit.languages import editable_languages
from visits.models import Visit
from visits.revisions import record_revision
from visits.text import LANGUAGE_CODES
from visits.translators import TranslatorLanguages

from .factories import (
    CoverageFactory,
    EngagementFactory,
    LegFactory,
    PhotoFactory,
    PressReleaseFactory,
    VisitFactory,
    assign_languages,
)
from .test_admin import admin_url, messages_in, post_data

pytestmark = pytest.mark.django_db

#: Who, and the languages assigned (None: no assignment at all).
PEOPLE = {
    "translator ja": ("Translator", ("ja",)),
    "translator ja+ko": ("Translator", ("ja", "ko")),
    "translator none": ("Translator", None),
    "editor": ("Editor", None),
    "publisher": ("Publisher", None),
}
ALL = LANGUAGE_CODES


def person(who: str) -> User:
    role, codes = PEOPLE[who]
    user = User.objects.create_user(who.replace(" ", "_"), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if codes is not None:
        assign_languages(user, *codes)
    return user


# Every item is written in Japanese (its original language), with English beside it.
def release(published):
    state = {} if published else {"draft": True}
    return PressReleaseFactory(original_language="ja", title_ja="記者発表", **state)


def trip(published):
    state = {} if published else {"draft": True}
    return VisitFactory(title_en="", title_ja="北京訪問", legs=1, **state)


def coverage(published):
    state = {} if published else {"draft": True}
    return CoverageFactory(translated_headline_ja="見出し", translated_headline_en="", **state)


def photo(published):
    state = {} if published else {"draft": True}
    return PhotoFactory(caption_en="", caption_ja="写真", visit=VisitFactory(**state))


def event(published):
    # Public with its trip; translators translate events since press/0016.
    leg = LegFactory(visit=VisitFactory(**({} if published else {"draft": True})))
    return EngagementFactory(leg=leg, title_en="", title_ja="視察")


ITEMS = {"release": release, "trip": trip, "coverage": coverage, "photo": photo}
ITEMS["event"] = event
#: The translated field each item's form is checked by.
KEY_FIELD = {"release": "title", "trip": "title", "coverage": "translated_headline"}
KEY_FIELD["photo"] = "caption"
KEY_FIELD["event"] = "title"


def column(field, code):
    return f"{field}_{code.replace('-', '_')}"


def change_url(obj):
    return admin_url(obj._meta.app_label, obj._meta.model_name, "change", obj.pk)


def stored(obj) -> dict:
    return model_to_dict(type(obj).objects.get(pk=obj.pk), exclude=["image"])


def notes_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


EXPECTED = {
    # (who, published): the languages they may change
    ("translator ja", False): ("ja",),
    ("translator ja", True): (),  # Japanese is the original: a publisher's once out
    ("translator ja+ko", False): ("ko", "ja"),
    ("translator ja+ko", True): ("ko",),
    ("translator none", False): (),
    ("translator none", True): (),
    ("editor", False): ALL,
    ("editor", True): ALL,  # the admin's status rules still keep published items theirs
    ("publisher", False): ALL,
    ("publisher", True): ALL,
}


@pytest.mark.parametrize("published", [False, True], ids=["draft", "published"])
@pytest.mark.parametrize("item", list(ITEMS))
@pytest.mark.parametrize("who", list(PEOPLE))
def test_editable_languages(who, item, published):
    obj = ITEMS[item](published)
    assert editable_languages(person(who), obj) == EXPECTED[who, published]


def test_editable_languages_without_an_item_and_for_others():
    assert editable_languages(person("translator ja+ko")) == ("ko", "ja")
    assert editable_languages(person("translator none")) == ()
    assert editable_languages(person("editor")) == ALL
    assert editable_languages(User.objects.create_superuser("root", password="x")) == ALL
    inactive = person("translator ja")
    inactive.is_active = False
    assert editable_languages(inactive) == ()


@pytest.mark.parametrize("published", [False, True], ids=["draft", "published"])
@pytest.mark.parametrize("item", list(ITEMS))
@pytest.mark.parametrize("who", ["translator ja", "translator ja+ko", "translator none"])
def test_the_form_offers_only_their_languages(client, who, item, published):
    obj = ITEMS[item](published)
    client.force_login(person(who))
    response = client.get(change_url(obj))
    assert response.status_code == 200
    fields = response.context["adminform"].form.fields
    offered = tuple(code for code in ALL if column(KEY_FIELD[item], code) in fields)
    assert offered == EXPECTED[who, published]
    if isinstance(obj, PressRelease):
        ready = tuple(code for code in ALL if column("ready", code) in fields)
        own_time = tuple(code for code in ALL if f"public_from_{code}" in fields)
        assert ready == own_time == EXPECTED[who, published]
    notes = notes_of(response)
    if who == "translator none":
        assert "No languages are assigned to you" in notes
    if published and who != "translator none":
        assert "its original language (Japanese) can be changed only by a publisher" in notes


@pytest.mark.parametrize("item", list(ITEMS))
@pytest.mark.parametrize("who", ["translator ja", "editor", "publisher"])
def test_they_save_their_language_of_a_draft(client, who, item):
    obj = ITEMS[item](False)
    client.force_login(person(who))
    data = post_data(client.get(change_url(obj)))
    data[column(KEY_FIELD[item], "ja")] = "新しい訳"
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, messages_in(response)
    assert stored(obj)[column(KEY_FIELD[item], "ja")] == "新しい訳"


@pytest.mark.parametrize("item", list(ITEMS))
def test_a_publisher_changes_the_original_of_a_published_item(client, item):
    obj = ITEMS[item](True)
    client.force_login(person("publisher"))
    data = post_data(client.get(change_url(obj)))
    data[column(KEY_FIELD[item], "ja")] = "改訂"
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, messages_in(response)
    assert stored(obj)[column(KEY_FIELD[item], "ja")] == "改訂"


def test_a_translator_marks_their_language_ready_with_its_own_time(client):
    obj = release(False)
    client.force_login(person("translator ja+ko"))
    data = post_data(client.get(change_url(obj)))
    later = timezone.localtime() + datetime.timedelta(days=1)
    data.update(
        title_ko="보도자료",
        ready_ko="on",
        public_from_ko_0=later.date().isoformat(),
        public_from_ko_1="09:00:00",
    )
    assert client.post(change_url(obj), data).status_code == 302
    saved = PressRelease.objects.get(pk=obj.pk)
    assert (saved.title_ko, saved.ready_ko) == ("보도자료", True)
    assert saved.public_from_ko is not None


# --- crafted POSTs: refused as a whole, with a message, nothing saved ------------------

CRAFTED = [
    ("release", {"title_ko": "조작"}),
    ("release", {"ready_ko": "on"}),
    ("release", {"public_from_ko_0": "2030-01-01", "public_from_ko_1": "10:00:00"}),
    ("release", {"number": "HACKED"}),
    ("release", {"status": "published"}),
    ("release", {"original_language": "ko"}),
    ("trip", {"title_zh_hans": "访问"}),
    ("trip", {"start_date": "2001-01-01"}),
    ("coverage", {"translated_headline_en": "Headline"}),
    ("coverage", {"headline": "Changed"}),
    ("photo", {"alt_text_ko": "설명"}),
    ("photo", {"credit": "Someone else"}),
    ("event", {"title_en": "Hijacked"}),
    ("event", {"date": "2001-01-01"}),
]


@pytest.mark.parametrize(("item", "crafted"), CRAFTED, ids=[str(c) for _i, c in CRAFTED])
def test_a_crafted_post_is_refused_and_nothing_saved(client, item, crafted):
    obj = ITEMS[item](False)
    before = stored(obj)
    client.force_login(person("translator ja"))
    data = post_data(client.get(change_url(obj)))
    data[column(KEY_FIELD[item], "ja")] = "私の訳"  # their own language, in the same POST
    data.update(crafted)

    response = client.post(change_url(obj), data)

    assert response.status_code == 200
    assert "fields you may not change" in messages_in(response)
    assert "Nothing was saved" in messages_in(response)
    assert stored(obj) == before


def test_the_refusal_is_in_the_users_language(client):
    obj = release(False)
    client.force_login(person("translator ja"))
    url = admin_url("press", "pressrelease", "change", obj.pk, language="ja")
    data = post_data(client.get(url))
    data["title_ko"] = "조작"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "保存されていません" in messages_in(response)


def inline_prefix(response, model) -> str:
    return next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is model
    )


def test_a_change_note_is_translated_in_their_language_only(client):
    obj = release(True)
    note = ChangeNote.objects.create(release=obj, noted_at=timezone.now(), note_en="Fixed")
    client.force_login(person("translator ja+ko"))
    response = client.get(change_url(obj))
    prefix = inline_prefix(response, ChangeNote)
    row = response.context["inline_admin_formsets"]
    fields = next(i for i in row if i.formset.model is ChangeNote).formset.forms[0].fields
    assert "note_ko" in fields and "note_en" not in fields and "note_ja" not in fields
    data = post_data(response)

    crafted = {**data, f"{prefix}-0-note_en": "Rewritten"}
    refused = client.post(change_url(obj), crafted)
    assert refused.status_code == 200
    assert "fields you may not change (note_en)" in messages_in(refused)
    assert ChangeNote.objects.get(pk=note.pk).note_en == "Fixed"

    data[f"{prefix}-0-note_ko"] = "수정됨"
    assert client.post(change_url(obj), data).status_code == 302
    assert ChangeNote.objects.get(pk=note.pk).note_ko == "수정됨"


def test_a_translator_translates_an_event_on_its_own_page(client):
    """Events are edited on their own page (the trip form lists them): a translator
    changes their language there and nothing else."""
    obj = event(False)
    client.force_login(person("translator ja"))
    response = client.get(change_url(obj))
    fields = response.context["adminform"].form.fields
    assert "title_ja" in fields and "description_ja" in fields
    assert not {"title_en", "title_ko", "date", "kind", "place", "leg"} & set(fields)
    data = post_data(response)
    data["title_ja"] = "北京市庁訪問"
    assert client.post(change_url(obj), data).status_code == 302
    assert stored(obj)["title_ja"] == "北京市庁訪問"


def test_rows_shown_read_only_are_sent_back_as_a_browser_sends_them(client):
    """A browser sends a read-only row's id and parent only: that is no change."""
    obj = trip(False)
    EngagementFactory(leg=obj.legs.get(), title_en="Visit", start_time=datetime.time(9))
    client.force_login(person("translator ja"))
    response = client.get(change_url(obj))
    data = post_data(response)
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            keep = {form.add_prefix("id"), form.add_prefix(inline.formset.fk.name)}
            for key in [k for k in data if k.startswith(f"{form.prefix}-") and k not in keep]:
                del data[key]
    data["title_ja"] = "北京への旅"
    response = client.post(change_url(obj), data)
    assert response.status_code == 302, messages_in(response)
    assert Visit.objects.get(pk=obj.pk).title_ja == "北京への旅"


def test_a_translator_is_offered_no_action_that_changes_an_item(client):
    obj = release(False)
    client.force_login(person("translator ja"))
    changelist = client.get(admin_url("press", "pressrelease", "changelist"))
    action_form = changelist.context["action_form"]  # None when no action is offered
    names = {name for name, _label in action_form.fields["action"].choices} if action_form else ()
    assert not set(names) & {"submit_for_review", "publish", "unpublish", "withdraw"}
    data = {"action": "publish", "_selected_action": [str(obj.pk)]}
    client.post(admin_url("press", "pressrelease", "changelist"), data)
    assert PressRelease.objects.get(pk=obj.pk).status == obj.status


# --- the service and revisions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "published", "code", "allowed"),
    [
        ("translator ja", False, "ja", True),
        ("translator ja", False, "ko", False),
        ("translator ja", True, "ja", False),  # the published original
        ("translator ja+ko", True, "ko", True),
        ("translator none", False, "ja", False),
        ("publisher", True, "ja", True),
    ],
)
def test_mark_language_ready_asks_the_same_rule(who, published, code, allowed):
    obj = release(published)
    user = person(who)
    if allowed:
        services.mark_language_ready(release=obj, user=user, language=code)
        assert getattr(PressRelease.objects.get(pk=obj.pk), column("ready", code))
    else:
        with pytest.raises(PermissionDenied):
            services.mark_language_ready(release=obj, user=user, language=code, ready=False)


@pytest.mark.parametrize("item", ["release", "trip", "photo"])
def test_a_translator_may_not_restore_a_revision(client, item):
    """A restore rewrites every language: it stays with those who change the whole item."""
    from reversion.models import Version

    obj = ITEMS[item](False)
    record_revision([obj])
    old = Version.objects.get_for_object(obj).first()
    model = type(obj)
    setattr(obj, column(KEY_FIELD[item], "ja"), "新しい")
    obj.save()
    url = admin_url(obj._meta.app_label, obj._meta.model_name, "revision", obj.pk, old.pk)
    client.force_login(person("translator ja"))
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert getattr(model.objects.get(pk=obj.pk), column(KEY_FIELD[item], "ja")) == "新しい"
    client.force_login(person("editor"))
    assert client.get(url).status_code == 200


# --- where an administrator assigns them ------------------------------------------------


def test_an_administrator_ticks_a_translators_languages_on_their_user_page(admin_client):
    translator = person("translator none")
    url = admin_url("auth", "user", "change", translator.pk)
    response = admin_client.get(url)
    assert "Languages translated" in response.content.decode()
    data = post_data(response)
    prefix = inline_prefix(response, TranslatorLanguages)

    data[f"{prefix}-0-languages"] = ["xx"]
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert not TranslatorLanguages.objects.filter(user=translator).exists()

    data[f"{prefix}-0-languages"] = ["ja", "ko"]
    assert admin_client.post(url, data).status_code == 302
    assert TranslatorLanguages.objects.get(user=translator).codes() == ("ko", "ja")
    changelist = admin_client.get(admin_url("auth", "user", "changelist"))
    assert "Korean, Japanese" in changelist.content.decode()


@pytest.mark.parametrize("item", ["release", "trip", "photo"])
def test_every_name_the_page_renders_is_one_it_accepts(client, item):
    """The page's own inputs, sent back, name only fields the form offers."""
    import re

    from visits.adminkit.languages import refused_fields

    obj = ITEMS[item](True)
    if item == "trip":
        EngagementFactory(leg=obj.legs.get())
    if item == "release":
        ChangeNote.objects.create(release=obj, noted_at=timezone.now(), note_en="Fixed")
    client.force_login(person("translator ja+ko"))
    response = client.get(change_url(obj))
    names = set(re.findall(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', response.text))
    form = response.context["adminform"].form
    assert refused_fields(names, type(obj), form.fields) == []
    assert "title_ko" in names or "caption_ko" in names
