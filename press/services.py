"""Multi-step writes of the press office, callable from the admin, commands and tests."""

from django.core.exceptions import ValidationError
from django.db.models import Max
from modeltranslation.utils import build_localized_fieldname

from .images import clean_upload
from .models import Photo


def add_trip_photos(
    *, visit, files, credit: str, caption: str = "", caption_language: str = "en"
) -> tuple[list[Photo], list[tuple[str, ValidationError]]]:
    """One photo per good file, after the trip's last photo and in the order given; a
    (file name, error) per bad file. A file is stored only once it has passed every
    check; the date taken comes from its EXIF data."""
    last = Photo.objects.filter(visit=visit).aggregate(last=Max("order"))["last"]
    order = 0 if last is None else last + 1
    caption_field = build_localized_fieldname("caption", caption_language)
    added, rejected = [], []
    for upload in files:
        try:
            cleaned = clean_upload(upload)
            photo = Photo(
                image=cleaned.content,
                visit=visit,
                credit=credit,
                taken_at=cleaned.taken_at,
                order=order,
            )
            if caption:
                setattr(photo, caption_field, caption)
            photo.full_clean()
        except ValidationError as error:
            rejected.append((upload.name, error))
            continue
        photo.save()
        added.append(photo)
        order += 1
    return added, rejected
