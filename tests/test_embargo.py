"""Embargoes, with the clock frozen around them: one minute before, nothing is public
anywhere; at the minute, everything is, with nothing saved in between.

A release scheduled for 10:00 in Seoul, with photos no other public item shows, is looked
for through every public door in all four languages: its page, the lists, the home page,
the topic and trip pages, every feed, the sitemap, the counts, its photos' pages and its
photos' files (original and renditions, through the media view), and its video: the card
on the trip's and the event's pages, the link in the feeds, the poster's file. A
translation with its own later time goes out the same way, in its language only, and the
feeds' validators change at each minute by themselves. Also here: the media view's own
rules (who gets which file, caching, path tricks, X-Accel-Redirect).
"""

import calendar
import re
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from press.renditions import all_renditions, make_renditions, social_image_url
from tests.factories import (
    EngagementFactory,
    PersonFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VideoFactory,
    VisitFactory,
    png_file,
)
from tests.test_api import api_doors
from tests.test_feeds import Feed, read_feed, sitemap_locations
from tests.test_json_feed import JsonFeed, read_json_feed
from tests.test_pages import LANGUAGES, Page, class_data, fetch, rev, seoul, url_of
from visits.publishing import Status

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom")
BEFORE, AT = seoul(2024, 7, 25, 9, 59), seoul(2024, 7, 25, 10, 0)
TITLES = {
    "en": "Drone taxis over the Han River",
    "ko": "한강 위 드론 택시",
    "zh-hans": "汉江上空的无人机出租车",
    "ja": "漢江上空のドローンタクシー",
}
NEW_TOPIC = "Drone taxis"


def titles(texts, **more):
    return {f"title_{code.replace('-', '_')}": text for code, text in texts.items()} | more


def frozen(moment):
    return time_machine.travel(moment, tick=False)


def media_path(url: str) -> str:
    return urlsplit(url).path


# --- the world: a public trip and topic, and a release scheduled for 10:00 -------------------


def build_embargo():
    w = SimpleNamespace()
    with frozen(seoul(2024, 7, 25, 9, 0)):
        w.trip = VisitFactory(legs=1, title_en="Mayor's trip to Seoul's river")
        w.topic = TopicFactory(name_en="Mobility")
        w.new_topic = TopicFactory(name_en=NEW_TOPIC)  # only the scheduled release has it
        w.earlier = PressReleaseFactory(
            visit=w.trip, topics=[w.topic], **titles({c: f"Earlier {c}" for c in LANGUAGES})
        )
        # Shown by no public trip or release: public only through the scheduled release.
        w.lead_photo = PhotoFactory(visit=None, caption_en="A drone taxi above the river")
        w.photo = PhotoFactory(visit=None, caption_en="The landing pad")
        w.release = PressReleaseFactory(
            visit=w.trip,
            topics=[w.topic, w.new_topic],
            photos=[w.lead_photo, w.photo],
            status=Status.SCHEDULED,
            published_at=AT,
            **titles(TITLES),
        )
        # On the public trip and its public event, but meant for the release: it waits.
        w.event = EngagementFactory(leg=w.trip.legs.get())
        w.video = VideoFactory(
            url="https://youtu.be/Drone_Taxi1",
            title_en="Drone taxi test flight",
            visit=w.trip,
            releases=[w.release],
            engagements=[w.event],
            poster=png_file("test-flight.png"),
        )
    for photo in (w.lead_photo, w.photo):
        make_renditions(photo)
    return w


embargo = class_data("embargo", build_embargo)


def feed_urls(w, lang) -> dict[str, str]:
    """The feeds that carry the release once it is out, by a readable name (JSON Feed
    too: `feed_links` reads either)."""
    feeds = {}
    for fmt in (*FORMATS, "json"):
        feeds[f"site {fmt}"] = rev(f"press:release_feed_{fmt}", lang)
        feeds[f"trip {fmt}"] = rev(f"press:trip_release_feed_{fmt}", lang, slug=w.trip.slug)
        feeds[f"topic {fmt}"] = rev(f"press:topic_feed_{fmt}", lang, slug=w.topic.slug)
    return feeds


def feed_links(client, url) -> list[str]:
    """The item links of the feed at ``url``, in order: read as a feed reader reads RSS and
    Atom, as a script reads JSON Feed (validated against JSON Feed 1.1)."""
    if url.endswith(".json"):
        return read_json_feed(client, url).links
    return read_feed(client, url).links


def links_in(response) -> list[str]:
    """The item links of a feed's response, in order."""
    if response["Content-Type"].startswith("application/feed+json"):
        return JsonFeed(response).links
    return Feed(response).links


