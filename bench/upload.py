"""How long the admin's batch upload of large photos keeps the editor waiting.

Posts ``--photos`` JPEGs of ``--size`` (24 megapixels by default, made with Pillow once
and kept in ``--files``, so every run uploads the same bytes) to the photo admin's batch
upload view, as a signed-in editor's browser would, and times the POST until its answer
(the redirect to the trip's photos). Media on disk (a temporary folder, as production
without a bucket), a fresh database migrated for the run, production's middleware
(`bench.settings`), tasks on the database queue as in production:

    .venv/bin/python bench/upload.py [--photos 20] [--size 6000x4000] [--database-url URL]

Then, with ``--drain`` (the default), one worker (``db_worker --batch``, in this process)
runs what the upload queued, and its time is given too: how long until every rendition
exists. A checkout whose upload makes the renditions itself queues nothing.

The database (default sqlite:////tmp/pressroom-bench-upload.sqlite3) is wiped first: give
it a name containing "bench".
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_URL = "sqlite:////tmp/pressroom-bench-upload.sqlite3"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=20)
    parser.add_argument("--size", default="6000x4000", help="WIDTHxHEIGHT of each photo")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--files", default="/tmp/pressroom-bench-upload-files")
    parser.add_argument("--no-drain", dest="drain", action="store_false")
    parser.add_argument(
        "--one-by-one",
        action="store_true",
        help="also send the same files one per request, as the upload page's script does, "
        "then save every photo's details in one describe POST",
    )
    parser.add_argument("--json", help="write the figures here too")
    return parser.parse_args()


ARGS = arguments()
if "bench" not in ARGS.database_url:
    sys.exit("The database is wiped: give one whose name contains 'bench'.")
os.environ["DATABASE_URL"] = ARGS.database_url
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFilter  # noqa: E402


def photo_like(size: tuple[int, int], seed: int) -> Image.Image:
    """Broad shapes and gradients with a little grain: compresses as a photo does (a few
    MB at quality 90), where pure noise would not and a flat colour would be too easy."""
    rng = random.Random(seed)
    small = (max(1, size[0] // 8), max(1, size[1] // 8))
    image = Image.new("RGB", small)
    draw = ImageDraw.Draw(image)
    for y in range(small[1]):
        shade = int(255 * y / small[1])
        draw.line([(0, y), (small[0], y)], fill=(shade, 120 + shade // 3, 255 - shade))
    for _ in range(60):
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        r = rng.randrange(10, max(11, small[0] // 6))
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    image = image.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise(size, 24).convert("RGB")
    return Image.blend(image, grain, 0.12)


def upload_files(count: int, size: tuple[int, int]) -> list[Path]:
    folder = Path(ARGS.files) / f"{size[0]}x{size[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"photo-{n:03d}.jpg"
        if not path.exists():
            photo_like(size, seed=n).save(path, "JPEG", quality=90)
        paths.append(path)
    return paths


SIZE = tuple(int(part) for part in ARGS.size.lower().split("x"))


def main():
    print(f"Photos: {ARGS.photos} of {SIZE[0]} x {SIZE[1]} (made once, in {ARGS.files})")
    paths = upload_files(ARGS.photos, SIZE)
    megabytes = sum(path.stat().st_size for path in paths) / 1e6
    print(f"  {megabytes:.1f} MB in all")

    import django

    django.setup()
    from bench._database import wipe

    wipe()

    media = tempfile.mkdtemp(prefix="pressroom-bench-media-")
    try:
        measure(media)
    finally:
        shutil.rmtree(media, ignore_errors=True)


def measure(media: str) -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client, override_settings
    from django.urls import reverse

    from press.models import Photo
    from visits.models import Person, Visit

    paths = upload_files(ARGS.photos, SIZE)
    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with override_settings(
        MEDIA_ROOT=media, STORAGES=storages, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        editor = User.objects.create_superuser("bench-editor", "bench@example.org", "x")
        mayor = Person.objects.create(name_en="The mayor")
        day = datetime.date(2024, 7, 24)
        trip = Visit.objects.create(
            title_en="Benchmark trip", official=mayor, start_date=day, end_date=day
        )
        client = Client()
        client.force_login(editor)
        url = reverse("admin:press_photo_upload")

        def post(files):
            data = {
                "visit": trip.pk,
                "credit": "Seoul Metropolitan Government",
                "caption_language": "en",
                "visibility": "with_trip",
                "files": [
                    SimpleUploadedFile(path.name, path.read_bytes(), content_type="image/jpeg")
                    for path in files
                ],
            }
            started = time.perf_counter()
            response = client.post(url, data)
            elapsed = time.perf_counter() - started
            if response.status_code != 302:
                sys.exit(f"The upload was refused ({response.status_code}).")
            return elapsed

        post(upload_files(1, (640, 480)))  # warm up: imports, templates, first queries
        if ARGS.drain:
            call_command("db_worker", batch=True, interval=0.1, startup_delay=False, verbosity=0)
        warm_up = set(Photo.objects.values_list("pk", flat=True))
        seconds = post(paths)
        photos = list(Photo.objects.exclude(pk__in=warm_up))
        assert len(photos) == ARGS.photos

        def renditions() -> int:
            """Rendition files of the timed photos (not the warm-up's)."""
            folders = [Path(media, settings.IMAGEKIT_CACHEFILE_DIR, p.image.name) for p in photos]
            return sum(len(list(folder.iterdir())) for folder in folders if folder.is_dir())

        print(f"POST of {ARGS.photos} photos: {seconds:.1f} s ({seconds / ARGS.photos:.2f} s each)")
        print(f"  their rendition files when the answer came: {renditions()}")
        figures = {"photos": ARGS.photos, "size": ARGS.size, "post_seconds": round(seconds, 2)}
        figures["renditions_at_answer"] = renditions()

        if ARGS.one_by_one:
            figures |= one_by_one(client, trip, paths)

        if ARGS.drain:
            started = time.perf_counter()
            call_command("db_worker", batch=True, interval=0.1, startup_delay=False, verbosity=0)
            drained = time.perf_counter() - started
            print(
                f"One worker's run of the queue: {drained:.1f} s; rendition files: {renditions()}"
            )
            figures |= {"drain_seconds": round(drained, 2), "renditions_after": renditions()}

    if ARGS.json:
        Path(ARGS.json).write_text(json.dumps(figures, indent=2))


def one_by_one(client, trip, paths) -> dict:
    """The script's path: one POST per file to the upload-one endpoint (the longest is what
    an editor waits for before that photo's row appears), then the describe step's POST
    of every photo's alt text and credit."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from press.models import Photo

    url = reverse("admin:press_photo_upload_one")
    times, ids = [], []
    for path in paths:
        data = {
            "visit": trip.pk,
            "credit": "Seoul Metropolitan Government",
            "caption_language": "en",
            "visibility": "with_trip",
            "files": SimpleUploadedFile(path.name, path.read_bytes(), content_type="image/jpeg"),
        }
        started = time.perf_counter()
        response = client.post(url, data)
        times.append(time.perf_counter() - started)
        if response.status_code != 201:
            sys.exit(f"A file was refused ({response.status_code}): {response.content[:200]}")
        ids.append(response.json()["id"])
    prefix = "photos"
    data = {f"{prefix}-TOTAL_FORMS": len(ids), f"{prefix}-INITIAL_FORMS": len(ids)}
    for index, photo in enumerate(Photo.objects.filter(pk__in=ids).order_by("order")):
        row = {"id": photo.pk, "lock_version": photo.lock_version, "credit": "Yonhap"}
        row |= {"alt_text_en": f"Photo {index} of the benchmark", "engagement": ""}
        data |= {f"{prefix}-{index}-{name}": value for name, value in row.items()}
    started = time.perf_counter()
    response = client.post(reverse("admin:press_photo_describe"), data)
    described = time.perf_counter() - started
    if response.status_code != 302:
        sys.exit(f"The details were refused ({response.status_code}).")
    total = sum(times)
    print(
        f"One by one: {total:.1f} s for {len(times)} photos "
        f"({total / len(times):.2f} s each, the longest {max(times):.2f} s); "
        f"their details saved in one POST: {described:.2f} s"
    )
    return {
        "one_by_one_seconds": round(total, 2),
        "one_by_one_longest": round(max(times), 2),
        "describe_seconds": round(described, 2),
    }


if __name__ == "__main__":
    main()
