"""No lost edits: two people saving the same item never overwrite each other silently.

The model refuses a save from a stale copy; the admin refuses a form opened before
someone else's save and shows the user's own text back; admin actions count as saves.
"""

import pytest
from django.contrib.auth.models import Group, User

from press.models import PressRelease
from visits.adminkit.forms import EditorForm
from visits.publishing import Status
from visits.publishing.locking import EditConflict

from .factories import CoverageFactory, PhotoFactory, PressReleaseFactory, VisitFactory
from .test_admin import admin_url, post_data

pytestmark = pytest.mark.django_db


def person(name, role):
    user = User.objects.create_user(name, password="x", is_staff=True, first_name=name.title())
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def two_editors(client, django_user_model):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(person("minji", "Editor"))
    second.force_login(person("haruto", "Editor"))
    return first, second


def change_url(obj):
    return admin_url(obj._meta.app_label, obj._meta.model_name, "change", obj.pk)


class TestModel:
    @pytest.mark.parametrize(
        "factory",
        [PressReleaseFactory, VisitFactory, CoverageFactory, PhotoFactory],
        ids=["release", "trip", "coverage", "photo"],
    )
    def test_a_save_from_a_stale_copy_is_refused(self, factory):
        item = factory()
        model = type(item)
        mine, theirs = model.objects.get(pk=item.pk), model.objects.get(pk=item.pk)
        theirs.save()
        with pytest.raises(EditConflict):
            mine.save()
        # Saving twice from the same fresh copy is fine: the copy follows its own saves.
        fresh = model.objects.get(pk=item.pk)
        fresh.save()
        fresh.save(update_fields=["updated_at"] if hasattr(fresh, "updated_at") else None)

    def test_the_refused_save_writes_nothing(self):
        release = PressReleaseFactory(title_en="Original")
        mine, theirs = (PressRelease.objects.get(pk=release.pk) for _ in range(2))
        theirs.title_en = "Theirs"
        theirs.save()
        mine.title_en = "Mine"
        with pytest.raises(EditConflict):
            mine.save(update_fields=["title_en"])
        assert PressRelease.objects.get(pk=release.pk).title_en == "Theirs"


class TestAdminForm:
    def test_the_second_save_is_refused_and_keeps_what_they_typed(self, two_editors):
        minji, haruto = two_editors
        draft = PressReleaseFactory(draft=True, title_en="Mayor visits Beijing")
        url = change_url(draft)
        minji_form, haruto_form = post_data(minji.get(url)), post_data(haruto.get(url))

        haruto_form["title_en"] = "Mayor visits Beijing and Shanghai"
        assert haruto.post(url, haruto_form).status_code == 302

        minji_form["lead_en"] = "A lead Minji spent an hour on."
        response = minji.post(url, minji_form)

        assert response.status_code == 200
        html = response.content.decode()
        assert "Not saved: Haruto changed this item" in html
        assert "A lead Minji spent an hour on." in html  # nothing she typed is lost
        draft.refresh_from_db()
        assert draft.title_en == "Mayor visits Beijing and Shanghai"
        assert draft.lead_en != "A lead Minji spent an hour on."

        # Having read the message, saving again is a deliberate choice and goes through.
        again = dict(
            minji_form, lock_version=response.context["adminform"].form["lock_version"].value()
        )
        assert minji.post(url, again).status_code == 302
        draft.refresh_from_db()
        assert draft.lead_en == "A lead Minji spent an hour on."

    def test_an_action_between_opening_and_saving_counts(self, client):
        editor, publisher = person("editor", "Editor"), person("publisher", "Publisher")
        release = PressReleaseFactory(status=Status.IN_REVIEW, published_at=None)
        url = change_url(release)
        client.force_login(editor)
        form = post_data(client.get(url))  # the form still says "in review"

        client.force_login(publisher)
        client.post(
            admin_url("press", "pressrelease", "changelist"),
            {"action": "publish", "_selected_action": [str(release.pk)]},
        )
        client.force_login(editor)
        response = client.post(url, form)

        # The editor may not change a published release at all (had they been able to,
        # their stale "in review" would have unpublished it): refused outright.
        assert response.status_code == 403
        release.refresh_from_db()
        assert release.status == Status.PUBLISHED

    def test_a_stale_form_cannot_undo_a_publishers_action(self, client):
        publisher, other = person("publisher", "Publisher"), person("other", "Publisher")
        release = PressReleaseFactory(draft=True)
        url = change_url(release)
        client.force_login(publisher)
        form = post_data(client.get(url))
        client.force_login(other)
        client.post(
            admin_url("press", "pressrelease", "changelist"),
            {"action": "publish", "_selected_action": [str(release.pk)]},
        )
        client.force_login(publisher)
        response = client.post(url, form)  # the form still says "draft"
        assert response.status_code == 200
        assert "Not saved" in response.content.decode()
        release.refresh_from_db()
        assert release.status == Status.PUBLISHED

    def test_a_save_that_loses_the_race_after_the_check_is_shown_not_lost(
        self, client, monkeypatch
    ):
        """Someone saves between the form's check and its save: the model refuses, the
        transaction is rolled back and the form comes back with the conflict and the
        user's text. (Their save is made first; the form's first check is skipped, as if
        it had run just before their commit.)"""
        client.force_login(person("publisher", "Publisher"))
        release = PressReleaseFactory(title_en="Before")
        url = change_url(release)
        form = post_data(client.get(url))
        form["title_en"] = "Mine"
        theirs = PressRelease.objects.get(pk=release.pk)
        theirs.title_en = "Theirs"
        theirs.save()
        original_check = EditorForm.check_lock
        checks = []

        def check_after_the_first(self, submitted):
            checks.append(submitted)
            if len(checks) > 1:
                original_check(self, submitted)

        monkeypatch.setattr(EditorForm, "check_lock", check_after_the_first)
        response = client.post(url, form)

        assert len(checks) == 2  # the view ran again after the model refused the save
        assert response.status_code == 200
        assert "Not saved" in response.content.decode()
        assert 'value="Mine"' in response.content.decode()
        release.refresh_from_db()
        assert release.title_en == "Theirs"
