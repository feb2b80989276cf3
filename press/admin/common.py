"""What the press admin's modules share: the language filter of outlets and coverage,
the form that keeps an item's engagements on its trip, and the read-only admin of a log.
"""

from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from visits.adminkit.forms import EditorForm

LANGUAGE_NAMES = dict(ALL_LANGUAGES)


class RecordAdmin(admin.ModelAdmin):
    """A record nobody edits (alerts sent, links opened, clippings as they came): it may be
    read, never added, changed or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LanguageInUseFilter(admin.SimpleListFilter):
    """The languages that rows actually use, by name (not all of Django's hundred)."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        codes = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list("language", flat=True)
            .distinct()
        )
        return sorted(
            ((code, _(LANGUAGE_NAMES.get(code, code))) for code in codes),
            key=lambda item: str(item[1]),
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


class EngagementsOfTripForm(EditorForm):
    """The engagements an item covers belong to the item's trip."""

    def clean(self):
        cleaned_data = super().clean()
        visit, engagements = cleaned_data.get("visit"), cleaned_data.get("engagements")
        if not engagements:
            return cleaned_data
        strays = [
            e
            for e in engagements.select_related("visit")
            if e.visit_id != getattr(visit, "pk", None)
        ]
        if strays and visit is None:
            self.add_error("visit", _("Choose the trip of the engagements this item covers."))
        elif strays:
            self.add_error(
                "engagements",
                _("Not part of %(trip)s: %(engagements)s. Pick engagements of this trip.")
                % {"trip": visit, "engagements": "; ".join(str(e) for e in strays)},
            )
        return cleaned_data
