"""Video links: which addresses are videos (good ones and hostile ones), who sees a video
and where (the pages of its release, trip and events, the feeds), the card that links
out with no request to the video's site, its poster through the media view, and the
admin."""

import io
import threading
from datetime import timedelta
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from press import previews
from press.models import Video
from press.video_links import CITY, VIMEO, YOUTUBE, parse, watch_url
from tests.factories import (
    EngagementFactory,
    PressReleaseFactory,
    VideoFactory,
    VisitFactory,
    assign_languages,
    png_file,
)
from tests.test_admin import admin_url
from tests.test_csp import policy_of
from tests.test_feeds import read_feed
from tests.test_json_feed import read_json_feed
from tests.test_pages import fetch, rev, url_of

pytestmark = pytest.mark.django_db

YT = "dQw4w9WgXcQ"
YT_WATCH = f"https://www.youtube.com/watch?v={YT}"


# --- which addresses are videos -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "provider", "video_id", "canonical"),
    [
        (f"https://www.youtube.com/watch?v={YT}", YOUTUBE, YT, YT_WATCH),
        (f"https://youtube.com/watch?v={YT}&t=42s&list=PL123", YOUTUBE, YT, YT_WATCH),
        (f"http://m.youtube.com/watch?feature=share&v={YT}", YOUTUBE, YT, YT_WATCH),
        (f"https://youtu.be/{YT}?si=abc", YOUTUBE, YT, YT_WATCH),
        (f"https://www.youtube.com/shorts/{YT}", YOUTUBE, YT, YT_WATCH),
        (f"https://www.youtube.com/live/{YT}", YOUTUBE, YT, YT_WATCH),
        (f"https://www.youtube-nocookie.com/embed/{YT}", YOUTUBE, YT, YT_WATCH),
        (f"  https://WWW.YouTube.COM./watch?v={YT}  ", YOUTUBE, YT, YT_WATCH),
        ("https://vimeo.com/76979871", VIMEO, "76979871", "https://vimeo.com/76979871"),
        (
            "https://vimeo.com/76979871/8f5a2b9c1d",
            VIMEO,
            "76979871/8f5a2b9c1d",
            "https://vimeo.com/76979871/8f5a2b9c1d",
        ),
        (
            "https://player.vimeo.com/video/76979871?h=8f5a2b9c1d",
            VIMEO,
            "76979871/8f5a2b9c1d",
            "https://vimeo.com/76979871/8f5a2b9c1d",
        ),
        (
            "https://tv.seoul.example/watch/2024/mayor-in-tokyo?id=77#top",
            CITY,
            "tv.seoul.example/watch/2024/mayor-in-tokyo?id=77",
            "https://tv.seoul.example/watch/2024/mayor-in-tokyo?id=77",
        ),
    ],
)
def test_video_addresses_are_read_to_their_canonical_form(
    settings, text, provider, video_id, canonical
):
    settings.PRESSROOM_VIDEO_HOSTS = ["tv.seoul.example"]
    link = parse(text)
    assert (link.provider, link.video_id, link.url) == (provider, video_id, canonical)


