"""Embargoed distribution in the admin (issue 23, item 2): a publisher chooses lists, sees
who gets the release and sends it; refusals for a release not under embargo; editors and
translators cannot send; revoking and resending from the log; constant query counts.
The mail and the personal link: tests/test_embargo_distribution.py."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from press import distribution
from press.models import EmbargoLink, EmbargoOpen, Journalist, JournalistList, PressRelease
from tests import test_embargo_distribution as base
from tests.factories import OutletFactory
from tests.test_admin import admin_url
from tests.test_embargo_distribution import NOW, link_of, mail_to, path_in, publisher, send
from visits.publishing import Status

pytestmark = pytest.mark.django_db

# The mail tests' fixtures: a release scheduled for 10:00, two lists; and it sent to them.
clock, world, sent = base.clock, base.world, base.sent


# --- the admin ------------------------------------------------------------------------------


def send_url(release):
    return admin_url("press", "pressrelease", "send_embargoed", release.pk)


class TestAdmin:
    def test_a_publisher_chooses_lists_sees_who_gets_it_and_sends(self, client, world):
        client.force_login(publisher())
        release = world["release"]
        change = client.get(admin_url("press", "pressrelease", "change", release.pk))
        assert send_url(release) in change.content.decode()
        page = client.get(send_url(release)).content.decode()
        assert "Seoul desk (2 journalists)" in page  # Kim and Smith; not the other two
        assert "EMBARGOED UNTIL 2024-07-25 10:00 KST" in page
        lists = [str(item.pk) for item in world["lists"]]
        check = client.post(send_url(release), {"lists": lists}).content.decode()
        assert "3 journalists will get it" in check
        assert re.search(r"<td>Korean</td><td>1</td>", check)
        assert mail.outbox == []  # nothing until confirmed
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("visits.tasks.queue.IMMEDIATE", True)
            done = client.post(send_url(release), {"lists": lists, "send": "1"}, follow=True)
        assert "The embargoed mail is on its way to 3 journalists." in done.content.decode()
        assert len(mail.outbox) == 3

    def test_no_list_chosen_is_a_form_error(self, client, world):
        client.force_login(publisher())
        response = client.post(send_url(world["release"]), {})
        assert response.status_code == 200
        assert "Choose at least one list." in response.content.decode()

    @pytest.mark.parametrize(
        ("state", "says"),
        [
            ({"status": Status.DRAFT}, "is not scheduled"),
            ({"published_at": NOW - timedelta(minutes=5)}, "is already public"),
            ({"status": Status.WITHDRAWN, "withdrawn_at": NOW}, "is withdrawn"),
        ],
    )
    def test_refused_for_a_release_not_under_embargo(self, client, world, state, says):
        client.force_login(publisher())
        release = world["release"]
        PressRelease.objects.filter(pk=release.pk).update(**state)
        change = client.get(admin_url("press", "pressrelease", "change", release.pk))
        assert send_url(release) not in change.content.decode()
        response = client.post(
            send_url(release), {"lists": [world["lists"][0].pk], "send": "1"}, follow=True
        )
        assert says in response.content.decode()
        assert not EmbargoLink.objects.exists()

    def test_the_action_leads_to_the_send_page(self, client, world):
        client.force_login(publisher())
        response = client.post(
            admin_url("press", "pressrelease", "changelist"),
            {"action": "send_under_embargo", "_selected_action": [world["release"].pk]},
        )
        assert response.status_code == 302
        assert response["Location"] == send_url(world["release"])

    @pytest.mark.parametrize("role", ["Editor", "Translator"])
    def test_editors_and_translators_cannot_send_nor_see_the_lists(self, client, world, role):
        user = User.objects.create_user(role.lower(), password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        assert client.get(send_url(world["release"])).status_code == 403
        response = client.post(
            send_url(world["release"]), {"lists": [world["lists"][0].pk], "send": "1"}
        )
        assert response.status_code == 403
        for model in ("journalist", "journalistlist", "embargolink", "embargoopen"):
            assert client.get(admin_url("press", model, "changelist")).status_code == 403
        changelist = client.get(admin_url("press", "pressrelease", "changelist"))
        assert "send_under_embargo" not in changelist.content.decode()
        assert not EmbargoLink.objects.exists()

    def test_resending_from_the_log_mails_again_but_never_a_revoked_link(
        self, client, sent, admin_user
    ):
        client.force_login(publisher())
        links = admin_url("press", "embargolink", "changelist")
        kim, smith = link_of(sent, "kim"), link_of(sent, "smith")
        distribution.revoke(links=EmbargoLink.objects.filter(pk=smith.pk), user=admin_user)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("visits.tasks.queue.IMMEDIATE", True)
            response = client.post(
                links,
                {"action": "resend_links", "_selected_action": [kim.pk, smith.pk]},
                follow=True,
            )
        html = response.content.decode()
        assert "1 mail queued again." in html
        assert "The link of Jo Smith (London Wire) was revoked; it is not sent again." in html
        assert [m.to for m in mail.outbox[3:]] == [["kim@daily.kr"]]

    def test_revoking_from_the_log(self, client, sent):
        client.force_login(publisher())
        links = admin_url("press", "embargolink", "changelist")
        response = client.post(
            links,
            {"action": "revoke_links", "_selected_action": [link_of(sent, "kim").pk]},
            follow=True,
        )
        assert "1 link revoked" in response.content.decode()
        assert client.get(path_in(mail_to("kim@daily.kr"))).status_code == 410
        assert client.get(path_in(mail_to("tanaka@shimbun.jp"))).status_code == 200

    def test_the_log_shows_who_opened_what_per_release_and_per_journalist(self, client, sent):
        client.get(path_in(mail_to("kim@daily.kr")), REMOTE_ADDR="203.0.113.9")
        client.force_login(publisher())
        release = sent["release"]
        opens = admin_url("press", "embargoopen", "changelist")
        per_release = client.get(opens, {"link__release__id__exact": release.pk})
        assert "Kim Min-ji" in per_release.content.decode()
        assert "203.0.113.9" in per_release.content.decode()
        per_journalist = client.get(opens, {"link__journalist__id__exact": sent["tanaka"].pk})
        assert "Kim Min-ji" not in per_journalist.content.decode()
        links = client.get(
            admin_url("press", "embargolink", "changelist"), {"release__id__exact": release.pk}
        ).content.decode()
        assert "Jo Smith" in links and "Tanaka Yui" in links

    def test_a_journalist_with_an_address_in_another_case_is_refused_kindly(self, client, sent):
        client.force_login(publisher())
        response = client.post(
            admin_url("press", "journalist", "add"),
            {
                "name": "Kim again",
                "outlet_name": "Elsewhere",
                "email": "KIM@Daily.KR",
                "language": "ko",
                "time_zone": "Mars/Olympus",
                "active": "on",
            },
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "Another journalist has this address already." in html
        assert "is not a time zone name" in html
        assert Journalist.objects.filter(email="kim@daily.kr").count() == 1


def queries(client, url) -> int:
    client.get(url)  # what a first visit caches (content types, the session) is not counted
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_admin_pages_run_a_constant_number_of_queries(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(publisher())
    pages = [
        admin_url("press", model, "changelist")
        for model in ("journalist", "journalistlist", "embargolink", "embargoopen")
    ]
    pages.append(admin_url("press", "journalistlist", "change", world["lists"][0].pk))
    send(world, django_capture_on_commit_callbacks)
    for name in ("kim", "smith"):
        for _ in range(2):
            EmbargoOpen.objects.create(link=link_of(world, name), ip_address="192.0.2.1")
    few = [queries(client, url) for url in pages]
    for n in range(6):
        extra = Journalist.objects.create(
            name=f"Extra {n}", outlet=OutletFactory(), email=f"extra{n}@example.org"
        )
        world["lists"][0].journalists.add(extra)
        JournalistList.objects.create(name=f"List {n}")
        link = EmbargoLink.objects.create(release=world["release"], journalist=extra)
        EmbargoOpen.objects.create(link=link, ip_address="192.0.2.2")
    many = [queries(client, url) for url in pages]
    assert many == few