def shows(client, url, link) -> bool:
    """Whether the page at ``url`` answers and links to ``link``."""
    response = client.get(url)
    assert response.status_code == 200, url
    return Page(response).links_to(link)


def answers(client, url) -> bool:
    status = client.get(url).status_code
    assert status in (200, 404), (url, status)
    return status == 200


def doors(client, w) -> dict[str, bool]:
    """Whether the release (or what only it makes public) shows through each door."""
    seen = {}
    for lang in LANGUAGES:
        link = url_of(w.release, lang)
        seen[f"{lang} release page"] = answers(client, link)
        seen[f"{lang} release list"] = shows(client, rev("press:release_list", lang), link)
        seen[f"{lang} home"] = shows(client, rev("press:home", lang), link)
        seen[f"{lang} topic page"] = shows(client, url_of(w.topic, lang), link)
        seen[f"{lang} trip page"] = shows(client, url_of(w.trip, lang), link)
        for name, page in (("trip", w.trip), ("event", w.event)):
            html = fetch(client, url_of(page, lang)).html
            seen[f"{lang} {name} page video"] = w.video.watch_url in html
        seen[f"{lang} new topic page"] = answers(client, url_of(w.new_topic, lang))
        for photo in (w.lead_photo, w.photo):
            seen[f"{lang} photo page {photo.pk}"] = answers(client, url_of(photo, lang))
        for name, url in feed_urls(w, lang).items():
            entries = feed_links(client, url)
            seen[f"{lang} {name} feed"] = f"http://testserver{link}" in entries
            seen[f"{lang} {name} feed video"] = (
                w.video.watch_url in client.get(url).content.decode()
            )
        for fmt in (*FORMATS, "json"):
            new_topic_feed = rev(f"press:topic_feed_{fmt}", lang, slug=w.new_topic.slug)
            seen[f"{lang} new topic {fmt} feed"] = answers(client, new_topic_feed)
        # Its title, and the topic only it has (a filter choice, a feed on the feeds page).
        for name in ("press:home", "press:release_list", "press:feeds"):
            html = fetch(client, rev(name, lang)).html
            seen[f"{lang} {name} names it"] = TITLES[lang] in html or NEW_TOPIC in html
    seen["release count"] = "2 press releases" in fetch(client, rev("press:release_list")).html
    for section, items in (
        ("releases", [w.release]),
        ("topics", [w.new_topic]),
        ("photos", [w.lead_photo, w.photo]),
    ):
        listed = sitemap_locations(client, section)
        for item in items:
            for lang in LANGUAGES:
                url = f"http://testserver{url_of(item, lang)}"
                seen[f"sitemap {section} {url}"] = url in listed
    seen["video poster"] = answers(client, media_path(w.video.poster.url))
    for photo in (w.lead_photo, w.photo):
        seen[f"original {photo.pk}"] = answers(client, media_path(photo.image.url))
        for rendition in all_renditions(photo):
            seen[f"rendition {rendition.name}"] = answers(client, media_path(rendition.url))
    seen.update(api_doors(client, w))
    return seen


class TestScheduledRelease:
    def test_absent_from_every_door_at_0959(self, client, embargo):
        with frozen(BEFORE):
            seen = doors(client, embargo)
        assert [door for door, shown in seen.items() if shown] == []
        assert len(seen) > 100  # every door was looked at

    def test_present_at_every_door_at_1000(self, client, embargo):
        with frozen(AT):
            seen = doors(client, embargo)
        assert [door for door, shown in seen.items() if not shown] == []

    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_its_page_at_1000_is_complete(self, client, embargo, lang):
        """Title, social image and structured data: all in the reader's language, all
        pointing at files that answer."""
        with frozen(AT):
            page = fetch(client, url_of(embargo.release, lang))
            assert page.meta["og:title"] == TITLES[lang]
            (article,) = page.jsonld
            assert article["headline"] == TITLES[lang]
            social = social_image_url(embargo.lead_photo)
            assert page.meta["og:image"] == f"http://testserver{social}"
            assert client.get(media_path(social)).status_code == 200
            assert client.get(media_path(article["image"]["url"])).status_code == 200

    def test_its_photo_files_are_404_at_0959_even_by_their_exact_names(self, client, embargo):
        with frozen(BEFORE):
            for photo in (embargo.lead_photo, embargo.photo):
                response = client.get(media_path(photo.image.url))
                assert response.status_code == 404
                assert response["Cache-Control"] == "no-store"  # no cache keeps the 404

    def test_editors_see_the_photo_files_before_the_minute(
        self, client, embargo, django_user_model
    ):
        editor = django_user_model.objects.create_user("editor", is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="change_photo"))
        client.force_login(editor)
        with frozen(BEFORE):
            response = client.get(media_path(embargo.lead_photo.image.url))
            assert response.status_code == 200
            assert response["Cache-Control"] == "private, no-store"

    def test_feed_validators_change_at_the_minute_in_every_language(self, client, embargo):
        for lang in LANGUAGES:
            for url in feed_urls(embargo, lang).values():
                with frozen(BEFORE):
                    before = client.get(url)
                    assert client.get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
                with frozen(AT):
                    by_etag = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
                    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
                assert by_etag.status_code == 200, url
                assert by_etag["ETag"] != before["ETag"], url
                assert by_date.status_code == 200, url
                link = f"http://testserver{url_of(embargo.release, lang)}"
                assert links_in(by_etag)[0] == link


