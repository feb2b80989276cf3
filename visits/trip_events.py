"""The trip form's table of events, and the event form's way back to its trip.

A trip's form lists its events as a compact table (date, local time, kind, title in the
editor's language, place), read in one query whatever their number; each row opens the
event's own form, which leads back to the trip: its breadcrumbs name the trip, and saving
returns there. Editing all of them inline (four language tabs each) made a 14-event
trip's form 12,000 pixels long and slow to open (bench/README.md, "Trip form").

The way back rides on the admin's own ``_changelist_filters``: the trip's links open an
event "filtered to its trip" (``visit__id__exact``), which "Save and continue editing"
and "Save and add another" keep, and a plain save of such an event goes to the trip
rather than to the events list filtered to it. Imports no admin class and no `press`.
"""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.translation import get_language

from .itinerary import Engagement, Leg
from .text import LANGUAGE_CODES, first_translation, localized

#: The events list filter that stands for "this event was opened from its trip".
TRIP_FILTER = "visit__id__exact"


def from_trip_query(trip_id) -> str:
    """The query string of an event's form opened from trip ``trip_id``."""
    return urlencode({"_changelist_filters": urlencode({TRIP_FILTER: trip_id})})


def editor_language() -> str:
    code = get_language() or LANGUAGE_CODES[0]
    return code if code in LANGUAGE_CODES else LANGUAGE_CODES[0]


def event_rows(trip, *, linked: bool) -> list[dict]:
    """The trip's events for its form's table, in one query: each with its date, local
    time, kind, title and place in the editor's language (else the first filled one,
    with the language it is in) and, when ``linked``, its form's address."""
    language = editor_language()
    engagements = (
        Engagement.objects.filter(visit=trip)
        .select_related("place")
        .only(
            "date",
            "start_time",
            "kind",
            "visit",
            *localized("title"),
            "place__slug",
            *localized("place__name"),
        )
        .order_by("date", "start_time", "pk")
    )
    query = from_trip_query(trip.pk)
    rows = []
    for engagement in engagements:
        title_lang, title = first_translation(engagement, "title", language)
        place_lang, place = (
            first_translation(engagement.place, "name", language)
            if engagement.place_id
            else ("", "")
        )
        rows.append(
            {
                "date": engagement.date,
                "time": engagement.start_time,
                "kind": engagement.get_kind_display(),
                "title": title,
                "title_lang": title_lang,
                "title_other": title_lang != language,
                "place": place,
                "place_lang": place_lang,
                "place_other": bool(place_lang) and place_lang != language,
                "url": (
                    f"{reverse('admin:visits_engagement_change', args=[engagement.pk])}?{query}"
                    if linked
                    else ""
                ),
            }
        )
    return rows


def events_context(request, trip, engagement_admin) -> dict:
    """What the trip form's events table needs (templates/admin/visits/visit/events.html)."""
    query = from_trip_query(trip.pk)
    may_add = engagement_admin.has_add_permission(request)
    return {
        "trip_events": event_rows(
            trip, linked=engagement_admin.has_view_or_change_permission(request)
        ),
        "add_event_url": (
            f"{reverse('admin:visits_engagement_add')}?{urlencode({'visit': trip.pk})}&{query}"
            if may_add
            else ""
        ),
        "trip_events_list_url": (
            f"{reverse('admin:visits_engagement_changelist')}?{urlencode({TRIP_FILTER: trip.pk})}"
        ),
    }


class BackToTripMixin:
    """An event's form that knows its trip: breadcrumbs through the trip, a link back,
    the add form's legs limited to the trip it was opened from, and a plain save of an
    event opened from its trip returns to the trip."""

    def trip_id_of(self, request, obj=None):
        if obj is not None and obj.visit_id:
            return obj.visit_id
        visit = request.GET.get("visit", "")
        # A hand-made number too long for the database's integers is no trip either, nor
        # "²" (a digit to isdigit(), not to int()).
        return int(visit) if visit.isascii() and visit.isdigit() and len(visit) < 19 else None

    def opened_from_trip(self, request, obj) -> bool:
        return self.trip_opened_from(request) == obj.visit_id

    def trip_opened_from(self, request) -> int | None:
        """The trip whose form the event was opened from (the changelist filter its link
        carries), or None."""
        filters = QueryDict(request.GET.get("_changelist_filters", ""))
        if list(filters) != [TRIP_FILTER]:
            return None
        visit = filters[TRIP_FILTER]
        return int(visit) if visit.isascii() and visit.isdigit() and len(visit) < 19 else None

    def get_changeform_initial_data(self, request):
        """The trip of the "Add an event" link; a hand-made ``visit`` that is no number
        is left out rather than read by the trip menu (a server error)."""
        initial = super().get_changeform_initial_data(request)
        if "visit" in initial:
            trip_id = self.trip_id_of(request)
            if trip_id is None:
                del initial["visit"]
            else:
                initial["visit"] = trip_id
        return initial

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        trip_id = self.trip_id_of(request, obj)
        if obj is None and trip_id and "leg" in form.base_fields:
            form.base_fields["leg"].queryset = Leg.objects.filter(visit_id=trip_id).select_related(
                "city", "visit"
            )
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        trip_id = self.trip_id_of(request, obj)
        trip = obj.visit if obj is not None and obj.visit_id else None
        if trip is None and trip_id:
            trip = self.model.visit.field.related_model.objects.filter(pk=trip_id).first()
        if trip is not None:
            context["trip"] = trip
            context["trip_opts"] = trip._meta
            context["trip_url"] = reverse("admin:visits_visit_change", args=[trip.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def back_to_trip(self, request, obj=None):
        """The trip's form, when the event was opened from it and the user may see it
        (``obj``: the event; without it, as after a deletion, the trip the link named)."""
        trip_id = self.trip_opened_from(request)
        if trip_id is None or (obj is not None and obj.visit_id != trip_id):
            return None
        trip_model = self.model.visit.field.related_model
        trip = obj.visit if obj is not None else trip_model.objects.filter(pk=trip_id).first()
        trip_admin = self.admin_site._registry.get(trip_model)
        if trip is None or trip_admin is None:
            return None
        if not trip_admin.has_view_or_change_permission(request, trip):
            return None
        return HttpResponseRedirect(reverse("admin:visits_visit_change", args=[trip_id]))

    def response_post_save_change(self, request, obj):
        return self.back_to_trip(request, obj) or super().response_post_save_change(request, obj)

    def response_post_save_add(self, request, obj):
        return self.back_to_trip(request, obj) or super().response_post_save_add(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        """An event deleted from its trip's form goes back to the trip (Django's own
        answer, its message included, otherwise)."""
        response = super().response_delete(request, obj_display, obj_id)
        back = self.back_to_trip(request)
        return back if back is not None and response.status_code == 302 else response
