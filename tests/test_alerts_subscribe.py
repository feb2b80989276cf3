"""Email alerts, the reader's side: subscribe, confirm by a link in the mail, manage, and
unsubscribe in one click (RFC 8058), as a reader and a mail client meet them, with CSRF
checks on; and what the form refuses or never tells (tests/test_alerts_bad_input.py has
the bad input and the flood limit)."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from press.alerts import links
from press.models import Subscriber, SuppressedAddress

from .factories import PressReleaseFactory, TopicFactory, VisitFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ko", "zh-hans", "ja"]


@pytest.fixture(autouse=True)
def _empty_counters(settings):
    """The flood limit counts in the cache, which outlives a test."""
    settings.DEFAULT_FROM_EMAIL = "alerts@press.example.org"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def browser():
    """A reader's browser: Django checks its CSRF token as in production."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Post a form as the browser does (the page's CSRF token in it), and run the mail
    tasks the request queued once its transaction commits."""

    def post(client, url, data, **extra):
        client.get(url)
        token = client.cookies["csrftoken"].value
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {**data, "csrfmiddlewaretoken": token}, **extra)

    return post


def alerts_url(language="en"):
    with translation.override(language):
        return reverse("press:alerts")


def form(email, **choices):
    return {"email": email, "language": "en", "follow": "everything", **choices}


def link_in(message, purpose):
    found = re.search(rf"https?://\S+/alerts/{purpose}/[^/\s]+/", message.body)
    assert found, message.body
    return urlsplit(found.group(0)).path


def html_of(message) -> str:
    [(html, kind)] = message.alternatives
    assert kind == "text/html"
    return html


class TestTheWholePath:
    def test_subscribe_in_korean_to_a_trip_confirm_manage_and_unsubscribe_in_one_click(
        self, browser, send
    ):
        trip = VisitFactory(title_en="Europe trip", title_ko="유럽 순방")
        topic = TopicFactory(name_en="Robotics", name_ko="로봇")
        PressReleaseFactory(visit=trip, topics=[topic])

        # The page is in English; the reader asks for alerts in Korean about one trip.
        response = send(
            browser,
            alerts_url("en"),
            form("Reporter@Example.org", language="ko", follow="some", trips=[trip.pk]),
        )
        assert response.status_code == 303
        assert response["Location"] == reverse("press:alerts_sent")
        page = browser.get(response["Location"])
        assert "Check your inbox" in page.text

        subscriber = Subscriber.objects.get()
        assert subscriber.email == "reporter@example.org"
        assert (subscriber.language, subscriber.everything) == ("ko", False)
        assert list(subscriber.trips.all()) == [trip]
        assert subscriber.confirmed_at is None

        [message] = mail.outbox
        assert message.to == ["reporter@example.org"]
        assert message.from_email == "alerts@press.example.org"
        assert message.subject == "보도자료 알림 구독을 확인해 주세요"
        assert "3일" in message.body  # the link expires, said in Korean
        confirm_path = link_in(message, "confirm")
        assert confirm_path.startswith("/ko/alerts/confirm/")
        assert confirm_path in html_of(message)
        assert 'lang="ko"' in html_of(message)

        # A mail scanner's GET confirms nothing: it only shows the button.
        scanned = Client().get(confirm_path)
        assert scanned.status_code == 200
        assert "<button" in scanned.text and 'lang="ko"' in scanned.text
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is None

        confirmed = send(browser, confirm_path, {})
        assert confirmed.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is not None
        manage_path = links.path(subscriber, "manage")
        assert manage_path in confirmed.text

        # Manage: Japanese, the topic too.
        changed = send(
            browser,
            manage_path,
            {"language": "ja", "follow": "some", "trips": [trip.pk], "topics": [topic.pk]},
            follow=True,
        )
        assert "알림 설정을 저장했습니다." in changed.text
        subscriber.refresh_from_db()
        assert subscriber.language == "ja"
        assert list(subscriber.topics.all()) == [topic]

        # One click in the mail client: a POST with no cookie, no session, no CSRF token.
        mail_client = Client(enforce_csrf_checks=True)
        unsubscribe = links.path(subscriber, "unsubscribe")
        for _attempt in range(2):  # again: the same answer, nothing changes
            response = mail_client.post(
                unsubscribe,
                "List-Unsubscribe=One-Click",
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code == 200
            assert 'lang="ja"' in response.text
        subscriber.refresh_from_db()
        stopped_at = subscriber.stopped_at
        assert stopped_at is not None
        assert not Subscriber.objects.receiving().exists()

    def test_an_unsubscribe_get_only_shows_the_button(self):
        subscriber = Subscriber.objects.create(
            email="a@example.org", language="en", confirmed_at=timezone.now()
        )
        response = Client().get(links.path(subscriber, "unsubscribe"))
        assert response.status_code == 200
        assert "<button" in response.text
        subscriber.refresh_from_db()
        assert subscriber.stopped_at is None

    def test_the_page_s_own_unsubscribe_button_works_without_a_session(self):
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            links.path(subscriber, "unsubscribe"), {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 200
        assert "No more alerts will be sent" in response.text
        subscriber.refresh_from_db()
        assert subscriber.stopped_at is not None

    def test_manage_stops_and_a_stopped_subscription_cannot_be_confirmed_by_an_old_link(
        self, browser, send
    ):
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        confirm_path = links.path(subscriber, "confirm")
        response = send(browser, links.path(subscriber, "manage"), {"stop": "1"})
        assert response.status_code == 200
        assert "No more alerts will be sent" in response.text
        subscriber.refresh_from_db()
        assert subscriber.stopped_at is not None
        assert send(browser, confirm_path, {}).status_code == 400
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is None

    def test_manage_says_what_is_missing_and_keeps_the_choices(self, browser, send):
        topic = TopicFactory()
        PressReleaseFactory(topics=[topic])
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        subscriber.topics.add(topic)
        response = send(
            browser, links.path(subscriber, "manage"), {"language": "en", "follow": "some"}
        )
        assert response.status_code == 200
        assert "Choose at least one trip or topic" in response.text
        assert list(subscriber.topics.all()) == [topic]


class TestLinksThatDoNotOpen:
    @pytest.mark.parametrize("purpose", ["confirm", "manage", "unsubscribe"])
    def test_a_tampered_token_is_refused_in_the_reader_s_language(self, purpose):
        subscriber = Subscriber.objects.create(email="a@example.org", language="ko")
        path = links.path(subscriber, purpose)
        tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
        for method in ("get", "post"):
            response = getattr(Client(), method)(tampered)
            assert response.status_code == 400
            assert 'lang="ko"' in response.text
            assert "이 링크는 작동하지 않습니다" in response.text
            assert f'href="{alerts_url("ko")}"' in response.text

    def test_a_link_of_another_purpose_is_refused(self):
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        token = links.make_token(subscriber, "confirm")
        with translation.override("en"):
            for name in ("press:alerts_manage", "press:alerts_unsubscribe"):
                response = Client().post(reverse(name, args=[token]))
                assert response.status_code == 400
        subscriber.refresh_from_db()
        assert subscriber.stopped_at is None

    def test_an_expired_confirmation_link_is_refused_and_says_how_to_ask_again(self):
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        path = links.path(subscriber, "confirm")
        with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
            response = Client().post(path)
        assert response.status_code == 400
        assert "This confirmation link has expired" in response.text
        assert "Subscribe again to get a new link by email" in response.text
        subscriber.refresh_from_db()
        assert subscriber.confirmed_at is None
        # The manage and unsubscribe links are in every mail ever sent: they do not expire.
        with time_machine.travel(timezone.now() + timedelta(days=400)):
            assert Client().get(links.path(subscriber, "manage")).status_code == 200

    def test_the_link_paths_are_the_routes(self):
        subscriber = Subscriber.objects.create(email="a@example.org", language="en")
        for code in LANGUAGES:
            for purpose in links.PURPOSES:
                token = links.make_token(subscriber, purpose)
                with translation.override(code):
                    route = reverse(f"press:alerts_{purpose}", args=[token])
                assert links.path(subscriber, purpose, code) == route
                assert links.url(subscriber, purpose, code).endswith(route)


class TestNoOracle:
    """Whatever the address's state, the same answer; only its owner's mail differs."""

    def test_new_waiting_confirmed_stopped_and_suppressed_addresses_get_the_same_answer(self, send):
        now = timezone.now()
        Subscriber.objects.create(email="waiting@example.org", language="en")
        Subscriber.objects.create(email="confirmed@example.org", language="en", confirmed_at=now)
        Subscriber.objects.create(
            email="stopped@example.org", language="en", confirmed_at=now, stopped_at=now
        )
        SuppressedAddress.suppress("suppressed@example.org", "bounced")
        answers = {}
        for name in ("new", "waiting", "confirmed", "stopped", "suppressed"):
            response = send(
                Client(enforce_csrf_checks=True), alerts_url(), form(f"{name}@example.org")
            )
            answers[name] = (response.status_code, response["Location"], response.content)
        assert len(set(answers.values())) == 1

        sent = {message.to[0]: message for message in mail.outbox}
        assert set(sent) == {
            "new@example.org",
            "waiting@example.org",
            "confirmed@example.org",
            "stopped@example.org",
        }
        assert "/alerts/confirm/" in sent["new@example.org"].body
        assert "/alerts/confirm/" in sent["waiting@example.org"].body
        assert "/alerts/confirm/" in sent["stopped@example.org"].body
        already = sent["confirmed@example.org"]
        assert "already subscribed" in already.subject
        assert "/alerts/manage/" in already.body and "/alerts/confirm/" not in already.body
        assert not Subscriber.objects.filter(email="suppressed@example.org").exists()

    def test_a_confirmed_subscription_is_not_changed_by_the_form(self, send):
        topic = TopicFactory()
        PressReleaseFactory(topics=[topic])
        subscriber = Subscriber.objects.create(
            email="a@example.org", language="ko", everything=True, confirmed_at=timezone.now()
        )
        send(Client(), alerts_url(), form("a@example.org", follow="some", topics=[topic.pk]))
        subscriber.refresh_from_db()
        assert (subscriber.language, subscriber.everything) == ("ko", True)
        assert not subscriber.topics.exists()
        # ... and the "already subscribed" mail is in the subscriber's language.
        [message] = mail.outbox
        assert message.subject == "이미 보도자료 알림을 구독하고 있습니다"

    def test_a_waiting_subscription_takes_the_new_choices(self, send):
        trip = VisitFactory()
        subscriber = Subscriber.objects.create(
            email="a@example.org", language="en", everything=True
        )
        send(
            Client(),
            alerts_url(),
            form("a@example.org", language="ja", follow="some", trips=[trip.pk]),
        )
        subscriber.refresh_from_db()
        assert (subscriber.language, subscriber.everything) == ("ja", False)
        assert list(subscriber.trips.all()) == [trip]

    def test_a_stopped_subscription_starts_again_unconfirmed_with_new_links(self, send):
        now = timezone.now()
        subscriber = Subscriber.objects.create(
            email="a@example.org", language="en", confirmed_at=now, stopped_at=now
        )
        old_unsubscribe = links.path(subscriber, "unsubscribe")
        send(Client(), alerts_url(), form("a@example.org"))
        subscriber.refresh_from_db()
        assert subscriber.stopped_at is None and subscriber.confirmed_at is None
        assert Client().post(old_unsubscribe).status_code == 400


class TestPages:
    @pytest.mark.parametrize(
        ("code", "title"),
        [
            ("en", "Email alerts"),
            ("ko", "이메일 알림"),
            ("zh-hans", "邮件提醒"),
            ("ja", "メール通知"),
        ],
    )
    def test_the_subscribe_page_in_each_language(self, client, code, title):
        response = client.get(alerts_url(code))
        assert response.status_code == 200
        assert f'<html lang="{code}">' in response.text
        assert f'<h1 class="page-title">{title}</h1>' in response.text
        # The alerts' language is the page's unless the reader picks another.
        assert f'<option value="{code}" selected>' in response.text
        assert 'name="robots" content="noindex' in response.text
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]

    def test_labels_and_errors_are_tied_to_their_fields(self, client):
        response = client.post(alerts_url(), form("not an address"))
        assert response.status_code == 200
        text = response.text
        assert '<label for="id_email">' in text
        assert "<legend>What to follow:</legend>" in text
        assert 'aria-invalid="true"' in text
        assert 'aria-describedby="id_email_helptext id_email_error"' in text
        assert '<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.' in text

    def test_only_public_trips_and_topics_are_offered(self, client, send):
        public_trip = VisitFactory(title_en="Public trip")
        draft_trip = VisitFactory(title_en="Draft trip", draft=True)
        public_topic = TopicFactory(name_en="Public topic")
        hidden_topic = TopicFactory(name_en="Hidden topic")
        PressReleaseFactory(topics=[public_topic])
        PressReleaseFactory(topics=[hidden_topic], draft=True)
        page = client.get(alerts_url()).text
        assert "Public trip" in page and "Public topic" in page
        assert "Draft trip" not in page and "Hidden topic" not in page

        for choice in ({"trips": [draft_trip.pk]}, {"topics": [hidden_topic.pk]}):
            response = send(Client(), alerts_url(), form("a@example.org", follow="some", **choice))
            assert response.status_code == 200
            assert "Select a valid choice" in response.text
        assert not Subscriber.objects.exists()
        assert mail.outbox == []
        assert public_trip  # offered above

    @pytest.mark.parametrize("code", LANGUAGES)
    def test_the_footer_and_the_feeds_page_link_to_the_alerts(self, client, code):
        href = f'href="{alerts_url(code)}"'
        with translation.override(code):
            feeds = client.get(reverse("press:feeds"))
            home = client.get(reverse("press:home"))
        assert feeds.text.count(href) == 2  # in the text and in the footer
        assert home.text.count(href) == 1


def test_the_subscribe_page_costs_the_same_with_more_trips_and_topics(client):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(alerts_url()).status_code == 200
        return len(captured)

    PressReleaseFactory(visit=VisitFactory(), topics=[TopicFactory()])
    few = queries()
    for _number in range(5):
        PressReleaseFactory(visit=VisitFactory(), topics=[TopicFactory()])
    assert queries() == few <= 12


@pytest.mark.parametrize(
    ("code", "subject", "expires"),
    [
        ("en", "Confirm your press release alerts", "The link expires in 3 days."),
        ("ko", "보도자료 알림 구독을 확인해 주세요", "링크는 3일 뒤에 만료됩니다."),
        ("zh-hans", "请确认您的新闻稿提醒订阅", "链接将在 3 天后失效。"),
        ("ja", "プレスリリース通知の登録を確認してください", "リンクの有効期限は 3 日です。"),
    ],
)
def test_the_confirmation_mail_is_in_the_chosen_language(send, code, subject, expires):
    send(Client(), alerts_url("en"), form("a@example.org", language=code))
    [message] = mail.outbox
    assert message.subject == subject
    assert expires in message.body and expires in html_of(message)
    assert f'<html lang="{code}">' in html_of(message)
    assert link_in(message, "confirm").startswith(f"/{code}/alerts/confirm/")
