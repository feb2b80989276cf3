"""Editors' admin for trips and their itinerary, places, people and organisations."""

from itertools import pairwise
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .admin_dashboard import TripsAheadFilter
from .adminkit import users  # noqa: F401 (the user page, with a translator's languages)
from .adminkit.base import BaseAdmin, thumbnail
from .adminkit.forms import EditorForm
from .adminkit.publishing import PublishingAdmin
from .models import City, Engagement, Leg, Organization, Person, Place, Visit
from .text import localized
from .trip_events import BackToTripMixin, events_context

#: Leg positions parked out of the way while a trip's legs are renumbered (see save_formset).
_PARKED_ORDER = 32767


@admin.register(City)
class CityAdmin(BaseAdmin):
    list_display = ("__str__", "country", "time_zone", "public", "translations")
    list_filter = ("country",)
    search_fields = (*localized("name"), "slug")
    translation_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "country", "time_zone", "slug")}),)


@admin.register(Organization)
class OrganizationAdmin(BaseAdmin):
    list_display = ("__str__", "kind", "country", "website", "public", "translations")
    list_filter = ("kind", "country")
    search_fields = (*localized("name"), "slug", "website")
    translation_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "kind", "country", "website", "slug")}),)


@admin.register(Person)
class PersonAdmin(BaseAdmin):
    list_display = ("portrait_thumbnail", "__str__", "role", "organization", "public")
    list_display += ("translations",)
    list_display_links = ("portrait_thumbnail", "__str__")
    list_filter = (("organization", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("organization",)
    search_fields = (*localized("name", "role"), "slug", *localized("organization__name"))
    autocomplete_fields = ("organization",)
    translation_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "role", "organization", "portrait", "slug")}),)

    @admin.display(description=_("portrait"))
    def portrait_thumbnail(self, obj):
        return thumbnail(obj.portrait, alt=str(obj), size=48)


