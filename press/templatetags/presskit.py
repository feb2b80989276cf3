"""``{% trip_press_kit trip as kit %}``: the link to a trip's press kit (`press.presskit`),
with how many photos it holds and their size (one query), or None when the trip has no
public photo. Loaded by the trip's page and its photo page."""

from django import template

from press.presskit import Summary, summary

register = template.Library()


@register.simple_tag
def trip_press_kit(trip) -> Summary | None:
    return summary(trip)
