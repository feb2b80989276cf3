"""Embargoed distribution (issue 23, item 2): a publisher sends a scheduled release to
journalist lists; each journalist gets one mail in their language, marked with the embargo
time in their zone and in Seoul's, with a personal link that shows the release until its
minute (logged, revocable), and nothing else. What the public sees meanwhile is in
tests/test_embargo.py (`TestSentUnderEmbargo`).
"""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from press import distribution
from press.models import (
    EmbargoLink,
    EmbargoOpen,
    Journalist,
    JournalistList,
    PressRelease,
    SuppressedAddress,
)
from press.renditions import make_renditions
from tests.factories import OutletFactory, PhotoFactory, PressReleaseFactory, VisitFactory
from tests.test_pages import rev, seoul
from visits.publishing import Status

pytestmark = pytest.mark.django_db

NOW, AT = seoul(2024, 7, 25, 9, 0), seoul(2024, 7, 25, 10, 0)
TITLE_EN, TITLE_KO = "Drone taxis over the Han River", "한강 위 드론 택시"


def frozen(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def clock():
    with frozen(NOW) as traveller:
        yield traveller


@pytest.fixture
def world(clock):
    """A release scheduled for 10:00 in Seoul, ready in English (original) and Korean,
    translated but not ready in Japanese; two lists of journalists."""
    photo = PhotoFactory(visit=None, caption_en="A drone taxi")
    release = PressReleaseFactory(
        visit=VisitFactory(legs=1),
        status=Status.SCHEDULED,
        published_at=AT,
        title_en=TITLE_EN,
        title_ko=TITLE_KO,
        lead_ko="서울시가 드론 택시를 띄운다.",
        body_ko="<p>본문입니다.</p>",
        title_ja="漢江のドローンタクシー",
        ready_ja=False,
        photos=[photo],
    )
    seoul_desk = JournalistList.objects.create(name="Seoul desk")
    foreign = JournalistList.objects.create(name="Foreign press")
    kim = Journalist.objects.create(
        name="Kim Min-ji", outlet=OutletFactory(name_en="Seoul Daily"), email="kim@daily.kr",
        language="ko", time_zone="Asia/Seoul",
    )  # fmt: skip
    smith = Journalist.objects.create(
        name="Jo Smith", outlet_name="London Wire", email="Jo.Smith@Wire.example",
        language="en", time_zone="Europe/London",
    )  # fmt: skip
    tanaka = Journalist.objects.create(
        name="Tanaka Yui", outlet_name="Tokyo Shimbun", email="tanaka@shimbun.jp",
        language="ja", time_zone="Asia/Tokyo",
    )  # fmt: skip
    bounced = Journalist.objects.create(
        name="Bounced", outlet_name="Gone", email="gone@example.org", language="en"
    )
    retired = Journalist.objects.create(
        name="Retired", outlet_name="Old", email="old@example.org", language="en", active=False
    )
    SuppressedAddress.suppress("gone@example.org", "bounced")
    seoul_desk.journalists.add(kim, smith, bounced, retired)
    foreign.journalists.add(smith, tanaka)
    return {
        "release": release,
        "photo": photo,
        "lists": [seoul_desk, foreign],
        "kim": kim,
        "smith": smith,
        "tanaka": tanaka,
        "bounced": bounced,
    }


def send(world, django_capture_on_commit_callbacks, lists=None, user=None):
    with django_capture_on_commit_callbacks(execute=True):
        return distribution.send_under_embargo(
            release=world["release"], lists=lists or world["lists"], user=user
        )


def mail_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def link_of(world, name) -> EmbargoLink:
    return EmbargoLink.objects.get(release=world["release"], journalist=world[name])


def path_in(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/embargoed/\S+?/)", message.body).group(1)


def publisher(username="publisher"):
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    return user


# --- sending ------------------------------------------------------------------------------


class TestSending:
    def test_each_journalist_of_the_lists_gets_one_mail(
        self, world, django_capture_on_commit_callbacks
    ):
        sent = send(world, django_capture_on_commit_callbacks)
        assert (sent.queued, sent.already) == (3, 0)
        # Smith is on both lists; the suppressed and the inactive get nothing.
        assert sorted(m.to[0] for m in mail.outbox) == [
            "jo.smith@wire.example",
            "kim@daily.kr",
            "tanaka@shimbun.jp",
        ]
        assert not EmbargoLink.objects.filter(journalist=world["bounced"]).exists()
        assert EmbargoLink.objects.filter(sent_at__isnull=False).count() == 3

    def test_the_subject_and_the_top_carry_the_embargo_in_the_readers_zone_and_seoul(
        self, world, django_capture_on_commit_callbacks
    ):
        send(world, django_capture_on_commit_callbacks)
        smith = mail_to("jo.smith@wire.example")
        notice = "EMBARGOED UNTIL 2024-07-25 02:00 BST (2024-07-25 10:00 KST)"
        assert smith.subject == f"{notice} — {TITLE_EN}"
        assert smith.body.startswith(notice)
        html = smith.alternatives[0][0]
        assert smith.alternatives[0][1] == "text/html"
        assert '<html lang="en">' in html and notice in html

        kim = mail_to("kim@daily.kr")
        ko_notice = "엠바고 2024-07-25 10:00 KST까지 보도 금지"
        assert kim.subject == f"{ko_notice} — {TITLE_KO}"
        assert kim.body.startswith(ko_notice)
        assert "본문입니다." in kim.body and "<p>" not in kim.body
        assert '<html lang="ko">' in kim.alternatives[0][0]

    def test_a_language_not_ready_falls_back_to_the_original_marked_as_such(
        self, world, django_capture_on_commit_callbacks
    ):
        send(world, django_capture_on_commit_callbacks)
        tanaka = mail_to("tanaka@shimbun.jp")
        ja_notice = "報道解禁 2024-07-25 10:00 JST（2024-07-25 10:00 KST）"  # noqa: RUF001
        assert tanaka.subject == f"{ja_notice} — {TITLE_EN}"
        assert "漢江のドローンタクシー" not in tanaka.body  # translated, but not ready
        html = tanaka.alternatives[0][0]
        assert '<html lang="ja">' in html
        assert f'<span lang="en">{TITLE_EN}</span>' in html

    def test_the_mail_has_the_personal_link_and_no_public_one(
        self, world, django_capture_on_commit_callbacks
    ):
        send(world, django_capture_on_commit_callbacks)
        message = mail_to("kim@daily.kr")
        link = link_of(world, "kim")
        assert path_in(message) == f"/ko/embargoed/{link.token}/"
        public = rev("press:release_detail", "ko", slug=world["release"].slug)
        for part in (message.body, message.alternatives[0][0]):
            assert link.token in part
            assert public not in part and "/media/" not in part

    def test_sending_again_mails_only_journalists_who_have_none(
        self, world, django_capture_on_commit_callbacks
    ):
        send(world, django_capture_on_commit_callbacks, lists=[world["lists"][1]])
        assert len(mail.outbox) == 2
        sent = send(world, django_capture_on_commit_callbacks)
        assert (sent.queued, sent.already) == (1, 2)
        assert len(mail.outbox) == 3
        assert [m.to for m in mail.outbox[2:]] == [["kim@daily.kr"]]

    def test_the_task_run_twice_sends_once_and_a_resend_sends_again(
        self, world, django_capture_on_commit_callbacks
    ):
        send(world, django_capture_on_commit_callbacks)
        link = link_of(world, "kim")
        assert distribution.send_embargo_mail.call(link.pk) == "already sent"
        assert len(mail.outbox) == 3
        with django_capture_on_commit_callbacks(execute=True):
            distribution.resend(link=link)
        assert len(mail.outbox) == 4 and mail.outbox[-1].to == ["kim@daily.kr"]

    def test_an_address_suppressed_after_the_send_was_queued_gets_nothing(
        self, world, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            distribution.send_under_embargo(release=world["release"], lists=world["lists"])
        SuppressedAddress.suppress("kim@daily.kr", "complained")
        for callback in callbacks:
            callback()
        assert "kim@daily.kr" not in [m.to[0] for m in mail.outbox]
        assert link_of(world, "kim").sent_at is None

    def test_one_link_per_journalist_and_release_in_the_database(self, world):
        EmbargoLink.objects.create(release=world["release"], journalist=world["kim"])
        with pytest.raises(IntegrityError), transaction.atomic():
            EmbargoLink.objects.create(release=world["release"], journalist=world["kim"])

    @pytest.mark.parametrize(
        ("state", "code"),
        [
            ({"status": Status.DRAFT}, "not_scheduled"),
            ({"status": Status.IN_REVIEW}, "not_scheduled"),
            ({"published_at": NOW - timedelta(minutes=1)}, "public"),
            ({"status": Status.PUBLISHED, "published_at": NOW - timedelta(hours=1)}, "public"),
        ],
    )
    def test_only_a_release_under_embargo_can_be_sent(self, world, state, code):
        PressRelease.objects.filter(pk=world["release"].pk).update(**state)
        release = PressRelease.objects.get(pk=world["release"].pk)
        with pytest.raises(ValidationError) as refused:
            distribution.send_under_embargo(release=release, lists=world["lists"])
        assert refused.value.code == code
        assert not EmbargoLink.objects.exists()

    def test_a_withdrawn_release_is_refused(self, world):
        PressRelease.objects.filter(pk=world["release"].pk).update(
            status=Status.WITHDRAWN, withdrawn_at=NOW
        )
        release = PressRelease.objects.get(pk=world["release"].pk)
        with pytest.raises(ValidationError) as refused:
            distribution.check_sendable(release=release)
        assert refused.value.code == "withdrawn"

    def test_a_queued_mail_is_not_sent_once_the_release_is_public(
        self, world, django_capture_on_commit_callbacks, clock
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            distribution.send_under_embargo(release=world["release"], lists=world["lists"])
        clock.move_to(AT)
        for callback in callbacks:
            callback()
        assert mail.outbox == []


# --- the personal link ----------------------------------------------------------------------


@pytest.fixture
def sent(world, django_capture_on_commit_callbacks):
    send(world, django_capture_on_commit_callbacks)
    return world


class TestPersonalLink:
    def test_it_shows_the_release_under_the_notice_and_logs_each_opening(self, client, sent):
        link = link_of(sent, "kim")
        url = path_in(mail_to("kim@daily.kr"))
        response = client.get(
            url, HTTP_USER_AGENT="Mail/1.0 " + "x" * 500, REMOTE_ADDR="203.0.113.9"
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert TITLE_KO in html and "본문입니다." in html
        assert "엠바고 2024-07-25 10:00 KST까지 보도 금지" in html
        assert sent["release"].number in html
        assert response["Cache-Control"] == "private, no-store"
        assert "noindex" in response["X-Robots-Tag"]
        assert response["Referrer-Policy"] == "no-referrer"
        client.get(url, REMOTE_ADDR="203.0.113.10")  # not served from any cache
        opens = list(EmbargoOpen.objects.filter(link=link).order_by("pk"))
        assert [o.ip_address for o in opens] == ["203.0.113.9", "203.0.113.10"]
        assert opens[0].user_agent.startswith("Mail/1.0") and len(opens[0].user_agent) == 300

    def test_the_address_is_the_one_the_trusted_proxy_saw(self, client, sent, settings):
        settings.PRESSROOM_TRUSTED_PROXIES = ["10.0.0.0/8"]
        client.get(
            path_in(mail_to("kim@daily.kr")),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
        )
        assert EmbargoOpen.objects.get().ip_address == "198.51.100.7"

    def test_photos_come_through_the_link_never_through_public_media(self, client, sent):
        photo = sent["photo"]
        make_renditions(photo)
        link = link_of(sent, "kim")
        html = client.get(path_in(mail_to("kim@daily.kr"))).content.decode()
        assert "/media/" not in html and photo.image.name not in html
        src = rev("press:embargoed_photo", "ko", token=link.token, photo=photo.pk)
        assert f'src="{src}"' in html
        image = client.get(src)
        assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
        assert image["Cache-Control"] == "private, no-store"
        assert client.get(urlsplit(photo.image.url).path).status_code == 404
        other = PhotoFactory(visit=None)  # not the release's
        assert (
            client.get(
                rev("press:embargoed_photo", "ko", token=link.token, photo=other.pk)
            ).status_code
            == 404
        )
        distribution.revoke(links=EmbargoLink.objects.filter(pk=link.pk), user=None)
        assert client.get(src).status_code == 404

    def test_no_photo_once_public_through_the_link(self, client, sent, clock):
        link = link_of(sent, "kim")
        src = rev("press:embargoed_photo", "ko", token=link.token, photo=sent["photo"].pk)
        assert client.get(src).status_code == 200
        clock.move_to(AT)
        assert client.get(src).status_code == 404  # the public page has it now

    def test_another_language_prefix_shows_its_text_when_ready(self, client, sent):
        link = link_of(sent, "kim")
        html = client.get(rev("press:embargoed_release", "en", token=link.token)).content
        assert TITLE_EN in html.decode()

    def test_revoked_is_410(self, client, sent, admin_user):
        link = link_of(sent, "kim")
        distribution.revoke(links=EmbargoLink.objects.filter(pk=link.pk), user=admin_user)
        response = client.get(path_in(mail_to("kim@daily.kr")))
        assert response.status_code == 410
        assert TITLE_KO not in response.content.decode()
        assert response["Cache-Control"] == "private, no-store"
        assert not EmbargoOpen.objects.exists()

    def test_unscheduled_or_withdrawn_release_is_410(self, client, sent):
        url = path_in(mail_to("kim@daily.kr"))
        PressRelease.objects.filter(pk=sent["release"].pk).update(status=Status.IN_REVIEW)
        assert client.get(url).status_code == 410

    @pytest.mark.parametrize("tamper", ["key", "pk", "garbage", "empty key"])
    def test_tampered_or_unknown_is_404(self, client, sent, tamper):
        link = link_of(sent, "kim")
        token = {
            "key": f"{link.pk}.{link.key[:-1]}{'A' if link.key[-1] != 'A' else 'B'}",
            "pk": f"{link.pk + 1000}.{link.key}",
            "garbage": "not-a-token",
            "empty key": f"{link.pk}.",
        }[tamper]
        response = client.get(rev("press:embargoed_release", "ko", token=token))
        assert response.status_code == 404
        assert TITLE_KO not in response.content.decode()

    def test_after_the_public_time_it_redirects_to_the_public_page(self, client, sent, clock):
        url = path_in(mail_to("kim@daily.kr"))
        clock.move_to(AT)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == rev("press:release_detail", "ko", slug=sent["release"].slug)
        assert not EmbargoOpen.objects.exists()
