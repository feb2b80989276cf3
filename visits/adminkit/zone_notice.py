"""One notice per admin form about the time zone its times are in, instead of Django's
"Note: You are N hours ahead of server time." under every date and time field.

Times with a date (a publication time, an embargo) are read in the newsroom's zone
(`visits.timezone`, ``settings.TIME_ZONE``): the admin activates no editor's zone, so an
editor in Paris types Seoul time. Times of day alone (an event's start) are the local time
where it happens. `form_zone_notice` says so once, at the top of a form that has either,
in the editor's language; ``static/js/one_zone_notice.js`` turns off the per-field notes
while keeping ``data-admin-utc-offset``, which the "Now" shortcut needs to give Seoul's
time. Imports nothing of the trip domain or `press`.
"""

from datetime import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..timezone import newsroom_zone

#: How the notice names a zone; another one is named by its key (Europe/Paris).
ZONE_NAMES = {"Asia/Seoul": _("Seoul time")}


def zone_label(now: datetime | None = None) -> str:
    """The newsroom's zone as editors read it: "Seoul time (UTC+09:00)"."""
    zone = newsroom_zone()
    offset = (now or datetime.now(zone)).astimezone(zone).strftime("%z")
    key = getattr(zone, "key", str(zone))
    return f"{ZONE_NAMES.get(key, key)} (UTC{offset[:3]}:{offset[3:]})"


def time_kinds(fields) -> set[str]:
    """ "zoned" when ``fields`` has an editable date and time, "local" a time of day."""
    kinds = set()
    for field in fields:
        if isinstance(field, forms.SplitDateTimeField | forms.DateTimeField):
            kinds.add("zoned")
        elif isinstance(field, forms.TimeField):
            kinds.add("local")
    return kinds


def form_fields(context):
    """The editable fields of an admin change form's context: the form's and its
    inlines' (the readonly ones are not among a form's fields)."""
    adminform = context.get("adminform")
    if adminform is not None:
        yield from adminform.form.fields.values()
    for inline in context.get("inline_admin_formsets", ()):
        yield from inline.formset.empty_form.fields.values()


def form_zone_notice(context) -> list[str]:
    """The notice's sentences for the form in ``context``; none without time fields."""
    kinds = time_kinds(form_fields(context))
    sentences = []
    if "zoned" in kinds:
        sentences.append(
            gettext("Times on this form are %(zone)s, whatever the time zone of your computer.")
            % {"zone": zone_label()}
        )
    if "local" in kinds:
        sentences.append(
            gettext("A time of day alone, such as an event's start, is the local time there.")
        )
    return sentences
