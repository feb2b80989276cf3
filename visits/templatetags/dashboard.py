"""The dashboard's times: each moment in the newsroom's time (Seoul) and the viewer's
own (`visits.adminkit.dashboard.viewer_zone`), as ``<time>`` elements."""

from datetime import UTC

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext

from visits.timezone import newsroom_zone

register = template.Library()


def _iso(moment) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


@register.simple_tag(takes_context=True)
def both_zones(context, moment):
    """``7 Aug 2024, 10:00 Seoul time (03:00 your time, Europe/Paris)``; the viewer's
    part is left to the browser (static/js/dashboard.js) while their zone is unknown,
    and left out when it is Seoul's."""
    if moment is None:
        return ""
    seoul = timezone.localtime(moment, newsroom_zone())
    newsroom = format_html(
        '<time datetime="{}" class="newsroom-time">{}</time>',
        _iso(moment),
        gettext("%(time)s Seoul time") % {"time": date_format(seoul, "SHORT_DATETIME_FORMAT")},
    )
    zone = context.get("viewer_zone")
    if zone is None:
        return format_html(
            '{} <span class="viewer-time" data-moment="{}" data-label="{}"></span>',
            newsroom,
            _iso(moment),
            gettext("your time"),
        )
    own = timezone.localtime(moment, zone)
    if own.utcoffset() == seoul.utcoffset():
        return newsroom
    return format_html(
        '{} <span class="viewer-time">(<time datetime="{}">{}</time>)</span>',
        newsroom,
        _iso(moment),
        gettext("%(time)s your time, %(zone)s")
        % {"time": date_format(own, "SHORT_DATETIME_FORMAT"), "zone": str(zone)},
    )


@register.simple_tag
def waiting_since(since, now=None):
    """How long an item has waited: ``<time datetime="…">3 days</time>``."""
    if since is None:
        return ""
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        _iso(since),
        date_format(timezone.localtime(since, newsroom_zone()), "SHORT_DATETIME_FORMAT"),
        timesince(since, now or timezone.now()),
    )
