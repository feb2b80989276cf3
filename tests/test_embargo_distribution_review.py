"""Embargoed distribution (issue 23, item 2), what a review found: a language with a later
time of its own, a language not ready, crafted addresses, a deactivated or deleted
journalist, a title with a line break, a large list, a first mail that never left.
The fixtures are tests/test_embargo_distribution.py's."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from press import distribution
from press.models import EmbargoLink, EmbargoOpen, Journalist, PressRelease, SuppressedAddress
from tests import test_embargo_distribution as base
from tests.factories import PressReleaseFactory
from tests.test_admin import admin_url
from tests.test_embargo_distribution import (
    AT,
    TITLE_KO,
    link_of,
    mail_to,
    path_in,
    publisher,
    send,
)
from tests.test_pages import seoul
from visits.publishing import Status

pytestmark = pytest.mark.django_db

clock, world, sent = base.clock, base.world, base.sent

KO_TIME = seoul(2024, 7, 25, 14, 0)


def update(world, **fields):
    PressRelease.objects.filter(pk=world["release"].pk).update(**fields)
    world["release"].refresh_from_db()


# --- a language with its own later time ---------------------------------------------------


class TestLanguageWithItsOwnTime:
    @pytest.fixture
    def korean_later(self, world, django_capture_on_commit_callbacks):
        update(world, public_from_ko=KO_TIME)
        send(world, django_capture_on_commit_callbacks)
        return world

    def test_the_notice_gives_the_languages_own_time(self, korean_later):
        kim = mail_to("kim@daily.kr")
        assert kim.subject.startswith("엠바고 2024-07-25 14:00 KST까지 보도 금지")
        assert TITLE_KO in kim.subject
        assert "10:00" not in kim.subject and "10:00" not in kim.body
        # English goes out at the release's time.
        assert "(2024-07-25 10:00 KST)" in mail_to("jo.smith@wire.example").subject

    def test_the_link_keeps_showing_until_the_language_is_public(self, client, korean_later, clock):
        url = path_in(mail_to("kim@daily.kr"))
        clock.move_to(seoul(2024, 7, 25, 10, 30))
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert TITLE_KO in html and "14:00 KST" in html
        # English readers have the public page by now.
        assert client.get(path_in(mail_to("jo.smith@wire.example"))).status_code == 302
        clock.move_to(KO_TIME)
        response = client.get(url)
        assert response.status_code == 302
        public = client.get(response["Location"]).content.decode()
        assert TITLE_KO in public


# --- a language not ready -----------------------------------------------------------------


def test_unready_original_text_never_goes_out(world, django_capture_on_commit_callbacks, client):
    """English is the original but not ready (a draft); Korean goes out at 10:00: the
    English reader gets the Korean text, marked as such, never the draft."""
    update(world, title_en="UNREADY DRAFT", body_en="<p>UNREADY BODY</p>", ready_en=False)
    send(world, django_capture_on_commit_callbacks)
    for message in mail.outbox:
        for part in (message.subject, message.body, message.alternatives[0][0]):
            assert "UNREADY" not in part
    smith = mail_to("jo.smith@wire.example")
    assert TITLE_KO in smith.subject and "10:00 KST" in smith.subject
    assert f'<span lang="ko">{TITLE_KO}</span>' in smith.alternatives[0][0]
    page = client.get(path_in(smith)).content.decode()
    assert TITLE_KO in page and "UNREADY" not in page


# --- crafted addresses --------------------------------------------------------------------


@pytest.mark.parametrize("token", ["%C2%B2.abc", "1%C2%B2.abc", "9" * 30 + ".abc"])
def test_a_crafted_token_is_404(client, token):
    assert client.get(f"/en/embargoed/{token}/").status_code == 404
    assert client.get(f"/en/embargoed/{token}/photos/1/").status_code == 404


def test_a_photo_number_beyond_a_bigint_is_404(client, sent):
    url = path_in(mail_to("kim@daily.kr"))
    assert client.get(f"{url}photos/{'9' * 25}/").status_code == 404


@pytest.mark.parametrize("view", ["change", "send_embargoed"])
def test_a_crafted_release_number_in_the_admin_is_no_500(client, world, view):
    client.force_login(publisher())
    url = admin_url("press", "pressrelease", view, 1).replace("/1/", "/%C2%B2/")
    assert client.get(url).status_code in (302, 404)


# --- journalists deactivated or deleted ----------------------------------------------------


def test_a_deactivated_journalists_link_closes(client, sent):
    url = path_in(mail_to("kim@daily.kr"))
    assert client.get(url).status_code == 200
    Journalist.objects.filter(pk=sent["kim"].pk).update(active=False)
    response = client.get(url)
    assert response.status_code == 410
    assert TITLE_KO not in response.content.decode()
    assert EmbargoOpen.objects.count() == 1


def test_deleting_a_journalist_keeps_the_log(client, sent):
    url = path_in(mail_to("kim@daily.kr"))
    client.get(url, REMOTE_ADDR="203.0.113.9")
    link_pk = link_of(sent, "kim").pk
    sent["kim"].delete()
    link = EmbargoLink.objects.get(pk=link_pk)
    assert link.journalist is None
    assert link.recipient == "Kim Min-ji (Seoul Daily)"
    assert link.journalist_email == "kim@daily.kr"
    assert EmbargoOpen.objects.filter(link=link).count() == 1
    assert client.get(url).status_code == 410
    client.force_login(publisher())
    log = client.get(admin_url("press", "embargoopen", "changelist")).content.decode()
    assert "Kim Min-ji (Seoul Daily)" in log and "203.0.113.9" in log
    links = client.get(admin_url("press", "embargolink", "changelist"), {"q": "kim@daily.kr"})
    assert "Kim Min-ji" in links.content.decode()


def test_a_release_sent_under_embargo_cannot_be_deleted(client, sent, admin_user):
    client.force_login(admin_user)
    release = sent["release"]
    url = admin_url("press", "pressrelease", "delete", release.pk)
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Cannot delete" in response.content.decode()
    assert PressRelease.objects.filter(pk=release.pk).exists()
    assert EmbargoLink.objects.filter(release=release).count() == 3


# --- the mail -------------------------------------------------------------------------------


def test_a_title_with_a_carriage_return_still_goes(world, django_capture_on_commit_callbacks):
    update(world, title_en="Line one\rBcc: x@evil.example")
    send(world, django_capture_on_commit_callbacks)
    smith = mail_to("jo.smith@wire.example")
    assert smith.subject.endswith("— Line one Bcc: x@evil.example")
    assert "\r" not in smith.subject and "\n" not in smith.subject
    message = smith.message()
    assert message["Bcc"] is None
    assert link_of(world, "smith").sent_at is not None


def test_one_task_per_send_whatever_the_lists_size(world, monkeypatch):
    queued = []
    monkeypatch.setattr(distribution, "enqueue_on_commit", lambda *args: queued.append(args))
    result = distribution.send_under_embargo(release=world["release"], lists=world["lists"])
    assert (result.queued, result.already) == (3, 0)
    ((task, release_pk, list_pks),) = queued
    assert task is distribution.send_to_lists and release_pk == world["release"].pk
    assert mail.outbox == []
    monkeypatch.undo()
    assert distribution.send_to_lists.call(release_pk, list_pks) == 3
    assert len(mail.outbox) == 3


def test_the_request_runs_as_many_queries_for_a_list_of_3_as_of_40(world, monkeypatch):
    monkeypatch.setattr(distribution, "enqueue_on_commit", lambda *args: None)
    desk = world["lists"][0]

    def queries() -> int:
        release = PressReleaseFactory(
            visit=world["release"].visit, status=Status.SCHEDULED, published_at=AT
        )
        with CaptureQueriesContext(connection) as captured:
            distribution.send_under_embargo(release=release, lists=[desk])
        return len(captured)

    few = queries()
    for n in range(40):
        desk.journalists.add(
            Journalist.objects.create(name=f"J{n}", outlet_name="W", email=f"j{n}@example.org")
        )
    assert queries() == few


def test_a_first_mail_that_never_left_goes_on_the_next_send(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        distribution.send_under_embargo(release=world["release"], lists=world["lists"])
    SuppressedAddress.suppress("kim@daily.kr", "complained")  # by mistake, meanwhile
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2 and link_of(world, "kim").sent_at is None
    SuppressedAddress.objects.filter(email="kim@daily.kr").delete()
    again = send(world, django_capture_on_commit_callbacks)
    assert (again.queued, again.already) == (1, 2)
    assert [m.to for m in mail.outbox[2:]] == [["kim@daily.kr"]]
    assert link_of(world, "kim").sent_at is not None


def test_a_failed_mail_is_sent_on_the_next_send(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(self, *args, **kwargs):
        if self.to == ["kim@daily.kr"]:
            raise ValueError("the provider said no")
        return original(self, *args, **kwargs)

    original = distribution.EmailMultiAlternatives.send
    monkeypatch.setattr(distribution.EmailMultiAlternatives, "send", refuse)
    send(world, django_capture_on_commit_callbacks)  # Kim's fails for good (logged)
    assert link_of(world, "kim").sent_at is None
    monkeypatch.undo()
    again = send(world, django_capture_on_commit_callbacks)
    assert again.queued == 1
    assert mail.outbox[-1].to == ["kim@daily.kr"]


def test_the_fan_out_sends_nothing_once_public(world, django_capture_on_commit_callbacks, clock):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        distribution.send_under_embargo(release=world["release"], lists=world["lists"])
    clock.move_to(AT)
    for callback in callbacks:
        callback()
    assert mail.outbox == [] and not EmbargoLink.objects.filter(sent_at__isnull=False).exists()