HOSTILE = [
    "",
    "javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ",
    "JaVaScRiPt:alert(document.cookie)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    f"ftp://youtube.com/watch?v={YT}",
    f"//youtube.com/watch?v={YT}",
    f"youtube.com/watch?v={YT}",
    f"https://youtube.com.evil.example/watch?v={YT}",
    f"https://www.youtube.com.evil.example/shorts/{YT}",
    f"https://evil.example/www.youtube.com/watch?v={YT}",
    f"https://evil.example/?u=https://youtu.be/{YT}",
    f"https://notyoutube.com/watch?v={YT}",
    f"https://youtube.com@evil.example/watch?v={YT}",
    f"https://evil.example@youtube.com/watch?v={YT}",
    f"https://user:pass@www.youtube.com/watch?v={YT}",
    f"https://evil.example\\@youtube.com/watch?v={YT}",
    f"https://evil.example%2F@youtube.com/watch?v={YT}",
    f"https://www.youtube.com:8443/watch?v={YT}",
    f"https://www.youtube.com:/watch?v={YT}",
    f"https://xn--yutube-wqf.com/watch?v={YT}",
    f"https://y\u043eutube.com/watch?v={YT}",  # a Cyrillic o
    f"https://youtu.be/{YT}\n.evil.example",
    f"https://youtu.be/{YT}%0d%0aSet-Cookie:x",
    "https://youtu.be/short",
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>alert(1)</script>',
    f"https://www.youtube.com/watch?v={YT}&v=aaaaaaaaaaa",
    "https://www.youtube.com/channel/UC1234567890",
    "https://vimeo.com/channels/staffpicks",
    "https://vimeo.com/76979871/<script>",
    "https://vimeo.evil.example/76979871",
    "https://player.vimeo.com/76979871",
    "https://tv.seoul.example.evil.example/watch/1",
    "http://tv.seoul.example/watch/1",  # the city's channel: https only
    "https://tv.seoul.example/watch/<img src=x>",
    "https://[::1]/watch?v=dQw4w9WgXcQ",
    "https://127.0.0.1/watch?v=dQw4w9WgXcQ",
    "https://" + "a" * 600 + ".youtube.com/watch",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_anything_else_is_refused_with_a_clear_message(settings, text):
    settings.PRESSROOM_VIDEO_HOSTS = ["tv.seoul.example"]
    with pytest.raises(ValidationError) as caught:
        parse(text)
    assert "YouTube or Vimeo" in caught.value.messages[0]


def test_the_citys_hosts_come_from_the_setting_only(settings):
    settings.PRESSROOM_VIDEO_HOSTS = []
    with pytest.raises(ValidationError):
        parse("https://tv.seoul.example/watch/1")
    assert watch_url(CITY, "tv.seoul.example/watch/1") == ""


@pytest.mark.parametrize(
    ("provider", "video_id"),
    [
        (YOUTUBE, "javascript:alert(1)"),
        (YOUTUBE, "x" * 12),
        (VIMEO, "1/../../evil"),
        (CITY, "evil.example/watch"),
        ("other", YT),
    ],
)
def test_a_row_saved_around_the_checks_gives_no_link(provider, video_id):
    assert watch_url(provider, video_id) == ""


# --- the model -----------------------------------------------------------------------------


def test_saving_keeps_the_canonical_address():
    video = VideoFactory(url=f"https://youtu.be/{YT}?t=3")
    video.refresh_from_db()
    assert (video.provider, video.video_id, video.url) == (YOUTUBE, YT, YT_WATCH)


def test_a_script_cannot_save_a_hostile_address():
    with pytest.raises(ValidationError) as caught:
        Video(url="javascript:alert(1)", title_en="x").save()
    assert "url" in caught.value.message_dict


def test_full_clean_says_what_is_wrong_beside_the_address():
    video = Video(url=f"https://youtube.com.evil.example/watch?v={YT}", title_en="x")
    with pytest.raises(ValidationError) as caught:
        video.full_clean()
    (message,) = caught.value.message_dict["url"]
    assert "YouTube or Vimeo" in message


def test_the_same_video_twice_is_refused_however_it_is_written():
    VideoFactory(url=YT_WATCH)
    twin = Video(url=f"https://youtu.be/{YT}", title_en="Again")
    with pytest.raises(ValidationError) as caught:
        twin.full_clean()
    assert "in the newsroom already" in str(caught.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_duration_is_more_than_nothing_and_at_most_a_day():
    video = VideoFactory.build(duration=timedelta(0), visit=None)
    with pytest.raises(ValidationError) as caught:
        video.full_clean()
    assert "duration" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        VideoFactory(duration=timedelta(days=2))


def test_a_poster_is_checked_and_re_encoded_as_photos_are():
    video = VideoFactory(poster=png_file("still.png", size=(32, 18)))
    assert (video.poster_width, video.poster_height) == (32, 18)
    assert video.poster.name.startswith("videos/")
    with pytest.raises(ValidationError) as caught:
        VideoFactory(poster=ContentFile(b"<html><script>x</script>", name="still.png"))
    assert "poster" in caught.value.message_dict


# --- who sees a video ---------------------------------------------------------------------


def test_a_video_in_no_release_is_public_with_its_trip():
    public = VideoFactory()
    on_draft_trip = VideoFactory(visit=VisitFactory(draft=True))
    nowhere = VideoFactory(visit=None)
    assert set(Video.objects.published()) == {public}
    assert on_draft_trip not in Video.objects.published()
    assert nowhere not in Video.objects.published()


def test_a_video_in_a_release_waits_for_it_even_on_a_public_trip():
    trip = VisitFactory()
    scheduled = PressReleaseFactory(visit=trip, scheduled=True)
    video = VideoFactory(visit=trip, releases=[scheduled])
    assert not Video.objects.published().filter(pk=video.pk).exists()
    assert Video.objects.published(now=scheduled.published_at).filter(pk=video.pk).exists()


def test_a_withdrawn_release_takes_its_videos_with_it():
    release = PressReleaseFactory(withdrawn=True)
    video = VideoFactory(visit=release.visit, releases=[release])
    assert video not in Video.objects.published()


# --- the pages: a card of our own that links out ---------------------------------------------


class Sources(HTMLParser):
    """Every address a page makes the browser load by itself (src, srcset, a stylesheet,
    a frame), and its links out."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []
        self.frames = 0
        self.anchors: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("iframe", "frame", "embed", "object", "video", "audio"):
            self.frames += 1
        if tag == "a":
            self.anchors.append(attrs)
        for name in ("src", "poster", "data"):
            if attrs.get(name):
                self.loaded.append(attrs[name])
        if attrs.get("srcset"):
            self.loaded += [part.split()[0] for part in attrs["srcset"].split(",") if part.strip()]
        if tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "preload"):
            self.loaded.append(attrs["href"])


def same_origin(url) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


@pytest.fixture
def world():
    trip = VisitFactory(legs=1, title_en="Mayor in Tokyo")
    event = EngagementFactory(leg=trip.legs.get(), title_en="Signing in Tokyo")
    release = PressReleaseFactory(visit=trip, title_en="Seoul and Tokyo sign")
    video = VideoFactory(
        url=f"https://youtu.be/{YT}",
        title_en="The signing, in full",
        caption_en="Forty minutes of speeches.",
        visit=trip,
        releases=[release],
        engagements=[event],
        duration=timedelta(minutes=41, seconds=5),
        poster=png_file("still.png", size=(32, 18)),
        poster_alt_en="The mayors shake hands",
    )
    plain = VideoFactory(
        url="https://vimeo.com/76979871",
        title_en="",
        title_ko="서울 야경",
        visit=trip,
        releases=[release],
        engagements=[event],
    )
    return trip, event, release, video, plain


def pages(world):
    trip, event, release, _video, _plain = world
    return {"release": url_of(release), "trip": url_of(trip), "event": url_of(event)}


@pytest.mark.parametrize("page", ["release", "trip", "event"])
def test_pages_show_a_card_that_links_out_and_load_nothing_from_outside(client, world, page):
    response = client.get(pages(world)[page])
    assert response.status_code == 200
    html = response.content.decode()
    sources = Sources(html)
    assert sources.frames == 0
    assert sources.loaded and all(same_origin(url) for url in sources.loaded), sources.loaded
    assert "youtube.com/embed" not in html and "ytimg" not in html and "vimeocdn" not in html
    (card,) = [a for a in sources.anchors if a.get("href") == YT_WATCH]
    assert "noopener" in card["rel"]
    assert "The signing, in full" in html and "41:05" in html and "Watch on YouTube" in html
    assert 'datetime="PT2465S"' in html
    assert "Forty minutes of speeches." in html
    _trip, _event, _release, video, _plain = world
    assert video.poster.url in html
    assert 'alt="The mayors shake hands"' in html
    assert "https://vimeo.com/76979871" in html and "Watch on Vimeo" in html


def test_a_title_in_another_language_is_marked_with_it(client, world):
    page = fetch(client, pages(world)["release"])
    assert page.langs_of("서울 야경") == {"ko"}


def test_the_card_is_in_the_readers_language(client, world):
    html = fetch(client, url_of(world[2], "ko")).html
    assert "서울 야경" in html


def test_the_csp_is_the_same_with_videos_on_the_page(client, world):
    with_videos = policy_of(client.get(pages(world)["release"]))
    without = policy_of(client.get(url_of(PressReleaseFactory())))
    for policy in (with_videos, without):
        for directive in ("script-src", "style-src"):
            policy[directive] = {v for v in policy[directive] if not v.startswith("'nonce-")}
    assert with_videos == without
    assert with_videos["img-src"] == {"'self'"}
    assert "frame-src" not in with_videos and with_videos["default-src"] == {"'self'"}


def test_the_poster_answers_while_its_video_is_public(client, world):
    video = world[3]
    assert client.get(video.poster.url).status_code == 200
    release = world[2]
    release.status, release.published_at = "scheduled", release.published_at + timedelta(days=3)
    release.save()
    assert client.get(video.poster.url).status_code == 404


def test_a_withdrawn_release_page_shows_no_video(client, world):
    release = world[2]
    release.status = "withdrawn"
    release.save()
    html = client.get(url_of(release)).content.decode()
    assert YT_WATCH not in html


def test_a_staff_preview_of_a_draft_shows_its_videos(client, django_user_model):
    release = PressReleaseFactory(draft=True)
    VideoFactory(url=YT_WATCH, visit=release.visit, releases=[release])
    assert client.get(url_of(release)).status_code == 404
    editor = django_user_model.objects.create_user("ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    response = client.get(url_of(release))
    assert response.status_code == 200
    assert YT_WATCH in response.content.decode()


def test_a_shared_preview_link_shows_the_drafts_videos(client):
    release = PressReleaseFactory(draft=True)
    VideoFactory(url=YT_WATCH, visit=release.visit, releases=[release])
    response = client.get(previews.preview_url(release, "en"))
    assert response.status_code == 200
    assert YT_WATCH in response.content.decode()


# --- feeds -----------------------------------------------------------------------------------


def test_feeds_carry_the_videos_as_links_not_enclosures(client, world):
    release = world[2]
    link = f"http://testserver{url_of(release)}"
    rss = read_feed(client, rev("press:release_feed_rss"))
    entry = rss.entry(link)
    assert YT_WATCH in entry.summary and "The signing, in full" in entry.summary
    assert all(e.get("href") != YT_WATCH for e in entry.get("enclosures", []))
    atom = read_feed(client, rev("press:release_feed_atom"))
    entry = atom.entry(link)
    related = [x for x in entry.links if x.rel == "related"]
    assert {x.href for x in related} == {YT_WATCH, "https://vimeo.com/76979871"}
    assert all(x.rel != "enclosure" or x.href != YT_WATCH for x in entry.links)
    json_feed = read_json_feed(client, rev("press:release_feed_json"))
    (item,) = [i for i in json_feed.items if i["url"] == link]
    assert YT_WATCH in item["content_html"]


def test_feeds_of_an_unpublished_release_carry_no_video(client):
    release = PressReleaseFactory(scheduled=True)
    VideoFactory(url=YT_WATCH, visit=release.visit, releases=[release])
    for fmt in ("rss", "atom", "json"):
        assert YT_WATCH not in client.get(rev(f"press:release_feed_{fmt}")).content.decode()


# --- the admin -------------------------------------------------------------------------------


@pytest.fixture
def publisher(client, django_user_model):
    user = django_user_model.objects.create_user("pub", is_staff=True)
    user.groups.add(Group.objects.get(name="Publisher"))
    client.force_login(user)
    return user


def video_form(**fields):
    data = {
        "url": f"https://youtu.be/{YT}",
        "title_en": "The signing",
        "title_ko": "서명식",
        "title_zh_hans": "签约仪式",
        "title_ja": "署名式",
        "caption_en": "",
        "duration": "3:25",
        "poster_alt_en": "",
        "order": "0",
    }
    return data | fields


def test_an_editor_adds_a_video_with_four_titles_and_a_poster(client, publisher):
    release = PressReleaseFactory()
    data = video_form(releases=[str(release.pk)], visit=str(release.visit.pk))
    data["poster"] = png_file("still.png")
    response = client.post(admin_url("press", "video", "add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    video = Video.objects.get()
    assert (video.url, video.duration) == (YT_WATCH, timedelta(minutes=3, seconds=25))
    assert video.title_ko == "서명식" and list(video.releases.all()) == [release]
    assert video.poster_width == 16


def test_a_hostile_address_in_the_admin_is_refused_beside_the_field(client, publisher):
    response = client.post(
        admin_url("press", "video", "add"), video_form(url="javascript:alert(1)")
    )
    assert response.status_code == 200
    assert "YouTube or Vimeo" in response.content.decode()
    assert not Video.objects.exists()


@pytest.mark.parametrize(
    ("group", "changes_it"), [("Editor", False), ("Translator", True), ("Publisher", True)]
)
def test_a_public_video_is_a_publishers_to_change(client, django_user_model, group, changes_it):
    public = VideoFactory(title_en="Public video")
    draft = VideoFactory(visit=VisitFactory(draft=True), title_en="Draft video")
    user = django_user_model.objects.create_user(group.lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    assign_languages(user)  # a translator's languages (the others ignore them)
    client.force_login(user)
    html = client.get(admin_url("press", "video", "change", public.pk)).content.decode()
    assert ('name="title_en"' in html or 'name="title_ko"' in html) is changes_it
    response = client.post(
        admin_url("press", "video", "change", public.pk),
        video_form(url=public.url, title_en="Changed", visit=str(public.visit.pk)),
    )
    public.refresh_from_db()
    if group != "Translator":
        assert (public.title_en == "Changed") is changes_it, response.status_code
    if group == "Editor":
        html = client.get(admin_url("press", "video", "change", draft.pk)).content.decode()
        assert 'name="title_en"' in html


def test_the_release_and_trip_forms_have_their_videos(client, publisher, world):
    trip, _event, release, video, _plain = world
    html = client.get(admin_url("press", "pressrelease", "change", release.pk)).content.decode()
    assert "videos of this release" in html.lower()
    html = client.get(admin_url("visits", "visit", "change", trip.pk)).content.decode()
    assert "videos of this trip" in html.lower() and video.url in html


def test_the_video_changelist_and_autocomplete(client, publisher, world):
    def changelist_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(admin_url("press", "video", "changelist")).status_code == 200
        return len(queries)

    few = changelist_queries()
    VideoFactory.create_batch(20, visit=world[0], poster=png_file("still.png"))
    assert changelist_queries() == few
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "signing",
            "app_label": "press",
            "model_name": "video_releases",
            "field_name": "video",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["The signing, in full"]


# --- search ----------------------------------------------------------------------------------


def search_html(client, text):
    return client.get(reverse("visits:search"), {"q": text}).content.decode()


def test_a_release_is_found_by_its_videos_title_once_public(client):
    trip = VisitFactory()
    public = PressReleaseFactory(visit=trip, title_en="Harbour agreement")
    scheduled = PressReleaseFactory(visit=trip, title_en="Bridge agreement", scheduled=True)
    video = VideoFactory(title_en="Kayakers under Banpo", visit=trip, releases=[public])
    VideoFactory(title_en="Kayakers at dawn", visit=trip, releases=[scheduled])
    html = search_html(client, "Kayakers")
    assert "Harbour agreement" in html
    assert "Bridge agreement" not in html
    video.title_en = "Rowers under Banpo"
    video.save()
    assert "Harbour agreement" in search_html(client, "Rowers")
    assert "Harbour agreement" not in search_html(client, "Kayakers")


# --- a YouTube video's poster, fetched by the server on the task queue ----------------------

NOT_AN_IMAGE = "HtmlInstead"


class Stills(BaseHTTPRequestHandler):
    """YouTube's stills as the tests' server on 127.0.0.1 answers them: a JPEG for any id,
    an HTML page for `NOT_AN_IMAGE`."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.asked.append(self.path)
        if NOT_AN_IMAGE in self.path:
            body, kind = b"<!doctype html><title>x</title>", "text/html"
        else:
            buffer = io.BytesIO()
            Image.new("RGB", (48, 27), (200, 30, 40)).save(buffer, "JPEG")
            body, kind = buffer.getvalue(), "image/jpeg"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def stills(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stills)
    server.asked = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    settings.PRESSROOM_VIDEO_POSTER_FETCH = True
    settings.PRESSROOM_VIDEO_POSTER_URL = f"http://127.0.0.1:{port}/vi/{{id}}/hqdefault.jpg"
    settings.PRESSROOM_LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    yield server
    server.shutdown()
    server.server_close()


def test_a_youtube_link_gets_its_still_as_our_own_poster(
    client, stills, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        video = VideoFactory(url=f"https://youtu.be/{YT}")
    assert stills.asked == [f"/vi/{YT}/hqdefault.jpg"]
    video.refresh_from_db()
    assert (video.poster_width, video.poster_height) == (48, 27)
    assert video.poster.name.startswith("videos/")
    html = client.get(url_of(video.visit)).content.decode()
    assert video.poster.url in html
    assert all(same_origin(url) for url in Sources(html).loaded)
    assert client.get(video.poster.url).status_code == 200
    assert len(stills.asked) == 1  # the reader's page asked the server for nothing


def test_an_editors_poster_is_never_replaced(stills, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        video = VideoFactory(url=YT_WATCH, poster=png_file("mine.png"))
    assert stills.asked == []
    video.refresh_from_db()
    assert video.poster_width == 16


def test_an_answer_that_is_not_an_image_leaves_the_plain_card(
    stills, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        video = VideoFactory(url=f"https://youtu.be/{NOT_AN_IMAGE}")
    assert stills.asked == [f"/vi/{NOT_AN_IMAGE}/hqdefault.jpg"]
    video.refresh_from_db()
    assert not video.poster


def test_no_still_is_asked_for_vimeo_or_when_turned_off(
    settings, stills, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        VideoFactory(url="https://vimeo.com/76979871")
    settings.PRESSROOM_VIDEO_POSTER_FETCH = False
    with django_capture_on_commit_callbacks(execute=True):
        VideoFactory(url=YT_WATCH)
    assert stills.asked == []


def test_a_refused_host_leaves_the_plain_card(settings, stills, django_capture_on_commit_callbacks):
    settings.PRESSROOM_LINK_CHECK_ALLOW_HOSTS = []  # 127.0.0.1 is the newsroom's own network
    with django_capture_on_commit_callbacks(execute=True):
        video = VideoFactory(url=YT_WATCH)
    assert stills.asked == []
    video.refresh_from_db()
    assert not video.poster


def test_a_deleted_draft_release_leaves_its_video_private():
    trip = VisitFactory(legs=1)
    draft = PressReleaseFactory(visit=trip, draft=True)
    video = VideoFactory(visit=trip, releases=[draft], title_en="Unannounced")
    own = VideoFactory(visit=trip, title_en="The trip's own")
    draft.delete()
    assert not Video.objects.published().filter(pk=video.pk).exists()
    assert Video.objects.published().filter(pk=own.pk).exists()


def test_a_replaced_or_removed_poster_leaves_the_storage(django_capture_on_commit_callbacks):
    video = VideoFactory(poster=png_file("still.png", size=(32, 18)))
    first = video.poster.name
    video = Video.objects.get(pk=video.pk)
    with django_capture_on_commit_callbacks(execute=True):
        video.poster = png_file("better.png", size=(32, 18))
        video.save()
    assert not default_storage.exists(first)
    second = video.poster.name
    assert default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        video.delete()
    assert not default_storage.exists(second)
