"""A photo's renditions are made by a task (press/tasks.py), not in the request that saves it.

Until the task has run, pages show the original at its own size, and link nothing that is
not there; after it, the renditions. The task survives what a queue meets: a photo deleted
before or while it runs, a file it cannot read, a worker stopped mid-write. Tests queue
tasks as the site does, when the transaction commits (``django_capture_on_commit_callbacks``
stands in for the commit), and the test settings' immediate backend runs them at once.
"""

import importlib
import io
import logging
from urllib.parse import urlsplit

import feedparser
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from press import renditions
from press.models import Photo
from press.tasks import make_photo_renditions
from tests.factories import PressReleaseFactory, VisitFactory
from tests.test_photos import (
    MODERN,
    Pictures,
    encode,
    expected_renditions,
    gradient,
    name_of,
    page_urls,
    save_photo,
    srcset_urls,
    stored,
)
from tests.test_progress import Terminal, screen
from visits.changes import content_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage(settings):
    """A new, empty in-memory storage for each test (changing STORAGES resets it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert stored() == set()
    return default_storage


def run(django_capture_on_commit_callbacks, callbacks) -> None:
    """Run on-commit work captured earlier, as the commit would, and what it sets off."""
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()


def harbour_photo(**fields) -> Photo:
    return save_photo(
        "harbour.jpg",
        encode(gradient((700, 500)), "JPEG", quality=85),
        caption_en="The mayor at the harbour",
        alt_text_en="The mayor shakes hands with the harbour master on the quay",
        **fields,
    )


def image_urls(found: Pictures) -> set[str]:
    urls = {found.meta["og:image"]} if "og:image" in found.meta else set()
    for picture in found.pictures:
        urls.add(picture["img"]["src"])
        for srcset in [picture["img"]["srcset"], *(s["srcset"] for s in picture["sources"])]:
            urls |= set(srcset_urls(srcset).values())
    return urls


# --- saving returns first; pages show the original, then the renditions ---------------


def test_saving_a_photo_returns_before_its_renditions_exist(
    client, django_capture_on_commit_callbacks
):
    trip = VisitFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        photo = harbour_photo(visit=trip)
        release = PressReleaseFactory(visit=trip, photos=[photo])
    world = type("World", (), {"trip": trip, "photo": photo, "release": release})
    assert stored() == {photo.image.name}  # the save made none
    original = photo.image.url

    for page, url in page_urls(world).items():
        found = Pictures(client.get(url).content.decode())
        main = found.pictures[0]
        # The original, at its own size, and nothing else: no source a browser would
        # prefer and find missing.
        assert main["sources"] == [], page
        assert main["img"]["src"] == original, page
        assert srcset_urls(main["img"]["srcset"]) == {700: original}, page
        assert (main["img"]["width"], main["img"]["height"]) == ("700", "500"), page
        assert main["img"]["alt"] == "The mayor shakes hands with the harbour master on the quay"
        for image in image_urls(found):
            assert name_of(image) in stored(), (page, image)
            assert client.get(urlsplit(image).path).status_code == 200, (page, image)
        if "og:image" in found.meta:  # a social card describes the image it names
            assert name_of(found.meta["og:image"]) == photo.image.name, page
            og = (found.meta["og:image:width"], found.meta["og:image:height"])
            assert og == ("700", "500"), page
            assert found.meta["og:image:type"] == "image/jpeg", page
    feed = feedparser.parse(client.get("/en/feeds/releases.rss").content)
    assert [e.href for e in feed.entries[0].enclosures] == [f"http://testserver{original}"]

    run(django_capture_on_commit_callbacks, callbacks)  # the commit queues the task

    assert stored() == {photo.image.name} | expected_renditions(photo, [320, 640, 700])
    for page, url in page_urls(world).items():
        found = Pictures(client.get(url).content.decode())
        main = found.pictures[0]
        assert [source["type"] for source in main["sources"]] == [
            renditions.MEDIA_TYPES[fmt] for fmt in MODERN
        ], page
        assert main["img"]["src"] != original, page
        for image in image_urls(found):
            assert name_of(image) in stored(), (page, image)
    assert open_size(name_of(found.meta["og:image"])) == (1200, 630)
    assert (found.meta["og:image:width"], found.meta["og:image:height"]) == ("1200", "630")
    # Feeds give the original whatever the renditions: nothing changes for them.
    feed = feedparser.parse(client.get("/en/feeds/releases.rss").content)
    assert [e.href for e in feed.entries[0].enclosures] == [f"http://testserver{original}"]


def open_size(name: str) -> tuple[int, int]:
    with default_storage.open(name, "rb") as file:
        return Image.open(io.BytesIO(file.read())).size


def test_a_card_shows_the_original_in_its_own_shape_until_the_crops_are_made():
    wide = save_photo("pier.jpg", encode(gradient((2400, 800)), "JPEG"))

    card = renditions.picture(wide, "card")
    assert (card.src, card.sources) == (wide.image.url, [])
    assert (card.width, card.height) == (960, 320)  # the card's width, the photo's shape
    assert renditions.social_image_url(wide) == wide.image.url


def test_a_new_focal_point_shows_the_original_until_its_crops_are_made(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = harbour_photo()
    assert renditions.picture(Photo.objects.get(pk=photo.pk), "card").sources

    photo.focal_x = 5
    with django_capture_on_commit_callbacks() as callbacks:
        photo.save()
    saved = Photo.objects.get(pk=photo.pk)
    assert renditions.picture(saved, "card").sources == []  # the new crops are not made yet
    run(django_capture_on_commit_callbacks, callbacks)
    saved = Photo.objects.get(pk=photo.pk)
    card = renditions.picture(saved, "card")
    assert card.sources
    assert all(name_of(url) in stored() for url in srcset_urls(card.fallback.srcset).values())


def test_renditions_made_retire_the_cached_pages_that_show_the_original(
    django_capture_on_commit_callbacks,
):
    """Pages are cached under the content version: the task moves it on once, as a change
    of the photo, so a page built with the original is built again with the renditions."""
    photo = harbour_photo()  # not committed: its task has not run
    before = (content_version() or (0,))[0]

    with django_capture_on_commit_callbacks(execute=True):
        make_photo_renditions.enqueue(photo.pk)
    assert content_version()[0] == before + 1

    with django_capture_on_commit_callbacks(execute=True):
        make_photo_renditions.enqueue(photo.pk)  # nothing left to make: nothing changes
    assert content_version()[0] == before + 1


def test_a_stale_copy_saved_after_the_task_does_not_hide_the_renditions(
    client, django_capture_on_commit_callbacks
):
    """A script holding the photo from before the task ran saves it afterwards: its
    "not made yet" goes into the row, and the save queues the task again, which finds the
    files and records them made."""
    photo = harbour_photo()  # not committed: its task has not run
    stale = Photo.objects.get(pk=photo.pk)
    with django_capture_on_commit_callbacks(execute=True):
        make_photo_renditions.enqueue(photo.pk)
    assert renditions.ready(Photo.objects.get(pk=photo.pk))
    files = stored()

    stale.caption_en = "The harbour at dawn"
    with django_capture_on_commit_callbacks(execute=True):
        stale.save()

    assert renditions.ready(Photo.objects.get(pk=photo.pk))
    assert stored() == files  # nothing made twice


# --- what the queue meets ----------------------------------------------------------------


def test_a_deleted_photos_pending_task_ends_quietly(django_capture_on_commit_callbacks, caplog):
    with django_capture_on_commit_callbacks() as callbacks:
        photo = harbour_photo()
    pk = photo.pk
    Photo.objects.filter(pk=pk).delete()
    default_storage.delete(photo.image.name)

    with caplog.at_level(logging.INFO, logger="visits.tasks"):
        run(django_capture_on_commit_callbacks, callbacks)

    assert stored() == set()
    assert f"make_photo_renditions: press.Photo #{pk} was deleted before the task ran" in (
        caplog.text
    )
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


def test_a_photo_deleted_while_its_renditions_are_made_keeps_no_files(
    django_capture_on_commit_callbacks, monkeypatch, caplog
):
    """The deletion removes the photo's files after its commit, perhaps before the task
    writes its own: the task removes those again."""
    photo = harbour_photo()
    working_copy = renditions.working_copy

    def deleted_meanwhile(photo):
        decoded = working_copy(photo)
        with django_capture_on_commit_callbacks(execute=True):
            Photo.objects.filter(pk=photo.pk).delete()
        assert stored() == set()
        return decoded

    monkeypatch.setattr(renditions, "working_copy", deleted_meanwhile)
    with caplog.at_level(logging.INFO, logger="press.tasks"):
        result = make_photo_renditions.enqueue(photo.pk)

    assert result.status == "SUCCESSFUL"
    assert stored() == set()
    assert f"press.Photo #{photo.pk} lost {photo.image.name}" in caplog.text


def test_a_failing_task_is_tried_again_then_logged_with_the_photo_named(monkeypatch, caplog):
    monkeypatch.setattr("visits.tasks.objects.time.sleep", lambda seconds: None)
    photo = harbour_photo()
    default_storage.delete(photo.image.name)  # an original the storage lost

    with caplog.at_level(logging.INFO, logger="visits.tasks"):
        result = make_photo_renditions.enqueue(photo.pk)

    assert result.status == "FAILED"
    retries = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(retries) == 2
    assert all(f"press.Photo #{photo.pk} (The mayor at the harbour)" in r for r in retries)
    [failure] = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.ERROR and r.name.startswith("visits.tasks")
    ]
    assert failure == (
        f"make_photo_renditions failed for press.Photo #{photo.pk} (The mayor at the "
        "harbour) after 3 attempts. `manage.py make_renditions` does its work again."
    )
    assert not renditions.ready(Photo.objects.get(pk=photo.pk))


class Stopped(BaseException):
    """A worker stopped mid-write (as a kill would stop it: not an error it could catch)."""


def interrupt_first_write(monkeypatch) -> list[str]:
    """The worker stops halfway through writing the first rendition's bytes."""
    generate = renditions.Rendition.generate
    interrupted = []

    class StoppingHalfway(io.BytesIO):
        """Whole to a reader that takes it at once (as imagekit measures it); read in
        chunks, as a file is written, the worker stops halfway."""

        def read(self, size=-1):
            if size is not None and size >= 0:
                half = len(self.getvalue()) // 2
                if self.tell() >= half:
                    raise Stopped
                size = min(size, half - self.tell())
            return super().read(size)

    def generate_once_interrupted(spec):
        content = generate(spec)
        if interrupted:
            return content
        interrupted.append(spec.cachefile_name)
        return StoppingHalfway(content.read())

    monkeypatch.setattr(renditions.Rendition, "generate", generate_once_interrupted)
    return interrupted