# --- sent to journalists under embargo (issue 23) -----------------------------------------------


def sent_under_embargo(w, capture_on_commit):
    """Journalists in two languages get the release at 09:00; their personal links."""
    from press import distribution
    from press.models import EmbargoLink, Journalist, JournalistList

    desk = JournalistList.objects.create(name="Accredited")
    for name, lang in (("Kim", "ko"), ("Smith", "en")):
        desk.journalists.add(
            Journalist.objects.create(
                name=name, outlet_name="Wire", email=f"{name.lower()}@wire.example", language=lang
            )
        )
    with capture_on_commit(execute=True):
        distribution.send_under_embargo(release=w.release, lists=[desk])
    return {
        link.journalist.language: rev("press:embargoed_release", link.journalist.language,
                                      token=link.token)
        for link in EmbargoLink.objects.select_related("journalist")
    }  # fmt: skip


def search_finds(client, w, lang) -> bool:
    from visits.search import indexing

    # The class's world is built before tests index at once: index the release here.
    indexing.reindex("release", [w.release.pk])
    response = client.get(rev("visits:search", lang), {"q": TITLES[lang]})
    assert response.status_code == 200
    return Page(response).links_to(url_of(w.release, lang))


class TestSentUnderEmbargo:
    """Mailed to journalists at 09:00, the release still shows through no public door
    before 10:00: only each journalist's personal link shows it, without its photos."""

    def test_only_the_personal_links_show_it_before_the_minute(
        self, client, embargo, mailoutbox, django_capture_on_commit_callbacks
    ):
        with frozen(seoul(2024, 7, 25, 9, 0)):
            links = sent_under_embargo(embargo, django_capture_on_commit_callbacks)
        assert len(mailoutbox) == 2
        with frozen(BEFORE):
            for lang, link in links.items():
                page = client.get(link)
                assert page.status_code == 200
                html = page.content.decode()
                assert TITLES[lang] in html
                for photo in (embargo.lead_photo, embargo.photo):
                    assert media_path(photo.image.url) not in html
                    assert all(media_path(r.url) not in html for r in all_renditions(photo))
            seen = doors(client, embargo)
            seen |= {f"{lang} search": search_finds(client, embargo, lang) for lang in LANGUAGES}
        assert [door for door, shown in seen.items() if shown] == []

    def test_at_the_minute_the_links_lead_to_the_public_page(
        self, client, embargo, django_capture_on_commit_callbacks
    ):
        with frozen(seoul(2024, 7, 25, 9, 0)):
            links = sent_under_embargo(embargo, django_capture_on_commit_callbacks)
        with frozen(AT):
            for lang, link in links.items():
                response = client.get(link)
                assert response.status_code == 302
                assert response["Location"] == url_of(embargo.release, lang)
            # The search door opens at the minute too (so it was really looked through).
            assert all(search_finds(client, embargo, lang) for lang in LANGUAGES)


# --- a translation with a time of its own ----------------------------------------------------

JA_TIME = seoul(2024, 7, 25, 12, 0)
JA_TITLE = "ソウル、漢江に水上バス"
ZH_TITLE = "首尔汉江水上巴士"


