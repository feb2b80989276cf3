"""The newsroom's time zone: the one in which a time given without a zone (an article's
publication time, a trip's day, the demo's release times) is read. ``settings.TIME_ZONE``
is its only definition. Imports nothing of the project."""

from datetime import date, datetime, time, tzinfo

from django.utils import timezone


def newsroom_zone() -> tzinfo:
    """``settings.TIME_ZONE`` as a zone (Seoul's), following any override of the setting."""
    return timezone.get_default_timezone()


def in_newsroom(day: date, time_of_day: time) -> datetime:
    """``day`` at ``time_of_day``, both given without a zone, in the newsroom's zone."""
    return datetime.combine(day, time_of_day, tzinfo=newsroom_zone())
