"""A trip's press kit (press/presskit.py), ``/<lang>/trips/<slug>/photos.zip``, opened as a
journalist opens it (``zipfile``): every public original of the trip with the very bytes
stored, under readable unique names, and a credits file in the reader's language naming
each file with its credit; nothing held back or of another trip; streamed, each file read
only when the zip reaches it; a 404 and no link where there is nothing to take."""

import io
import zipfile
from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from press.models import Photo
from tests.factories import (
    CityFactory,
    EngagementFactory,
    LegFactory,
    PhotoFactory,
    PlaceFactory,
    PressReleaseFactory,
    VisitFactory,
    png_file,
)
from tests.test_page_cache import page_cache  # noqa: F401
from tests.test_pages import LANGUAGES, QUERY_BUDGET, class_data, fetch, rev, seoul, url_of
from tests.test_photos import encode, noise
from visits.views import TRIP_PHOTOS_SHOWN

pytestmark = pytest.mark.django_db

SECRET = "SECRET"
CAPTION = "Mayor Oh at Station F"


def jpeg(name="station-f.jpg", size=(900, 700)) -> ContentFile:
    """A JPEG of random pixels: some hundreds of kilobytes, read in several chunks."""
    return ContentFile(encode(noise(size), "JPEG", quality=95), name=name)


def build_kit():
    w = SimpleNamespace()
    w.trip = VisitFactory(
        title_en="Mayor Oh in Paris",
        title_ko="오세훈 시장 파리 방문",
        start_date=date(2024, 10, 20),
        end_date=date(2024, 10, 23),
    )
    paris = CityFactory(name_en="Paris", name_ko="파리", country="FR", time_zone="Europe/Paris")
    leg = LegFactory(visit=w.trip, city=paris)
    station = PlaceFactory(city=paris, name_en="Station F", name_ko="스테이션 F")
    event = EngagementFactory(
        leg=leg, title_en="Start-ups at Station F", title_ko="스타트업 간담회"
    )
    w.first = PhotoFactory(
        visit=w.trip,
        image=jpeg(),
        caption_en=CAPTION,
        caption_ko="스테이션 F의 오세훈 시장",
        credit="Seoul Metropolitan Government",
        taken_at=seoul(2024, 10, 21, 10, 5),
        place=station,
        engagement=event,
        order=1,
    )
    w.second = PhotoFactory(
        visit=w.trip, caption_en="", caption_ko="센강의 야경", credit="Kim Min-ji", order=2
    )
    w.third = PhotoFactory(visit=w.trip, caption_en=CAPTION, credit="Lee Jun-ho", order=3)
    w.public = [w.first, w.second, w.third]
    # Not public: held back with no release, held back for a release still under embargo,
    # shown only by a withdrawn release, and another trip's.
    w.held = PhotoFactory(
        visit=w.trip,
        held_back=True,
        caption_en=f"{SECRET} held",
        image=png_file(color=(200, 0, 0)),
        order=4,
    )
    w.embargoed = PhotoFactory(
        visit=w.trip,
        held_back=True,
        caption_en=f"{SECRET} embargoed",
        image=png_file(color=(200, 10, 0)),
        order=5,
    )
    PressReleaseFactory(visit=w.trip, scheduled=True, photos=[w.embargoed])
    w.withdrawn = PhotoFactory(
        visit=w.trip,
        held_back=True,
        caption_en=f"{SECRET} withdrawn",
        image=png_file(color=(200, 20, 0)),
        order=6,
    )
    PressReleaseFactory(visit=w.trip, withdrawn=True, photos=[w.withdrawn])
    w.elsewhere = PhotoFactory(
        caption_en=f"{SECRET} another trip", image=png_file(color=(200, 30, 0))
    )
    w.hidden = [w.held, w.embargoed, w.withdrawn, w.elsewhere]
    # A public trip whose only photo is held back, and a draft trip with a photo.
    w.bare = VisitFactory(title_en="Trip without photos")
    PhotoFactory(visit=w.bare, held_back=True)
    w.draft = VisitFactory(draft=True, title_en=f"{SECRET} trip")
    PhotoFactory(visit=w.draft)
    return w


kit = class_data("kit", build_kit)


