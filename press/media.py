"""Media files served by the site itself, each only while the public may see it.

With files on the site's own storage (`FileSystemStorage`, and `InMemoryStorage` in the
tests), ``/media/<name>`` is this view rather than a plain file server, in development
and production alike, so an embargo holds for the files too:

- a photo's original, and each of its renditions (``renditions/<original's name>/…``,
  see `press.renditions`), is served while the photo is public
  (`Photo.objects.published()`: shown by a public trip or a public release), so a
  scheduled release's photo answers at its minute and not before, and a withdrawn
  release takes its photos with it;
- a video's poster (``videos/``) is served while its video is public
  (`Video.objects.published()`), and to staff who may change videos;
- staff who may change photos get every photo's files (the admin shows them before they
  are public), and staff who may change people get portraits (only the admin shows
  them);
- archived copies of coverage articles (``archives/``, `press.models.ARCHIVE_PREFIX`)
  never: they are the outlets' copyright, for staff, who download them from the
  coverage admin (`press.linkcheck.admin`), whatever a row names;
- anything else, and any name that tries to leave the media folder (``..``, an absolute
  path, a backslash, whether typed or percent-encoded), is a 404;
- a document's file (``documents/``, `press.document_media`) is served while the
  document is public, to staff who may change documents otherwise, always as a download
  (for older links: pages link ``/documents/<id>/<name>``, routed whatever the storage);
- only images of a kind the newsroom writes are ever served (`press.images.MEDIA_TYPES`:
  by the name's extension, and by the file's first bytes), whatever a row says: a
  restored, imported or scripted row naming an HTML or SVG file, or HTML under a
  ``.jpg`` name, is a 404. Answers carry the Content-Type of that list and
  ``X-Content-Type-Options: nosniff`` (nginx's internal location should add the
  same header, since it answers with its own).

Public answers may be kept by shared caches for `PUBLIC_MAX_AGE`; staff-only answers and
404s are never stored, so a photo is not stuck as "missing" in a cache after its
embargo lifts. The bytes are read through ``default_storage.open()``. In production,
set ``PRESSROOM_MEDIA_ACCEL_REDIRECT`` to the prefix of an nginx ``internal`` location
that maps to ``MEDIA_ROOT`` (e.g. ``"/protected-media/"``): the view then only decides,
and answers with an ``X-Accel-Redirect`` header for nginx to send the file.

With media on S3-compatible object storage (django-storages, issue 8) the files are
served by the storage from its own URLs and this view is not routed: keeping an
embargoed or withdrawn photo private there is the storage's job (private objects and
signed URLs, or moving the files at publication), not this module's.
"""

import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, InMemoryStorage, default_storage
from django.http import FileResponse, HttpResponse, HttpResponseNotFound
from django.urls import path
from django.views.decorators.http import require_safe

from visits.conditional import conditional_response
from visits.models import Person

from . import document_media
from .images import HEAD_BYTES, media_type
from .models import ARCHIVE_PREFIX, Photo, Video

#: How long shared caches may keep a public file: a photo whose release is withdrawn
#: leaves them within this time.
PUBLIC_MAX_AGE = 60 * 60
PUBLIC, STAFF = "public", "staff"


def serves_media() -> bool:
    """Whether this site serves the media files itself: a local ``MEDIA_URL`` and a
    storage whose files live with the site."""
    local_url = settings.MEDIA_URL.startswith("/") and not settings.MEDIA_URL.startswith("//")
    return local_url and isinstance(default_storage, FileSystemStorage | InMemoryStorage)


def media_urlpatterns() -> list:
    """The route of `serve` under ``MEDIA_URL``, when this site serves its media."""
    if not serves_media():
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [path(f"{prefix}<path:name>", serve, name="media")]


def clean_name(name: str) -> str | None:
    """The storage name asked for, or None when it tries to leave the media folder. The
    URL is already percent-decoded, so an encoded ``..`` is caught like a typed one."""
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        return None
    if any(part in ("", ".", "..") for part in name.split("/")):
        return None
    return name


def original_of(name: str) -> str:
    """The original a file belongs to: itself, or for a rendition its folder's name."""
    folder = f"{settings.IMAGEKIT_CACHEFILE_DIR}/"
    if name.startswith(folder):
        return name.removeprefix(folder).rpartition("/")[0]
    return name


def may_change(user, model) -> bool:
    opts = model._meta
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
    )


def audience(request, name: str) -> str | None:
    """Who may have the file: `PUBLIC`, `STAFF` (this request's user only) or None.

    The user is looked at only for files that are not public, so a public answer does
    not vary with the session."""
    original = original_of(name)
    if not original:
        return None
    photos = Photo.objects.filter(image=original)
    if photos.published().exists():
        return PUBLIC
    if photos.exists():
        return STAFF if may_change(request.user, Photo) else None
    if original == name and (who := poster_audience(request, name)):
        return who
    if original == name and Person.objects.filter(portrait=name).exists():
        return STAFF if may_change(request.user, Person) else None
    return None


def poster_audience(request, name: str) -> str | None:
    """A video's poster: public with its video (`Video.objects.published()`), else for
    staff who may change videos."""
    videos = Video.objects.filter(poster=name)
    if videos.published().exists():
        return PUBLIC
    if videos.exists() and may_change(request.user, Video):
        return STAFF
    return None


def not_found() -> HttpResponse:
    response = HttpResponseNotFound("Not found.", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


def opened_image(name: str, content_type: str):
    """The file, open at its start, if its first bytes are those of ``content_type``;
    else None (missing, unreadable or something else under an image's name)."""
    try:
        file = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation):
        return None
    try:
        head = file.read(HEAD_BYTES)
        file.seek(0)
    except (OSError, ValueError):
        head = b""
    if media_type(name, head) != content_type:
        file.close()
        return None
    return file


def file_response(request, name: str, content_type: str) -> HttpResponse | None:
    """The file's bytes (or nginx's instruction to send them), None when it is missing
    or is not the image its name says."""
    file = opened_image(name, content_type)
    if file is None:
        return None
    accel = getattr(settings, "PRESSROOM_MEDIA_ACCEL_REDIRECT", "")
    if accel:
        file.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(name)}"
        return response
    try:
        modified = default_storage.get_modified_time(name).timestamp()
    except (NotImplementedError, OSError, SuspiciousFileOperation):
        modified = None
    response = conditional_response(
        request, lambda: FileResponse(file, content_type=content_type), last_modified=modified
    )
    if not isinstance(response, FileResponse):  # the reader's copy is current: send nothing
        file.close()
    return response


@require_safe
def serve(request, name):
    """A media file, if whoever asks may see it (see the module's docstring)."""
    response = answer(request, name)
    # Set here as well as by SecurityMiddleware: this route must never be read as HTML,
    # however the middleware is configured.
    response["X-Content-Type-Options"] = "nosniff"
    return response


def answer(request, name) -> HttpResponse:
    name = clean_name(name)
    if name is None or posixpath.normpath(name) != name or name.startswith(ARCHIVE_PREFIX):
        return not_found()
    if name.startswith(document_media.PREFIX):
        response, public = document_media.answer(request, name, may_change)
        return cached(response, PUBLIC if public else STAFF) if response else not_found()
    content_type = media_type(name)
    if content_type is None:  # not a kind of file the newsroom writes, whatever a row says
        return not_found()
    who = audience(request, name)
    if who is None:
        return not_found()
    response = file_response(request, name, content_type)
    if response is None:
        return not_found()
    return cached(response, who)


def cached(response, who: str) -> HttpResponse:
    if who == PUBLIC:
        response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response
