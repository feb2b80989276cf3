"""The alert mail as a mail client reads it (press/alerts/mail.py): parsed from its bytes,
its headers for one-click unsubscribe, both alternatives in the subscriber's language, the
lead photo's credit; every language renders; only text that is out shows."""

import datetime as dt
from email import message_from_bytes, policy
from email.utils import parseaddr

import pytest
from django.test import override_settings
from django.utils import timezone

from press.alerts import links, mail
from press.models import Subscriber
from tests.factories import (
    SEOUL_CREDIT,
    PhotoFactory,
    PressReleaseFactory,
    ReleasePhotoFactory,
    VisitFactory,
)
from visits.text import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

SITE = "https://newsroom.example.org"

TITLES = {
    "en": "Mayor meets the Governor of Guangdong",
    "ko": "시장, 광둥성장과 회담",
    "zh-hans": "市长会见广东省省长",
    "ja": "市長、広東省長と会談",
}
LEADS = {
    "en": "The two cities agreed on a youth exchange.",
    "ko": "두 도시는 청소년 교류에 합의했다.",
    "zh-hans": "两市就青年交流达成一致。",
    "ja": "両市は青少年交流で合意した。",
}
#: The credit line as each language writes it.
PHOTO = {"en": "Photo: ", "ko": "사진: ", "zh-hans": "图片来源\uff1a", "ja": "写真\uff1a"}


@pytest.fixture(autouse=True)
def _site(settings):
    settings.PRESSROOM_SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Seoul Newsroom <newsroom@example.org>"


def every_language_release(**fields):
    texts = {}
    for code in LANGUAGE_CODES:
        field = code.replace("-", "_")
        texts[f"title_{field}"] = TITLES[code]
        texts[f"lead_{field}"] = LEADS[code]
        texts[f"body_{field}"] = "<p>…</p>"
    release = PressReleaseFactory(visit=VisitFactory(title_ko="광저우 방문"), **texts, **fields)
    photo = PhotoFactory(
        visit=release.visit, caption_en="The mayor and the governor", caption_ko="시장과 성장"
    )
    ReleasePhotoFactory(release=release, photo=photo, is_lead=True)
    return release


def received(subscriber, release):
    """The alert as the recipient's mail client parses it."""
    message = mail.alert_message(subscriber, release)
    return message_from_bytes(message.message().as_bytes(), policy=policy.default)


def bodies(parsed):
    return (
        parsed.get_body(preferencelist=("plain",)).get_content(),
        parsed.get_body(preferencelist=("html",)).get_content(),
    )


def test_headers_for_one_click_unsubscribe_and_both_alternatives():
    release = every_language_release()
    sub = Subscriber.objects.create(email="kim@news.example.kr", language="ko", everything=True)
    parsed = received(sub, release)

    assert parsed["Subject"] == TITLES["ko"]
    assert parseaddr(parsed["To"])[1] == "kim@news.example.kr"
    assert parseaddr(parsed["From"])[1] == "newsroom@example.org"
    unsubscribe = links.url(sub, "unsubscribe")
    assert unsubscribe.startswith(f"{SITE}/ko/alerts/unsubscribe/")
    # Folded after the colon when long (RFC 5322), which a client unfolds.
    assert parsed["List-Unsubscribe"].strip() == f"<{unsubscribe}>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["List-Id"] == "Seoul Newsroom alerts <alerts.newsroom.example.org>"
    assert parsed["Message-ID"].endswith("@newsroom.example.org>")
    assert parsed["Content-Language"] == "ko"
    assert parsed.get_content_type() == "multipart/alternative"

    text, html = bodies(parsed)
    page = f"{SITE}/ko/releases/{release.slug}/"
    for body in (text, html):
        assert TITLES["ko"] in body
        assert LEADS["ko"] in body
        assert page in body or page.replace("/releases/", "/") in body
        assert f"{PHOTO['ko']}{SEOUL_CREDIT}" in body
        assert "시장과 성장" in body  # the caption, in Korean
        assert links.url(sub, "manage") in body
        assert unsubscribe in body
        assert TITLES["en"] not in body
    assert '<html lang="ko">' in html
    assert (
        f'href="{SITE}{release.get_absolute_url()}"' not in html
    )  # the Korean page's, not English's