def kit_url(trip, lang="en") -> str:
    return rev("press:trip_photos_zip", lang, slug=trip.slug)


def download(client, trip, lang="en") -> tuple[object, zipfile.ZipFile]:
    response = client.get(kit_url(trip, lang))
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{trip.slug}-photos.zip"'
    assert int(response["Content-Length"]) == len(body)
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.testzip() is None
    return response, archive


def stored(photo) -> bytes:
    with default_storage.open(photo.image.name, "rb") as file:
        return file.read()


def credits(archive) -> str:
    return archive.read("credits.txt").decode()


class TestTheZip:
    def test_holds_every_public_original_with_its_bytes_and_nothing_else(self, client, kit):
        _response, archive = download(client, kit.trip)
        photos = [name for name in archive.namelist() if name != "credits.txt"]
        assert [archive.read(name) for name in photos] == [stored(p) for p in kit.public]
        assert len(stored(kit.first)) > 256 * 1024  # read in more than one chunk
        hidden = {stored(photo) for photo in kit.hidden}
        assert not hidden & {archive.read(name) for name in archive.namelist()}

    def test_names_files_by_number_and_caption_in_the_readers_language(self, client, kit):
        _response, archive = download(client, kit.trip)
        assert archive.namelist() == [
            "credits.txt",
            "01-mayor-oh-at-station-f.jpg",
            "02-sengangui-yagyeong.png",
            "03-mayor-oh-at-station-f.png",
        ]
        _response, korean = download(client, kit.trip, "ko")
        names = korean.namelist()
        assert len(set(names)) == 4
        assert names[1].startswith("01-") and names[1] != "01-mayor-oh-at-station-f.jpg"
        assert all(name.isascii() for name in names)

    def test_files_are_stored_as_they_are(self, client, kit):
        _response, archive = download(client, kit.trip)
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}

    def test_credits_name_each_file_with_its_credit_in_the_readers_language(self, client, kit):
        for lang in LANGUAGES:
            _response, archive = download(client, kit.trip, lang)
            text = credits(archive)
            with translation.override(lang):
                credit = capfirst(Photo._meta.get_field("credit").verbose_name)
                caption = capfirst(Photo._meta.get_field("caption").verbose_name)
                title = kit.trip.title_ko if lang == "ko" else kit.trip.title_en
                assert text.startswith(f"{title}\n")
                blocks = text.split("\n\n")[1:]
                assert [block.split("\n")[0] for block in blocks[1:]] == archive.namelist()[1:]
                for block, photo in zip(blocks[1:], kit.public, strict=True):
                    line = gettext("%(label)s: %(value)s")
                    assert line % {"label": credit, "value": photo.credit} in block
                    seen = photo.caption_ko if lang == "ko" and photo.caption_ko else None
                    seen = seen or photo.caption_en or photo.caption_ko
                    assert line % {"label": caption, "value": seen} in block
            assert SECRET not in text

    def test_credits_say_when_where_and_at_which_event(self, client, kit):
        _response, archive = download(client, kit.trip, "ko")
        first = credits(archive).split("\n\n")[2]
        with translation.override("ko"):
            taken = timezone.localtime(kit.first.taken_at)
            assert str(capfirst(Photo._meta.get_field("taken_at").verbose_name)) in first
        assert "2024" in first and f"{taken.hour}" in first
        assert "스테이션 F, 파리, 프랑스" in first
        assert "스타트업 간담회" in first
        assert "JPEG, 900 \N{MULTIPLICATION SIGN} 700 px" in first

    def test_each_file_is_read_only_when_the_zip_reaches_it(self, client, kit, monkeypatch):
        opened = []
        open_file = default_storage.open

        def watched(name, mode="rb"):
            opened.append(name)
            return open_file(name, mode)

        monkeypatch.setattr(default_storage, "open", watched)
        response = client.get(kit_url(kit.trip))
        assert opened == []
        chunks = iter(response.streaming_content)
        next(chunks)
        assert opened == []
        for _chunk in chunks:
            pass
        assert opened == [photo.image.name for photo in kit.public]

    def test_head_says_the_size_and_reads_no_file(self, client, kit, monkeypatch):
        size = download(client, kit.trip)[0]["Content-Length"]
        monkeypatch.setattr(default_storage, "open", lambda *a, **k: pytest.fail("opened"))
        response = client.head(kit_url(kit.trip))
        assert response.status_code == 200
        assert response["Content-Length"] == size
        assert b"".join(response.streaming_content) == b""

    def test_only_get_and_head(self, client, kit):
        assert client.post(kit_url(kit.trip)).status_code == 405