def build_translation_embargo():
    """Out at 10:00 in English and Korean; Japanese ready with its own 12:00; Chinese
    translated but not marked ready."""
    w = SimpleNamespace()
    with frozen(seoul(2024, 7, 25, 9, 0)):
        w.trip = VisitFactory(legs=1)
        w.topic = TopicFactory(name_en="River buses")
        w.release = PressReleaseFactory(
            visit=w.trip,
            topics=[w.topic],
            status=Status.SCHEDULED,
            published_at=AT,
            title_en="Water buses on the Han River",
            title_ko="한강 수상버스 운항",
            title_ja=JA_TITLE,
            title_zh_hans=ZH_TITLE,
            lead_ja="漢江に水上バスが走る。",
            body_ja="<p>本文。</p>",
            ready_zh_hans=False,
            public_from_ja=JA_TIME,
        )
        # Public before the embargo, so the trip's and topic's feeds exist at 09:59.
        w.earliest = PressReleaseFactory(
            visit=w.trip, topics=[w.topic], published_at=seoul(2024, 7, 25, 8, 0)
        )
        w.other = PressReleaseFactory(
            visit=w.trip,
            topics=[w.topic],
            published_at=seoul(2024, 7, 25, 11, 0),
            title_ja="別の発表",
        )
    return w


translation_embargo = class_data("translation_embargo", build_translation_embargo)


def timestamp(struct_time) -> int:
    return calendar.timegm(struct_time)


def ja_feed_urls(w, lang="ja"):
    return [
        rev(f"press:{name}_{fmt}", lang, **kwargs)
        for fmt in FORMATS
        for name, kwargs in [
            ("release_feed", {}),
            ("trip_release_feed", {"slug": w.trip.slug}),
            ("topic_feed", {"slug": w.topic.slug}),
        ]
    ]


class TestTranslationWithItsOwnTime:
    def test_japanese_feeds_lack_it_until_1200(self, client, translation_embargo):
        w = translation_embargo
        link = f"http://testserver{url_of(w.release, 'ja')}"
        with frozen(JA_TIME - timedelta(minutes=1)):
            for url in ja_feed_urls(w):
                feed = read_feed(client, url)
                assert link not in feed.links, url
                assert JA_TITLE not in feed.xml
        with frozen(JA_TIME):
            for url in ja_feed_urls(w):
                feed = read_feed(client, url)
                # Newest first by when it went out in Japanese: ahead of the 11:00 release.
                assert feed.links[0] == link, url
                entry = feed.entry(link)
                assert entry.title == JA_TITLE
                assert timestamp(entry.published_parsed) == int(JA_TIME.timestamp())
                assert timestamp(entry.updated_parsed) == int(JA_TIME.timestamp())

    @pytest.mark.parametrize("lang", ["en", "ko"])
    def test_the_other_languages_have_it_from_1000_dated_1000(
        self, client, translation_embargo, lang
    ):
        w = translation_embargo
        link = f"http://testserver{url_of(w.release, lang)}"
        with frozen(AT - timedelta(minutes=1)):
            for url in ja_feed_urls(w, lang):
                assert link not in read_feed(client, url).links
        for moment in (AT, JA_TIME):
            with frozen(moment):
                for url in ja_feed_urls(w, lang):
                    entry = read_feed(client, url).entry(link)
                    assert timestamp(entry.published_parsed) == int(AT.timestamp())

    def test_japanese_page_falls_back_with_a_pending_notice_until_1200(
        self, client, translation_embargo
    ):
        w = translation_embargo
        with frozen(JA_TIME - timedelta(minutes=1)):
            page = fetch(client, url_of(w.release, "ja"))
        assert page.langs_of("Water buses on the Han River") == {"en"}
        assert JA_TITLE not in page.html
        assert "漢江に水上バスが走る。" not in page.html
        (notice,) = re.findall(r'<p class="notice notice--pending".*?</p>', page.html, re.S)
        assert f'datetime="{JA_TIME.isoformat()}"' in notice
        with frozen(JA_TIME):
            page = fetch(client, url_of(w.release, "ja"))
        assert page.langs_of(JA_TITLE) == {"ja"}
        assert page.meta["og:title"] == JA_TITLE
        assert "notice" not in page.html.split("<main", 1)[1].split("</header>", 1)[0]

    def test_japanese_etags_change_at_1200_with_no_save_and_others_do_not(
        self, client, translation_embargo
    ):
        w = translation_embargo
        for lang, changes in (("ja", True), ("en", False), ("ko", False)):
            for url in ja_feed_urls(w, lang):
                with frozen(JA_TIME - timedelta(minutes=1)):
                    before = client.get(url)
                with frozen(JA_TIME):
                    again = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
                    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
                assert (again.status_code == 200) == changes, url
                assert (by_date.status_code == 200) == changes, url
                if changes:
                    assert again["ETag"] != before["ETag"]

    def test_chinese_not_ready_never_shows(self, client, translation_embargo):
        w = translation_embargo
        with frozen(JA_TIME + timedelta(days=30)):
            page = fetch(client, url_of(w.release, "zh-hans"))
            assert ZH_TITLE not in page.html
            assert 'class="notice notice--pending"' in page.html
            for url in ja_feed_urls(w, "zh-hans"):
                feed = read_feed(client, url)
                assert ZH_TITLE not in feed.xml
                assert f"http://testserver{url_of(w.release, 'zh-hans')}" not in feed.links