def test_the_release_link_is_the_page_in_the_subscribers_language():
    from django.utils import translation

    release = every_language_release()
    for code in LANGUAGE_CODES:
        sub = Subscriber.objects.create(email=f"{code}@example.org", language=code)
        text, html = bodies(received(sub, release))
        with translation.override(code):
            page = SITE + release.get_absolute_url()
        assert f"/{code}/" in page
        assert page in text
        assert f'href="{page}"' in html


def test_every_language_renders_in_its_own_words():
    release = every_language_release()
    for code in LANGUAGE_CODES:
        sub = Subscriber.objects.create(email=f"reader-{code}@example.org", language=code)
        parsed = received(sub, release)
        text, html = bodies(parsed)
        assert parsed["Subject"] == TITLES[code]
        assert LEADS[code] in text and LEADS[code] in html
        assert f"{PHOTO[code]}{SEOUL_CREDIT}" in text
        for other in set(LANGUAGE_CODES) - {code}:
            assert TITLES[other] not in text


def test_without_a_lead_photo_there_is_no_credit_line():
    release = PressReleaseFactory(
        title_ko="사진 없는 보도자료", lead_ko="요지.", body_ko="<p>.</p>"
    )
    sub = Subscriber.objects.create(email="k@example.kr", language="ko")
    text, html = bodies(received(sub, release))
    assert PHOTO["ko"] not in text and PHOTO["ko"] not in html


def test_only_text_that_is_out_shows():
    """A Korean translation marked ready for a later time is not in the mail before it:
    the reader sees the English text the page shows (`translated_field`)."""
    release = PressReleaseFactory(
        title_en="English title",
        lead_en="English lead.",
        title_ko="아직 비공개 제목",
        lead_ko="아직 비공개 요지.",
        body_ko="<p>.</p>",
        public_from_ko=timezone.now() + dt.timedelta(hours=5),
    )
    sub = Subscriber.objects.create(email="k@example.kr", language="ko")
    parsed = received(sub, release)
    text, html = bodies(parsed)
    assert parsed["Subject"] == "English title"
    for body in (text, html):
        assert "아직 비공개" not in body
        assert "English lead." in body


def test_markup_in_a_title_is_escaped_in_html_and_plain_in_text():
    release = PressReleaseFactory(title_en="Seoul & Busan <together>", lead_en="A & B.")
    sub = Subscriber.objects.create(email="e@example.org", language="en")
    parsed = received(sub, release)
    text, html = bodies(parsed)
    assert parsed["Subject"] == "Seoul & Busan <together>"
    assert "Seoul & Busan <together>" in text
    assert "Seoul &amp; Busan &lt;together&gt;" in html


@override_settings(PRESSROOM_SITE_URL="https://news.seoul.example:8443/")
def test_ids_are_in_the_sites_domain_without_its_port():
    assert mail.site_host() == "news.seoul.example"
    assert mail.new_message_id().endswith("@news.seoul.example>")


def test_a_trip_still_under_embargo_is_not_named():
    trip = VisitFactory(
        status="scheduled",
        published_at=timezone.now() + dt.timedelta(days=1),
        title_en="Secret trip",
    )
    release = PressReleaseFactory(visit=trip, title_en="Public release")
    sub = Subscriber.objects.create(email="e@example.org", language="en")
    text, html = bodies(received(sub, release))
    assert "Secret trip" not in text and "Secret trip" not in html


def test_a_line_break_in_a_title_does_not_break_the_subject():
    release = PressReleaseFactory(title_en="Two\nlines")
    sub = Subscriber.objects.create(email="e@example.org", language="en")
    assert received(sub, release)["Subject"] == "Two lines"
