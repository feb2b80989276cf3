"""Template helpers of event pages: the schema.org Event of one engagement."""

from django import template

from visits.events import local_start
from visits.text import translated_field

register = template.Library()


def place_data(engagement) -> dict:
    """Where the event happened, as a schema.org Place: the place if known (inside its
    parent, with its coordinates), else the leg's city."""
    city = engagement.leg.city
    address = {
        "@type": "PostalAddress",
        "addressLocality": translated_field(city, "name").text,
        "addressCountry": str(city.country),
    }
    place = engagement.place
    if place is None:
        return {"@type": "Place", "name": address["addressLocality"], "address": address}
    data = {"@type": "Place", "name": translated_field(place, "name").text, "address": address}
    if place.latitude is not None and place.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(place.latitude),
            "longitude": float(place.longitude),
        }
    if place.parent is not None:
        data["containedInPlace"] = {
            "@type": "Place",
            "name": translated_field(place.parent, "name").text,
        }
    return data


@register.simple_tag(takes_context=True)
def event_jsonld(context, engagement):
    """A schema.org Event for one engagement, its trip as the super-event; the start has
    the offset of the leg's city when the time is known, else it is the day."""
    request = context["request"]
    visit = engagement.visit
    start = local_start(engagement)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": translated_field(engagement, "title").text,
        "startDate": start.isoformat() if start else engagement.date.isoformat(),
        "url": request.build_absolute_uri(engagement.get_absolute_url()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place_data(engagement),
        "performer": {"@type": "Person", "name": translated_field(visit.official, "name").text},
        "superEvent": {
            "@type": "Event",
            "name": translated_field(visit, "title").text,
            "url": request.build_absolute_uri(visit.get_absolute_url()),
            "startDate": visit.start_date.isoformat(),
            "endDate": visit.end_date.isoformat(),
        },
    }
    if description := translated_field(engagement, "description"):
        data["description"] = description.text
    return data