@admin.register(Place)
class PlaceAdmin(BaseAdmin):
    list_display = ("__str__", "city", "parent", "public", "translations")
    list_filter = ("city__country", ("city", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("city", "parent")
    search_fields = (*localized("name"), "slug", *localized("city__name"))
    autocomplete_fields = ("city", "parent")
    translation_fields = ("name",)
    list_defer = ("description", *localized("description"))
    fieldsets = (
        (None, {"fields": ("name", "description", "city", "parent")}),
        (_("Location"), {"fields": ("latitude", "longitude", "slug")}),
    )


# --- trips -------------------------------------------------------------------------


class VisitForm(EditorForm):
    def clean(self):
        cleaned_data = super().clean()
        self.check_date_range(_("The trip cannot end on %(end)s, before it starts on %(start)s."))
        return cleaned_data


class LegForm(EditorForm):
    def clean(self):
        cleaned_data = super().clean()
        self.check_date_range(_("A leg cannot end on %(end)s, before it starts on %(start)s."))
        return cleaned_data


class LegFormSet(BaseInlineFormSet):
    """A trip's legs, checked as a whole: in order, each inside the trip (Leg.clean)."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if form.instance.pk is None and "order" in form.fields:
            # New legs go after the existing ones, so that two of them never share a place.
            taken = [leg.order for leg in self.get_queryset()]
            offset = (index - self.initial_form_count()) if index is not None else 0
            form.fields["order"].initial = max(taken, default=0) + 1 + offset

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        legs = sorted(
            (
                form.cleaned_data
                for form in self.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ),
            key=lambda leg: leg["order"],
        )
        for previous, leg in pairwise(legs):
            if leg["start_date"] < previous["start_date"]:
                raise ValidationError(
                    _(
                        "The legs are out of order: %(city)s (position %(order)s) starts on "
                        "%(start)s, before %(previous)s (position %(previous_order)s), which "
                        "starts on %(previous_start)s. Number the legs in the order of their "
                        "dates."
                    )
                    % {
                        "city": leg["city"],
                        "order": leg["order"],
                        "start": date_format(leg["start_date"]),
                        "previous": previous["city"],
                        "previous_order": previous["order"],
                        "previous_start": date_format(previous["start_date"]),
                    },
                    code="legs_out_of_order",
                )


class LegInline(admin.TabularInline):
    model = Leg
    form = LegForm
    formset = LegFormSet
    fields = ("order", "city", "start_date", "end_date")
    autocomplete_fields = ("city",)
    ordering = ("order", "start_date")

    def get_queryset(self, request):
        # A leg's row names it (Leg.__str__ reads its trip): one query, not one a leg.
        return super().get_queryset(request).select_related("city", "visit")

    def get_extra(self, request, obj=None, **kwargs):
        return 0 if obj is not None else 1


class EngagementForm(EditorForm):
    def clean_slug(self):
        """An empty slug is left for the save to make (`Engagement.save`), as None: an
        event without a slug is not one more event with the slug "" to the check of the
        trip's unique slugs."""
        return self.cleaned_data.get("slug") or None

    def clean(self):
        cleaned_data = super().clean()
        visit = cleaned_data.get("visit")
        day = cleaned_data.get("date")
        if visit is None or day is None or not (visit.start_date and visit.end_date):
            return cleaned_data
        if not visit.start_date <= day <= visit.end_date:
            # Removing the date from cleaned_data also spares the editor Engagement.clean()'s
            # second message about legs for the same mistake.
            self.add_error(
                "date",
                _("%(date)s is outside the trip's dates (%(start)s to %(end)s).")
                % {
                    "date": date_format(day),
                    "start": date_format(visit.start_date),
                    "end": date_format(visit.end_date),
                },
            )
        return cleaned_data


@admin.register(Visit)
class VisitAdmin(PublishingAdmin):
    form = VisitForm
    list_display = ("__str__", "official", "start_date", "end_date", "status", "public")
    list_display += ("translations",)
    list_filter = ("status", TripsAheadFilter, ("official", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("official",)
    date_hierarchy = "start_date"
    search_fields = (*localized("title"), "slug", *localized("official__name"))
    autocomplete_fields = ("official",)
    translation_fields = ("title", "summary")
    list_defer = ("summary", "purpose", *localized("summary", "purpose"))
    fieldsets = (
        (None, {"fields": ("title", "summary", "purpose")}),
        (None, {"fields": ("official", ("start_date", "end_date"))}),
        (_("Publication"), {"fields": ("status", "published_at", "owner", "slug")}),
    )

    # The events are a table with a link to each one's own form (visits.trip_events): an
    # engagement needs the legs of its trip in the database (Engagement.clean), so events
    # are added once the trip and its legs have been saved.
    inlines = [LegInline]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["trip_photo_links"] = self.photo_links(request, obj)
            context.update(events_context(request, obj, self.admin_site._registry[Engagement]))
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def photo_links(request, trip) -> list[dict]:
        """Links to the trip's photos and to their batch upload, for the object tools.

        Photos belong to `press`, which builds on this app: they are reached through the
        reverse relation and URL names only, never by importing `press`.
        """
        links = []
        user = request.user
        if user.has_perm("press.view_photo") or user.has_perm("press.change_photo"):
            count = trip.photos.count()
            links.append(
                {
                    "url": f"{reverse('admin:press_photo_changelist')}?"
                    f"{urlencode({'visit__id__exact': trip.pk})}",
                    "label": ngettext("%(count)d photo", "%(count)d photos", count)
                    % {"count": count},
                }
            )
        if user.has_perm("press.add_photo"):
            links.append(
                {
                    "url": f"{reverse('admin:press_photo_upload')}?{urlencode({'visit': trip.pk})}",
                    "label": gettext("Upload photos"),
                    "add": True,
                }
            )
        return links

    def save_formset(self, request, form, formset, change):
        if formset.model is Leg:
            self._park_moving_legs(formset)
        super().save_formset(request, form, formset, change)

    @staticmethod
    def _park_moving_legs(formset):
        """Let legs swap positions: "one position per leg" holds after every single row
        written, so legs that move or go away first step aside to unused positions."""
        moving = [
            form.instance.pk
            for form in formset.initial_forms
            if form.instance.pk and (form in formset.deleted_forms or "order" in form.changed_data)
        ]
        for offset, pk in enumerate(moving):
            Leg.objects.filter(pk=pk).update(order=_PARKED_ORDER - offset)


class TripEngagementsMixin:
    """An engagement autocomplete that offers only one trip's engagements, once
    ``trip_id`` is set (EngagementAdmin.get_search_results reads it)."""

    trip_id = None

    def get_url(self):
        url = super().get_url()
        return f"{url}?{urlencode({'trip': self.trip_id})}" if self.trip_id else url


class TripEngagementSelect(TripEngagementsMixin, AutocompleteSelect):
    pass


class TripEngagementSelectMultiple(TripEngagementsMixin, AutocompleteSelectMultiple):
    pass


def limit_engagements_to_trip(form_class, field_name, trip_id):
    """Point the engagement autocomplete of ``form_class`` at one trip's engagements."""
    field = form_class.base_fields.get(field_name)
    if field is None or not trip_id:
        return
    widget = getattr(field.widget, "widget", field.widget)  # inside the "+" link wrapper
    if isinstance(widget, TripEngagementsMixin):
        widget.trip_id = trip_id


class TripEngagementsAdmin:
    """Engagement autocompletes that offer the engagements of the item's saved trip.

    The autocomplete cannot see a trip changed but not yet saved in the same form, so the
    form checks the engagements against the trip as well (press.admin.common.EngagementsOfTripForm).
    """

    trip_engagement_fields: tuple[str, ...] = ("engagements",)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.trip_engagement_fields:
            kwargs["widget"] = TripEngagementSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.trip_engagement_fields:
            kwargs["widget"] = TripEngagementSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        for name in self.trip_engagement_fields:
            limit_engagements_to_trip(form, name, getattr(obj, "visit_id", None))
        return form


@admin.register(Engagement)
class EngagementAdmin(BackToTripMixin, BaseAdmin):
    form = EngagementForm
    list_display = ("__str__", "kind", "visit", "leg", "place", "public", "translations")
    list_filter = ("kind", ("visit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("visit", "leg__city", "leg__visit", "place")
    date_hierarchy = "date"
    search_fields = (
        *localized("title"),
        *localized("visit__title"),
        *localized("place__name"),
        "slug",
    )
    autocomplete_fields = ("visit", "place", "people", "organizations")
    translation_fields = ("title",)
    list_defer = ("description", *localized("description"))
    fieldsets = (
        (None, {"fields": ("visit", "leg", ("date", "start_time", "kind"))}),
        (None, {"fields": ("title", "description", "slug")}),
        (None, {"fields": ("place", "people", "organizations")}),
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None and "leg" in form.base_fields:
            form.base_fields["leg"].queryset = obj.visit.legs.select_related("city", "visit")
        return form

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        trip = request.GET.get("trip", "")
        # An autocomplete of one trip; only ASCII digits are an id ("²" is a digit to Python).
        if "field_name" in request.GET and trip.isascii() and trip.isdigit() and len(trip) < 19:
            queryset = queryset.filter(visit_id=trip)
        return queryset, may_have_duplicates