class TestNothingToTake:
    @pytest.mark.parametrize("name", ["bare", "draft"])
    def test_a_trip_without_public_photos_or_not_public_has_no_kit(self, client, kit, name):
        for lang in LANGUAGES:
            assert client.get(kit_url(getattr(kit, name), lang)).status_code == 404

    def test_an_unknown_trip_has_no_kit(self, client, kit):
        assert client.get(rev("press:trip_photos_zip", slug="no-such-trip")).status_code == 404

    def test_its_pages_offer_no_kit(self, client, kit):
        for url in (url_of(kit.bare), rev("press:trip_photos", slug=kit.bare.slug)):
            assert not fetch(client, url).links_to(kit_url(kit.bare))


class TestLinks:
    @pytest.mark.parametrize("page", ["trip", "photos"])
    def test_the_trip_and_its_photo_page_link_to_it_with_the_count(self, client, kit, page):
        size = sum(photo.file_size for photo in kit.public)
        for lang in LANGUAGES:
            url = url_of(kit.trip, lang)
            if page == "photos":
                url = rev("press:trip_photos", lang, slug=kit.trip.slug)
            found = fetch(client, url)
            assert found.links_to(kit_url(kit.trip, lang))
            if lang == "en":
                assert "Download all 3 photos with their credits" in found.html
                assert f"ZIP, {size // 1024}" in found.html


# --- queries, the page cache, a bucket --------------------------------------------------


def trip_with(photos: int):
    trip = VisitFactory()
    place = PlaceFactory()
    for _ in range(photos):
        PhotoFactory(visit=trip, place=place, engagement=EngagementFactory(leg__visit=trip))
    return trip


def queries(client, trip, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(QUERY_BUDGET), CaptureQueriesContext(connection) as ctx:
        response = client.get(kit_url(trip))
        b"".join(response.streaming_content)
    return len(ctx)


def test_a_kit_costs_the_same_however_many_photos(client, django_assert_max_num_queries):
    one = queries(client, trip_with(1), django_assert_max_num_queries)
    assert queries(client, trip_with(8), django_assert_max_num_queries) == one


@pytest.mark.usefixtures("page_cache")
def test_the_page_cache_never_keeps_a_kit(client):
    trip = trip_with(2)
    for _ in range(2):
        response, archive = download(client, trip)
        assert response.get("X-Page-Cache") != "hit"
        assert len(archive.namelist()) == 3


def test_originals_come_from_a_bucket(client, s3_storage):
    trip = VisitFactory()
    photos = [PhotoFactory(visit=trip, image=jpeg(f"bucket-{n}.jpg")) for n in range(2)]
    _response, archive = download(client, trip)
    assert [archive.read(name) for name in archive.namelist()[1:]] == [
        s3_storage.open(photo.image.name).read() for photo in photos
    ]


def test_a_photo_of_unknown_size_still_zips_without_a_length(client):
    """A row whose size was never recorded (a script's, an old import's): the zip cannot
    say its length ahead, and still holds every file whole."""
    trip = trip_with(2)
    Photo.objects.filter(visit=trip).update(file_size=0)
    response = client.get(kit_url(trip))
    assert not response.has_header("Content-Length")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.testzip() is None
    photos = list(Photo.objects.filter(visit=trip))
    assert [archive.read(name) for name in archive.namelist()[1:]] == list(map(stored, photos))


def test_the_trip_page_counts_every_photo_of_the_kit_not_only_those_it_shows(client):
    """The trip page shows its first twelve photos and reads the kit's totals from their
    rows; the link still counts the whole kit, as the trip's photo page does."""
    trip = trip_with(TRIP_PHOTOS_SHOWN + 2)
    total = TRIP_PHOTOS_SHOWN + 2
    for url in (url_of(trip, "en"), rev("press:trip_photos", "en", slug=trip.slug)):
        assert f"Download all {total} photos with their credits" in fetch(client, url).html