# --- the media view's own rules ---------------------------------------------------------------


@pytest.fixture
def public_photo():
    """A photo on a public trip, with its renditions."""
    photo = PhotoFactory()
    make_renditions(photo)
    return photo


class TestMediaView:
    def test_public_original_and_renditions_are_served_and_cacheable(self, client, public_photo):
        for url in (public_photo.image.url, social_image_url(public_photo)):
            response = client.get(media_path(url))
            assert response.status_code == 200, url
            assert response["Cache-Control"].startswith("public, max-age=")
            assert "Cookie" not in response.get("Vary", "")
        original = client.get(media_path(public_photo.image.url))
        assert original["Content-Type"] == "image/png"
        served = b"".join(original.streaming_content)
        with default_storage.open(public_photo.image.name, "rb") as file:
            assert served == file.read()

    def test_unchanged_file_answers_304(self, client, public_photo):
        url = media_path(public_photo.image.url)
        first = client.get(url)
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    def test_photo_of_a_draft_trip_is_404_and_staff_need_the_permission(
        self, client, django_user_model
    ):
        photo = PhotoFactory(visit=VisitFactory(draft=True))
        url = media_path(photo.image.url)
        assert client.get(url).status_code == 404
        staff = django_user_model.objects.create_user("staff", is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_photo"))
        client.force_login(staff)
        assert client.get(url).status_code == 404
        staff.user_permissions.add(Permission.objects.get(codename="change_photo"))
        staff = django_user_model.objects.get(pk=staff.pk)  # no cached permissions
        client.force_login(staff)
        assert client.get(url).status_code == 200

    def test_files_of_no_photo_are_404_even_to_an_admin(self, client, django_user_model):
        stray = default_storage.save("photos/stray.png", ContentFile(b"not a photo's file"))
        assert client.get(f"/media/{stray}").status_code == 404
        client.force_login(django_user_model.objects.create_superuser("admin"))
        assert client.get(f"/media/{stray}").status_code == 404

    def test_portraits_only_the_admin_shows_go_to_staff_who_may_change_people(
        self, client, django_user_model
    ):
        person = PersonFactory(portrait=png_file("face.png"))  # served only if it is a PNG
        url = media_path(person.portrait.url)
        assert client.get(url).status_code == 404
        client.force_login(django_user_model.objects.create_superuser("admin"))
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"

    @pytest.mark.parametrize(
        "trick",
        [
            "../config/settings/base.py",
            "photos/../../manage.py",
            "%2e%2e/%2e%2e/manage.py",
            "photos/%2e%2e/%2e%2e/manage.py",
            "%252e%252e/manage.py",
            "/etc/passwd",
            "%2fetc%2fpasswd",
            "photos//x.png",
            "photos/./x.png",
            "photos\\..\\x.png",
            "renditions/../photos/x.png",
            "renditions/x.png",
        ],
    )
    def test_names_that_leave_the_media_folder_are_404(self, client, public_photo, trick):
        assert client.get(f"/media/{trick}").status_code == 404

    def test_a_rendition_folder_trick_does_not_reach_the_original(self, client, public_photo):
        """``renditions/<public original>/`` names only files inside that folder."""
        name = f"renditions/{public_photo.image.name}/../../../{public_photo.image.name}"
        assert client.get(f"/media/{name}").status_code == 404

    def test_x_accel_redirect_hands_the_file_to_nginx(self, client, public_photo, settings):
        settings.PRESSROOM_MEDIA_ACCEL_REDIRECT = "/protected-media/"
        response = client.get(media_path(public_photo.image.url))
        assert response.status_code == 200
        assert response["X-Accel-Redirect"] == f"/protected-media/{public_photo.image.name}"
        assert response.content == b""
        assert response["Cache-Control"].startswith("public, max-age=")
        hidden = PhotoFactory(visit=VisitFactory(draft=True))
        missing = client.get(media_path(hidden.image.url))
        assert missing.status_code == 404
        assert "X-Accel-Redirect" not in missing

    def test_only_reading_is_allowed(self, client, public_photo):
        assert client.post(media_path(public_photo.image.url)).status_code == 405
        assert client.head(media_path(public_photo.image.url)).status_code == 200
