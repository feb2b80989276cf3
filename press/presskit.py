"""A trip's press kit: every public photo of the trip as its original file, in one zip with
a credits file in the reader's language, ``/<lang>/trips/<slug>/photos.zip``.

The photos are those the trip's photo page shows (`TripPhotosView`: the trip's photos
through `Photo.objects.published()`, so a photo held back for a release that is not out,
or shown only by a withdrawn release, is not in it), in the gallery's order, each named
by its number and caption (``01-mayor-oh-at-station-f.jpg``). The zip is streamed as it is
written (zipstream-ng), never built in memory or on disk: each original is opened on the
default storage (a folder or a bucket alike) only when the zip reaches it, and read in
chunks. Files are stored, not compressed (photos do not shrink), so the size is known
before the first byte and sent as ``Content-Length``; a HEAD request gets the headers
and opens no file.

The trip's public documents (`Document.objects.published()`: its own, and those of its
public releases) go in a ``documents/`` folder of the same zip, each named by its number
and title, and are listed in the credits file.

A trip with no public photo and no public document has no kit (404); pages link the kit
where they show the trip's photos. The response is
never kept by the page cache (it streams); its URL is not wrapped in it at all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.storage import default_storage
from django.db.models import Count, Sum
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.views import View
from zipstream import ZIP_STORED, ZipStream

from visits.models import Visit
from visits.text import ascii_slug, translated_field

from .images import media_type
from .models import Document, Photo

logger = logging.getLogger(__name__)

#: How much of an original is read at a time while the zip is sent.
CHUNK = 256 * 1024
#: The credits file's name in the zip.
CREDITS = "credits.txt"
#: The longest caption part of a file's name.
NAME_LENGTH = 60


def kit_photos(visit):
    """The trip's public photos with an image, in the gallery's order (the trip's photo
    page's door: `TripPhotosView`)."""
    return visit.photos.published().exclude(image="")


@dataclass(frozen=True)
class Summary:
    """What a link to a kit says: how many photos, how many bytes, and where."""

    url: str
    count: int
    size: int


def summary(visit) -> Summary | None:
    """The kit of ``visit`` for a link (one query), or None when it has no public photo."""
    found = kit_photos(visit).aggregate(count=Count("pk"), size=Sum("file_size"))
    return summary_of(visit, found["count"], found["size"])


def summary_of(visit, count: int | None, size: int | None) -> Summary | None:
    """The kit of ``visit`` holding ``count`` photos of ``size`` bytes, counted elsewhere
    (the trip page counts them with its photos: `visits.views.trip_related`)."""
    if not count:
        return None
    url = reverse("press:trip_photos_zip", kwargs={"slug": visit.slug})
    return Summary(url=url, count=count, size=size or 0)


def extension(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    return ".jpg" if suffix == ".jpeg" else suffix


def file_names(photos) -> list[str]:
    """Readable, unique names: the photo's number in the gallery (so they sort as the
    gallery does) and its caption in the reader's language, in ASCII (any unzip tool
    keeps them): ``01-mayor-oh-at-station-f.jpg``."""
    width = max(2, len(str(len(photos))))
    names = []
    for number, photo in enumerate(photos, 1):
        slug = ascii_slug(translated_field(photo, "caption").text, NAME_LENGTH) or "photo"
        names.append(f"{number:0{width}d}-{slug}{extension(photo.image.name)}")
    return names


def label(model, field: str) -> str:
    return capfirst(model._meta.get_field(field).verbose_name)


def line(name: str, value: str) -> str:
    # Translators: one line of a press kit's credits file: "Credit: Seoul Metropolitan
    # Government". Languages that write a full-width colon may use one.
    return gettext("%(label)s: %(value)s") % {"label": name, "value": value}


def place_of(photo) -> str:
    place = photo.place
    if place is None:
        return ""
    parts = [translated_field(place, "name").text, translated_field(place.city, "name").text]
    parts.append(str(place.city.country.name))
    return ", ".join(dict.fromkeys(filter(None, parts)))


def credits_text(request, visit, photos, names) -> str:
    """The credits file: the trip, how the photos may be used, and for each file its
    caption, credit, date taken, place and event, in the reader's language."""
    title = translated_field(visit, "title").text
    page = request.build_absolute_uri(reverse("press:trip_photos", kwargs={"slug": visit.slug}))
    lines = [
        title,
        f"{date_format(visit.start_date)} \N{EN DASH} {date_format(visit.end_date)}",
        page,
        "",
        gettext("Usage: for publication, with the credit given for each photo beside it."),
    ]
    for photo, name in zip(photos, names, strict=True):
        lines += ["", name]
        caption = translated_field(photo, "caption").text
        if caption:
            lines.append(line(label(Photo, "caption"), caption))
        lines.append(line(label(Photo, "credit"), photo.credit))
        if photo.taken_at:
            taken = date_format(timezone.localtime(photo.taken_at), "DATETIME_FORMAT")
            lines.append(line(label(Photo, "taken_at"), taken))
        if place := place_of(photo):
            lines.append(line(label(Photo, "place"), place))
        if photo.engagement is not None:
            event = translated_field(photo.engagement, "title").text
            lines.append(line(label(Photo, "engagement"), event))
        size = f"{photo.format_name}, {photo.width} \N{MULTIPLICATION SIGN} {photo.height} px"
        lines.append(line(gettext("Original file"), size))
    return "\n".join(lines) + "\n"


def kit_documents(visit) -> list:
    """The trip's public documents, in the order its page lists them."""
    return list(visit.documents.published().order_by("order", "pk"))


def document_names(documents) -> list[str]:
    """``documents/01-full-text-of-the-agreement.pdf``: numbered, by title, in ASCII."""
    width = max(2, len(str(len(documents))))
    names = []
    for number, document in enumerate(documents, 1):
        slug = ascii_slug(translated_field(document, "title").text, NAME_LENGTH) or "document"
        names.append(f"documents/{number:0{width}d}-{slug}.{document.extension}")
    return names


def documents_text(documents, names) -> list[str]:
    """The credits file's lines for the documents: each file's title and language."""
    if not documents:
        return []
    lines = ["", gettext("Documents")]
    for document, name in zip(documents, names, strict=True):
        lines += [
            "",
            name,
            line(label(Document, "title"), translated_field(document, "title").text),
        ]
        lines.append(line(label(Document, "language"), document.get_language_display()))
    return lines


def read_lazily(name: str):
    """The stored file's bytes, opened when the zip reaches it and read in chunks."""
    try:
        file = default_storage.open(name, "rb")
    except OSError:
        # The zip's headers are out: all that can be done is to stop, and the reader's
        # download ends short of its Content-Length instead of holding a wrong file.
        logger.exception("A press kit's photo %s is missing from the storage.", name)
        raise
    with file:
        while chunk := file.read(CHUNK):
            yield chunk


def kit_stream(request, visit, photos, documents=()) -> ZipStream:
    """The zip of ``photos`` and ``documents`` with its credits file, to be read as it
    is sent."""
    names = file_names(photos)
    extra = document_names(documents)
    credits = credits_text(request, visit, photos, names)
    credits += "\n".join(documents_text(documents, extra)) + ("\n" if documents else "")
    sized = all(item.file_size > 0 for item in (*photos, *documents))
    stream = ZipStream(compress_type=ZIP_STORED, sized=sized)
    stream.add(credits.encode(), CREDITS)
    for photo, name in zip(photos, names, strict=True):
        size = photo.file_size if sized else None
        stream.add(read_lazily(photo.image.name), name, size=size)
    for document, name in zip(documents, extra, strict=True):
        size = document.file_size if sized else None
        stream.add(read_lazily(document.file.name), name, size=size)
    return stream


class TripPhotosZipView(View):
    """``photos.zip`` of a public trip with public photos; a 404 for anything else."""

    http_method_names = ["get", "head"]

    def get(self, request, slug):
        visit = Visit.objects.published().filter(slug=slug).first()
        if visit is None:
            raise Http404
        photos = [
            photo
            for photo in kit_photos(visit).select_related("place__city", "engagement")
            if media_type(photo.image.name)  # only the image kinds the site serves
        ]
        documents = kit_documents(visit)
        if not photos and not documents:
            raise Http404
        stream = kit_stream(request, visit, photos, documents)

        def body():
            # A generator Django closes when the reader goes away, closing the open file.
            if request.method != "HEAD":
                yield from stream

        response = StreamingHttpResponse(body(), content_type="application/zip")
        if stream.sized:
            response["Content-Length"] = str(len(stream))
        response["Content-Disposition"] = f'attachment; filename="{visit.slug}-photos.zip"'
        # Caches ask first: a photo that stops being public leaves the kit at once.
        response["Cache-Control"] = "no-cache"
        return response
