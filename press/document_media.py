"""Documents through the media route (`press.media`): a document's file answers only
while the document is public (`Document.objects.published()`), or to staff who may
change documents; always as a download (``Content-Disposition: attachment``, its name
from the title, RFC 6266), with the type its check found and only if the stored bytes
still begin as that type, so a restored or scripted row naming another file is a 404.
Imported by `press.media` alone.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from .document_checks import begins_as
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
    try:
        file = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation):
        return None, public
    try:
        head = file.read(1024)
        file.seek(0)
    except (OSError, ValueError):
        head = b""
    if not begins_as(document.kind, head):
        file.close()
        return None, public
    filename = document.download_name
    accel = getattr(settings, "PRESSROOM_MEDIA_ACCEL_REDIRECT", "")
    if accel:
        file.close()
        response = HttpResponse(content_type=document.media_type)
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(name)}"
        response["Content-Disposition"] = content_disposition_header(True, filename)
        return response, public
    response = FileResponse(
        file, as_attachment=True, filename=filename, content_type=document.media_type
    )
    return response, public