def test_a_worker_stopped_mid_write_leaves_no_half_written_file(settings, tmp_path, monkeypatch):
    """What a stopped worker leaves is retried: no rendition's name ever holds part of a
    file, which the next attempt would take as made. (On S3 an object appears only once
    its upload is complete, and `store` hands it over in one piece.)"""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/media/"},
        },
    }
    photo = harbour_photo()
    interrupted = interrupt_first_write(monkeypatch)

    with pytest.raises(Stopped):
        renditions.make_renditions(photo)
    [name] = interrupted
    assert not default_storage.exists(name)
    assert stored() == {photo.image.name}  # nor a part of it under another name
    assert not renditions.ready(Photo.objects.get(pk=photo.pk))

    monkeypatch.undo()
    made = renditions.make_renditions(Photo.objects.get(pk=photo.pk))  # the retry
    assert made == len(expected_renditions(photo, [320, 640, 700]))
    for file in stored() - {photo.image.name}:
        with default_storage.open(file, "rb") as opened:
            Image.open(io.BytesIO(opened.read())).load()  # whole
    assert renditions.ready(Photo.objects.get(pk=photo.pk))


def test_forced_renditions_replace_the_files_in_place(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/media/"},
        },
    }
    photo = harbour_photo()
    renditions.make_renditions(photo)
    files = stored()

    assert renditions.make_renditions(photo, force=True) == len(files) - 1
    assert stored() == files  # the same names, no sibling beside each


