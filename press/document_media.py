"""Documents' files, through the site: ``/documents/<id>/<name>`` (`download`, linked by
pages, feeds and search: `Document.download_url`), and the media route (`press.media`)
for older links. A document's file answers only while the document is public
(`Document.objects.published()`), or to staff who may change documents; always as a
download (``Content-Disposition: attachment``, its name from the title, RFC 6266,
``nosniff``), with the type of the kind its check found (`document_checks.KINDS`, not
the stored media type, which a restore does not check) and only if the stored bytes
still begin as that kind, so a restored or scripted row naming another file is a 404.

``download`` is routed whatever the storage: with media on S3 the file is read from the
bucket with the app's credentials and streamed, so the bucket never needs to let the
public read ``documents/`` and an embargo holds there too.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from .document_checks import KINDS, begins_as
from .models import Document

#: Where document files are stored (``Document.file``'s ``upload_to``).
PREFIX = "documents/"


def answer(request, name: str, may_change) -> tuple[HttpResponse | None, bool]:
    """(the file's response or None for a 404, whether the answer is public)."""
    documents = Document.objects.filter(file=name)
    document = documents.published().first()
    public = document is not None
    if document is None:
        document = documents.first()
        if document is None or not may_change(request.user, Document):
            return None, False
    return respond(document), public


@require_safe
def download(request, pk: int, filename: str) -> HttpResponse:
    """``/documents/<id>/<name>``: the document's file, to whoever may have it. The name
    is the download's (`Document.download_name`) and only read by people; a link made
    before a title changed still works."""
    from .media import PUBLIC, STAFF, cached, may_change, not_found

    documents = Document.objects.filter(pk=pk)
    document = documents.published().first()
    public = document is not None
    if document is None:
        document = documents.first()
        if document is None or not may_change(request.user, Document):
            return not_found()
    response = respond(document)
    if response is None:
        return not_found()
    response["X-Content-Type-Options"] = "nosniff"
    return cached(response, PUBLIC if public else STAFF)


def respond(document) -> HttpResponse | None:
    """The document's file as a download, or None when it is missing or not its kind."""
    name = document.file.name
    kind = KINDS.get(document.kind)
    if not name or kind is None:
        return None
    content_type = kind[1]
    try:
        file = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation):
        return None
    try:
        head = file.read(1024)
        file.seek(0)
    except (OSError, ValueError):
        head = b""
    if not begins_as(document.kind, head):
        file.close()
        return None
    filename = document.download_name
    accel = getattr(settings, "PRESSROOM_MEDIA_ACCEL_REDIRECT", "")
    if accel and isinstance(default_storage, FileSystemStorage):
        file.close()
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(name)}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response
    return FileResponse(file, as_attachment=True, filename=filename, content_type=content_type)
