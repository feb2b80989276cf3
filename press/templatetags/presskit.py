"""``{% trip_press_kit trip as kit %}``: the link to a trip's press kit (`press.presskit`),
with how many photos it holds and their size (one query), or None when the trip has no
public photo. Loaded by the trip's page and its photo page.

``{% trip_press_kit trip photos as kit %}`` reads the totals from ``photos``, the trip page's
first photos, whose rows carry them (`visits.views.trip_related`): no query."""

from django import template

from press.presskit import Summary, summary, summary_of

register = template.Library()


@register.simple_tag
def trip_press_kit(trip, photos=None) -> Summary | None:
    if photos is None:
        return summary(trip)
    if not photos:
        return None
    return summary_of(trip, photos[0].kit_count, photos[0].kit_size)