# --- the command that fills the gaps ------------------------------------------------------


def test_make_renditions_shows_its_progress_on_a_terminal(monkeypatch):
    ticks = iter(range(1000))
    monkeypatch.setattr("visits.progress.monotonic", lambda: next(ticks))
    photos = [harbour_photo(), harbour_photo(), harbour_photo()]
    per_photo = len(expected_renditions(photos[0], [320, 640, 700]))

    out = Terminal()
    call_command("make_renditions", stdout=out)

    written = out.getvalue()
    assert f"\rRenditions: 1 of 3 photos (33 %), {per_photo:,} files made, " in written
    assert f"\rRenditions: 3 of 3 photos (100 %), {3 * per_photo:,} files made, " in written
    assert screen(written) == [f"Made {3 * per_photo} rendition files for 3 photos."]
    assert all(renditions.ready(photo) for photo in Photo.objects.all())


def test_make_renditions_names_a_photo_it_cannot_do_and_does_the_rest():
    lost, kept = harbour_photo(), harbour_photo()
    default_storage.delete(lost.image.name)

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"^1 photo\(s\) could not be given their renditions"):
        call_command("make_renditions", stdout=out, stderr=err)

    assert err.getvalue().startswith(f"{lost.image.name} (photo #{lost.pk}): ")
    per_photo = len(expected_renditions(kept, [320, 640, 700]))
    assert out.getvalue() == f"Made {per_photo} rendition files for 1 photos.\n"
    assert renditions.ready(Photo.objects.get(pk=kept.pk))
    assert not renditions.ready(Photo.objects.get(pk=lost.pk))


def test_photos_stored_before_the_queue_count_as_made_by_the_recipes_of_then(monkeypatch):
    """The migration records every earlier photo as made (they were, in the request), by
    its own copy of `renditions.key` with the recipes of that time."""
    migration = importlib.import_module("press.migrations.0011_photo_renditions_made_by_a_task")
    photo = harbour_photo(focal_x=30, focal_y=60)
    monkeypatch.setattr(renditions, "RECIPES", 1)

    assert migration.key(photo.image.name, 30, 60) == renditions.key(photo)
    monkeypatch.setattr(renditions, "RECIPES", 2)
    assert migration.key(photo.image.name, 30, 60) != renditions.key(photo)
