"""Compact changelist columns, so a list with its filters fits a 1440-pixel screen: a
trip named in a few words, a date and time on two short lines.

Each shortened value keeps the whole of it in a tooltip for the eye and in hidden text
for screen readers. Imports no model: the columns read the row's own attributes.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

#: How many characters of a trip's title a changelist shows.
TRIP_LABEL_LENGTH = 26


def short_text(value, length: int = TRIP_LABEL_LENGTH):
    """``value`` as text cut to ``length`` characters; the whole in its title attribute
    and for screen readers when it was cut."""
    text = str(value) if value is not None else ""
    short = Truncator(text).chars(length)
    if short == text:
        return text
    return format_html(
        '<span class="short-text" title="{}" aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span>',
        text,
        short,
        text,
    )


TRIP = _("trip")


def trip_column(field: str = "visit", description=TRIP):
    """A changelist column naming the row's trip in a few words, sorted by its dates."""

    @admin.display(description=description, ordering=f"{field}__start_date")
    def trip(self, obj):
        return short_text(getattr(obj, field))

    return trip


def compact_datetime(value):
    """A date over its time in the current time zone, e.g. "1 Aug 2024" / "09:00"."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return format_html(
        '<time datetime="{}" class="compact-datetime">{}<br>{}</time>',
        local.isoformat(),
        date_format(local, "SHORT_DATE_FORMAT"),
        date_format(local, "TIME_FORMAT"),
    )


def datetime_column(field: str, description):
    """A changelist column showing a date and time field compactly, sortable by it."""

    @admin.display(description=description, ordering=field)
    def column(self, obj):
        return compact_datetime(getattr(obj, field))

    column.__name__ = f"{field}_compact"
    return column
