"""Rows as the API shows them: plain dicts matching `schemas`, built from rows loaded
with what they show (the endpoints prefetch it), so shaping a page runs no query.

Text is read in the active language (the endpoints activate ``?lang=``) through
`visits.text.translated_field`, the pages' own fallback, which for a release's text looks
only at the languages that are out.
"""

from __future__ import annotations

from django.utils import timezone

from press import renditions
from press.models import visibility
from visits.text import translated_field


def text(obj, field: str) -> dict:
    found = translated_field(obj, field)
    return {"value": found.text, "lang": found.lang if found.text else None}


def absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def trip_ref(request, visit) -> dict | None:
    """A trip, if the public may see it (a release or photo may hang on a draft one)."""
    if visit is None or not visit.is_public:
        return None
    return {
        "slug": visit.slug,
        "url": absolute(request, visit.get_absolute_url()),
        "title": text(visit, "title"),
    }


def topic(request, item, *, full: bool = False) -> dict:
    shown = {
        "slug": item.slug,
        "url": absolute(request, item.get_absolute_url()),
        "name": text(item, "name"),
    }
    if full:
        shown["description"] = text(item, "description")
    return shown


def photo(request, item) -> dict:
    shown = []
    if renditions.ready(item):
        for fmt in (*renditions.MODERN_FORMATS, renditions.FALLBACK_FORMAT):
            for width in renditions.widths(item):
                height = round(width * item.height / item.width) if item.width else None
                url = renditions.url(item, fmt=fmt, width=width)
                shown.append(
                    {
                        "url": absolute(request, url),
                        "width": width,
                        "height": height,
                        "type": renditions.MEDIA_TYPES[fmt],
                    }
                )
    return {
        "id": item.pk,
        "url": absolute(request, item.get_absolute_url()),
        "caption": text(item, "caption"),
        "alt_text": text(item, "alt_text"),
        "credit": item.credit,
        "width": item.width,
        "height": item.height,
        "taken_at": item.taken_at,
        "original": absolute(request, item.image.url),
        "renditions": shown,
        "trip": trip_ref(request, item.visit) if item.visit_id else None,
    }


def named(item) -> dict | None:
    if item is None:
        return None
    return {"slug": item.slug, "name": text(item, "name")}


def event_ref(request, item) -> dict:
    return {
        "id": item.pk,
        "slug": item.slug,
        "url": absolute(request, item.get_absolute_url()),
        "date": item.date,
        "start_time": item.start_time,
        "kind": item.kind,
        "title": text(item, "title"),
    }


def event(request, item) -> dict:
    return {
        **event_ref(request, item),
        "description": text(item, "description"),
        "place": named(item.place),
        "people": [named(person) for person in item.people.all()],
        "organizations": [named(org) for org in item.organizations.all()],
    }


def trip(request, visit) -> dict:
    official = visit.official
    events_by_leg: dict[int, list] = {}
    for item in visit.engagements.all():
        events_by_leg.setdefault(item.leg_id, []).append(item)
    return {
        "slug": visit.slug,
        "url": absolute(request, visit.get_absolute_url()),
        "title": text(visit, "title"),
        "summary": text(visit, "summary"),
        "purpose": text(visit, "purpose"),
        "start_date": visit.start_date,
        "end_date": visit.end_date,
        "published_at": visit.published_at,
        "official": None
        if official is None
        else {
            "slug": official.slug,
            "name": text(official, "name"),
            "role": text(official, "role"),
        },
        "legs": [
            {
                "order": leg.order,
                "city": {**named(leg.city), "country": str(leg.city.country)},
                "start_date": leg.start_date,
                "end_date": leg.end_date,
                "events": [event(request, item) for item in events_by_leg.get(leg.pk, [])],
            }
            for leg in visit.legs.all()
        ],
    }


def release(request, item, *, full: bool = False) -> dict:
    gallery = list(item.gallery.all())
    lead = next((row.photo for row in gallery if row.is_lead), None)
    shown = {
        "id": str(item.uuid),
        "slug": item.slug,
        "number": item.number,
        "url": absolute(request, item.get_absolute_url()),
        "published_at": item.published_at,
        "original_language": item.original_language,
        "languages": list(visibility.public_languages(item, timezone.now())),
        "title": text(item, "title"),
        "subtitle": text(item, "subtitle"),
        "lead": text(item, "lead"),
        "trip": trip_ref(request, item.visit) if item.visit_id else None,
        "topics": [topic(request, t) for t in item.topics.all()],
        "lead_photo": photo(request, lead) if lead else None,
    }
    if full:
        shown["body"] = text(item, "body")
        shown["photos"] = [photo(request, row.photo) for row in gallery]
        shown["events"] = [event_ref(request, e) for e in item.engagements.all()]
    return shown


def release_ref(request, item) -> dict:
    return {
        "id": str(item.uuid),
        "slug": item.slug,
        "url": absolute(request, item.get_absolute_url()),
        "title": text(item, "title"),
    }


def outlet(item) -> dict:
    return {
        "slug": item.slug,
        "name": text(item, "name"),
        "kind": item.kind,
        "country": str(item.country),
        "language": item.language,
        "website": item.website,
    }


def coverage(request, item) -> dict:
    return {
        "id": item.pk,
        "url": absolute(request, item.get_absolute_url()),
        "article_url": item.url,
        "outlet": outlet(item.outlet),
        "headline": item.headline,
        "language": item.language,
        "byline": item.byline,
        "summary": item.summary,
        "translated_headline": text(item, "translated_headline"),
        "translated_summary": text(item, "translated_summary"),
        "published_on": item.published_on,
        "published_time": item.published_time,
        "trip": trip_ref(request, item.visit) if item.visit_id else None,
        "releases": [release_ref(request, r) for r in item.releases.all()],
    }
