"""The three roles, as a newsroom lives them: editors write and submit, translators
translate and mark languages ready, publishers schedule, publish and withdraw. Each is
checked through the admin forms and the actions, as the users meet them."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from press.admin.releases import CONFIRM_ALT_TEXT
from press.models import PressRelease
from visits.models import Visit
from visits.publishing import Status

from .document_samples import DocumentFactory
from .factories import (
    CoverageFactory,
    EngagementFactory,
    PhotoFactory,
    PressReleaseFactory,
    VisitFactory,
    assign_languages,
)
from .test_admin import admin_url, messages_in, post_data

pytestmark = pytest.mark.django_db


def member(role: str) -> User:
    user = User.objects.create_user(role.lower(), password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    if role == "Translator":
        assign_languages(user)  # every language; tests/test_translator_languages.py: fewer
    return user


@pytest.fixture
def as_role(client):
    def log_in(role):
        client.force_login(member(role))
        return client

    return log_in


def change_url(obj):
    return admin_url(obj._meta.app_label, obj._meta.model_name, "change", obj.pk)


def changelist_url(model):
    return admin_url(model._meta.app_label, model._meta.model_name, "changelist")


def run_action(client, model, action, objects, **extra):
    data = {"action": action, "_selected_action": [str(obj.pk) for obj in objects], **extra}
    return client.post(changelist_url(model), data, follow=True)


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_the_migration_makes_the_three_groups():
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert set(groups) >= {"Editor", "Translator", "Publisher"}
    perms = {name: {p.codename for p in group.permissions.all()} for name, group in groups.items()}
    assert "publish_pressrelease" in perms["Publisher"]
    assert "publish_pressrelease" not in perms["Editor"] | perms["Translator"]
    assert "translate_pressrelease" in perms["Translator"]
    assert "add_pressrelease" in perms["Editor"] and "add_pressrelease" not in perms["Translator"]


class TestEditor:
    def test_writes_a_draft_and_submits_it_for_review(self, as_role):
        client = as_role("Editor")
        draft = PressReleaseFactory(draft=True)
        response = client.get(change_url(draft))
        status_choices = [
            value for value, _label in response.context["adminform"].form.fields["status"].choices
        ]
        assert status_choices == [Status.DRAFT, Status.IN_REVIEW]

        response = run_action(client, PressRelease, "submit_for_review", [draft])

        draft.refresh_from_db()
        assert draft.status == Status.IN_REVIEW
        assert "submitted for review" in messages_of(response)

    def test_cannot_publish_with_the_form_or_an_action(self, as_role):
        client = as_role("Editor")
        draft = PressReleaseFactory(draft=True)
        data = post_data(client.get(change_url(draft)))
        data["status"] = Status.PUBLISHED
        response = client.post(change_url(draft), data)
        assert response.status_code == 200  # "Select a valid choice"
        response = run_action(client, PressRelease, "publish", [draft])
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert "publish" not in response.context["cl"].model_admin.get_actions(
            response.wsgi_request
        )

    def test_cannot_mark_languages_ready(self, as_role):
        client = as_role("Editor")
        draft = PressReleaseFactory(draft=True, ready_en=False)
        response = client.get(change_url(draft))
        assert "ready_en" not in response.context["adminform"].form.fields
        data = post_data(response)
        data["ready_en"] = "on"
        client.post(change_url(draft), data)
        draft.refresh_from_db()
        assert draft.ready_en is False

    def test_a_published_release_is_read_only_for_them(self, as_role):
        client = as_role("Editor")
        release = PressReleaseFactory(title_en="Signed off")
        response = client.get(change_url(release))
        assert response.status_code == 200
        assert not response.context["has_change_permission"]
        response = client.post(change_url(release), {"title_en": "Changed behind the publisher"})
        assert response.status_code == 403
        release.refresh_from_db()
        assert release.title_en == "Signed off"

    def test_cannot_withdraw(self, as_role):
        client = as_role("Editor")
        release = PressReleaseFactory()
        run_action(client, PressRelease, "withdraw", [release], withdraw="1", reason="No")
        release.refresh_from_db()
        assert release.status == Status.PUBLISHED


class TestTranslator:
    def test_translates_a_published_release_and_marks_the_language_ready(self, as_role):
        client = as_role("Translator")
        release = PressReleaseFactory(number="SMG-1", ready_ja=False)
        response = client.get(change_url(release))
        form = response.context["adminform"].form
        assert "title_ja" in form.fields and "ready_ja" in form.fields
        assert "number" not in form.fields and "status" not in form.fields
        data = post_data(response)
        data.update(title_ja="記者発表", body_ja="<p>本文</p>", ready_ja="on", number="HACKED")

        refused = client.post(change_url(release), data)  # the number is not theirs
        assert refused.status_code == 200
        assert "fields you may not change (number)" in messages_in(refused)
        assert PressRelease.objects.get(pk=release.pk).title_ja != "記者発表"
        del data["number"]
        response = client.post(change_url(release), data)

        assert response.status_code == 302
        release.refresh_from_db()
        assert (release.title_ja, release.ready_ja) == ("記者発表", True)
        assert release.number == "SMG-1"  # read-only for translators
        assert release.status == Status.PUBLISHED

    def test_cannot_add_publish_or_unpublish(self, as_role):
        client = as_role("Translator")
        assert client.get(admin_url("press", "pressrelease", "add")).status_code == 403
        draft, public = PressReleaseFactory(draft=True), PressReleaseFactory()
        run_action(client, PressRelease, "publish", [draft])
        run_action(client, PressRelease, "unpublish", [public])
        draft.refresh_from_db()
        public.refresh_from_db()
        assert (draft.status, public.status) == (Status.DRAFT, Status.PUBLISHED)

    def test_translates_a_trip_but_not_its_dates(self, as_role):
        client = as_role("Translator")
        trip = VisitFactory(legs=1)
        response = client.get(change_url(trip))
        data = post_data(response)
        data.update(title_ko="베이징 방문", start_date="2001-01-01")
        assert client.post(change_url(trip), data).status_code == 200  # refused as a whole
        assert Visit.objects.get(pk=trip.pk).title_ko != "베이징 방문"
        del data["start_date"]
        assert client.post(change_url(trip), data).status_code == 302
        fresh = Visit.objects.get(pk=trip.pk)
        assert fresh.title_ko == "베이징 방문"
        assert fresh.start_date == trip.start_date


class TestPublisher:
    def test_schedules_in_the_form(self, as_role):
        client = as_role("Publisher")
        draft = PressReleaseFactory(draft=True)
        data = post_data(client.get(change_url(draft)))
        when = timezone.localtime() + datetime.timedelta(days=2)
        data.update(
            status=Status.SCHEDULED,
            published_at_0=when.date().isoformat(),
            published_at_1="10:00:00",
        )
        assert client.post(change_url(draft), data).status_code == 302
        draft.refresh_from_db()
        assert draft.status == Status.SCHEDULED
        assert not PressRelease.objects.published().filter(pk=draft.pk).exists()

    def test_cannot_publish_a_release_with_no_ready_language(self, as_role):
        client = as_role("Publisher")
        draft = PressReleaseFactory(draft=True, ready_en=False)
        response = run_action(client, PressRelease, "publish", [draft])
        draft.refresh_from_db()
        assert draft.status == Status.DRAFT
        assert "no language is marked ready" in messages_of(response)

    def test_withdraws_with_a_reason_for_readers(self, as_role):
        client = as_role("Publisher")
        release = PressReleaseFactory()

        page = run_action(client, PressRelease, "withdraw", [release])
        assert "Reason for withdrawal" in page.content.decode()
        release.refresh_from_db()
        assert release.status == Status.PUBLISHED  # nothing happens before the reason

        empty = run_action(client, PressRelease, "withdraw", [release], withdraw="1", reason="")
        assert empty.context["form"].errors
        response = run_action(
            client,
            PressRelease,
            "withdraw",
            [release],
            withdraw="1",
            reason="The event was cancelled.",
        )

        release.refresh_from_db()
        assert release.status == Status.WITHDRAWN
        assert release.withdrawal_reason_en == "The event was cancelled."
        assert release.withdrawn_at is not None
        assert "withdrawn" in messages_of(response)

    def test_every_action_is_a_revision_with_the_user(self, as_role):
        from reversion.models import Version

        client = as_role("Publisher")
        draft = PressReleaseFactory(draft=True)
        run_action(client, PressRelease, "publish", [draft])
        latest = Version.objects.get_for_object(draft).select_related("revision__user").first()
        assert latest.revision.user.username == "publisher"
        assert latest.field_dict["status"] == Status.PUBLISHED


# --- every role saves every kind of item that has inlines -----------------------------


def release_with_inlines(**state):
    """A release with a gallery of two photos (alt text in English only) and coverage."""
    release = PressReleaseFactory(photos=[PhotoFactory(), PhotoFactory()], **state)
    CoverageFactory(visit=release.visit, releases=[release])
    DocumentFactory(visit=release.visit, releases=[release])
    return release


def trip_with_inlines(**state):
    """A trip with two legs and an engagement on each (the engagement inline shows once
    the trip exists)."""
    trip = VisitFactory(legs=2, **state)
    for leg in trip.legs.all():
        EngagementFactory(leg=leg)
    DocumentFactory(visit=trip, title_ko="사실 자료")
    return trip


ITEMS = {
    "draft release": lambda: release_with_inlines(draft=True),
    "published release": release_with_inlines,
    "draft trip": lambda: trip_with_inlines(draft=True),
    "published trip": trip_with_inlines,
}
#: Who may save what: an approved item is read-only for editors (they see it, 403 on save).
MAY_SAVE = {
    ("Editor", "published release"): False,
    ("Editor", "published trip"): False,
}


@pytest.mark.parametrize("item", list(ITEMS))
@pytest.mark.parametrize("role", ["Editor", "Translator", "Publisher"])
def test_every_role_saves_every_item_with_inlines(as_role, role, item):
    """The form as each role gets it, sent back with a Japanese title: saved (or, where
    the role may only look, refused with 403), never a server error. A translator's
    inlines are view-only: their rows come back as ids, not objects (the gallery's
    alt-text check was a 500 on a published release with photos)."""
    client = as_role(role)
    obj = ITEMS[item]()
    response = client.get(change_url(obj))
    assert response.status_code == 200
    data = post_data(response)
    data["title_ja"] = "日本語の題名"
    response = client.post(change_url(obj), data)
    saved = type(obj).objects.get(pk=obj.pk)
    if MAY_SAVE.get((role, item), True):
        assert response.status_code == 302, messages_in(response)
        assert saved.title_ja == "日本語の題名"
    else:
        assert response.status_code == 403
        assert saved.title_ja != "日本語の題名"
    if isinstance(obj, PressRelease):
        assert saved.gallery.count() == 2 and saved.coverage.count() == 1
        assert saved.documents.count() == 1
    else:
        assert saved.legs.count() == 2 and saved.engagements.count() == 2
        assert saved.documents.count() == 1


def test_a_translator_adds_a_language_to_a_published_release_with_photos(as_role):
    """The new language's missing alt text is flagged, and the translator confirms."""
    client = as_role("Translator")
    release = release_with_inlines(ready_ja=False)
    data = post_data(client.get(change_url(release)))
    data.update(title_ja="記者発表", body_ja="<p>本文</p>", ready_ja="on")

    response = client.post(change_url(release), data)
    assert response.status_code == 200
    assert "no alt text in a language of the release" in messages_in(response)
    assert not PressRelease.objects.get(pk=release.pk).ready_ja

    data[CONFIRM_ALT_TEXT] = "on"
    response = client.post(change_url(release), data)
    assert response.status_code == 302
    saved = PressRelease.objects.get(pk=release.pk)
    assert (saved.title_ja, saved.ready_ja, saved.status) == ("記者発表", True, Status.PUBLISHED)
