"""The email alerts in the admin: subscribers, suppressed addresses (added by hand too) and
the log of alerts sent (read only).

Publishers and superusers see them (the Publisher group's permissions:
press/migrations/0018_alert_roles.py); editors and translators do not, since the list is
of readers' addresses. Each changelist loads what it shows in a fixed number of queries.
"""

from django import forms
from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import AlertDelivery, Subscriber, SuppressedAddress, normalise_address
from .common import RecordAdmin


class AddressForm(forms.ModelForm):
    """Takes an address as typed: it is kept in lower case (the table's rule), so checked
    in lower case too, against the same address typed otherwise."""

    def clean_email(self):
        return normalise_address(self.cleaned_data["email"])


class StateFilter(admin.SimpleListFilter):
    """Subscribers waiting for confirmation, receiving, or stopped."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("waiting for confirmation")),
            ("receiving", _("confirmed")),
            ("stopped", _("stopped")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "waiting":
            return queryset.filter(confirmed_at__isnull=True, stopped_at__isnull=True)
        if value == "receiving":
            return queryset.filter(confirmed_at__isnull=False, stopped_at__isnull=True)
        if value == "stopped":
            return queryset.filter(stopped_at__isnull=False)
        return queryset


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = AddressForm
    list_display = ("email", "language", "follows", "confirmed", "stopped", "suppressed")
    list_display += ("created_at",)
    list_filter = (StateFilter, "language", "everything", "confirmed_at", "stopped_at")
    search_fields = ("email",)
    autocomplete_fields = ("trips", "topics")
    date_hierarchy = "created_at"
    readonly_fields = ("key", "created_at")
    fields = (
        "email",
        "language",
        "everything",
        "trips",
        "topics",
        "confirmed_at",
        "stopped_at",
        "key",
        "created_at",
    )
    list_per_page = 100
    show_full_result_count = False

    def get_queryset(self, request):
        suppressed = SuppressedAddress.objects.filter(email=OuterRef("email"))
        return (
            super()
            .get_queryset(request)
            .annotate(is_suppressed=Exists(suppressed))
            .prefetch_related("trips", "topics")
        )

    @admin.display(description=_("follows"))
    def follows(self, obj):
        if obj.everything:
            return gettext("every release")
        names = [trip.title or trip.slug for trip in obj.trips.all()]
        names += [str(topic) for topic in obj.topics.all()]
        return "; ".join(names) or "\N{EN DASH}"

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, obj):
        return obj.confirmed_at is not None

    @admin.display(description=_("stopped"), boolean=True, ordering="stopped_at")
    def stopped(self, obj):
        return obj.stopped_at is not None

    @admin.display(description=_("suppressed"), boolean=True)
    def suppressed(self, obj):
        return obj.is_suppressed


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    form = AddressForm
    list_display = ("email", "reason", "created_at")
    list_filter = ("reason",)
    search_fields = ("email",)
    date_hierarchy = "created_at"
    fields = ("email", "reason", "detail", "created_at")
    readonly_fields = ("created_at",)
    show_full_result_count = False

    def get_changeform_initial_data(self, request):
        return {"reason": "by_hand", **super().get_changeform_initial_data(request)}


@admin.register(AlertDelivery)
class AlertDeliveryAdmin(RecordAdmin):
    """The log of alerts: what went to whom, when; nobody edits it."""

    list_display = ("release", "subscriber", "language", "status", "created_at", "sent_at")
    list_filter = ("status", "language")
    search_fields = ("subscriber__email", "message_id")
    list_select_related = ("release", "subscriber")
    date_hierarchy = "created_at"
    show_full_result_count = False
