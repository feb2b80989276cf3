"""The photos before and after a photo in its trip's gallery, for the photo page's
"previous / next" links: in the gallery's own order (`Photo.order`, then the key, as the
trip's photo page shows them), among the photos the public may see, one query each."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from .models import Photo


@dataclass
class Neighbours:
    previous: Photo | None = None
    next: Photo | None = None

    def __bool__(self):
        return bool(self.previous or self.next)


def neighbours(photo: Photo, trip) -> Neighbours:
    """The public photos of ``trip`` (a public trip, or None: no gallery, no links) just
    before and just after ``photo``."""
    if trip is None:
        return Neighbours()
    gallery = Photo.objects.published().filter(visit=trip).exclude(pk=photo.pk)
    before = Q(order__lt=photo.order) | Q(order=photo.order, pk__lt=photo.pk)
    after = Q(order__gt=photo.order) | Q(order=photo.order, pk__gt=photo.pk)
    return Neighbours(
        previous=gallery.filter(before).order_by("-order", "-pk").first(),
        next=gallery.filter(after).order_by("order", "pk").first(),
    )
