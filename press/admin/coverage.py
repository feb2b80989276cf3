"""Coverage: what outlets published about a trip, linked to its engagements and releases;
imported from clippings (`clippings`), with what each item still needs."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from visits.admin import TripEngagementsAdmin
from visits.adminkit.base import localized
from visits.adminkit.publishing import PublishingAdmin
from visits.search.admin import IndexedSearchMixin

from ..models import Coverage
from .clippings import (
    ClippingImportMixin,
    NeedsAttentionFilter,
    archived_clippings,
    has_clippings,
    needs_column,
)
from .common import EngagementsOfTripForm, LanguageInUseFilter


@admin.register(Coverage)
class CoverageAdmin(ClippingImportMixin, IndexedSearchMixin, TripEngagementsAdmin, PublishingAdmin):
    form = EngagementsOfTripForm
    # "Import clippings" beside "Add" (and reversion's "Recover deleted").
    change_list_template = "admin/press/coverage/change_list.html"
    list_display = ("headline", "outlet", "language", "published_on", "visit", "status")
    list_display += ("public", "needs")
    list_filter = (
        NeedsAttentionFilter,
        ("outlet", admin.RelatedOnlyFieldListFilter),
        LanguageInUseFilter,
        "published_on",
        ("visit", admin.RelatedOnlyFieldListFilter),
        "status",
    )
    list_select_related = ("outlet", "visit")
    date_hierarchy = "published_on"
    search_kind = "coverage"  # words through the search index; the address exactly:
    search_fields = ("=url",)
    search_help_text = _(
        "Words from the headline, summary or byline in any language, or the address."
    )
    autocomplete_fields = ("outlet", "visit", "engagements", "releases")
    list_defer = ("summary", "translated_summary", *localized("translated_summary"))
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "outlet",
                    "headline",
                    "url",
                    ("language", "byline"),
                    ("published_on", "published_time"),
                    "summary",
                )
            },
        ),
        (
            _("For readers of other languages"),
            {"fields": ("translated_headline", "translated_summary")},
        ),
        (_("What it covers"), {"fields": ("visit", "engagements", "releases")}),
        (_("Publication"), {"fields": ("status", "published_at")}),
    )
    readonly_fields = ("clipping_archive",)

    @admin.display(description=_("needs"))
    def needs(self, obj):
        return needs_column(obj)

    @admin.display(description=_("clippings"))
    def clipping_archive(self, obj):
        return archived_clippings(obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if has_clippings(obj):
            fieldsets.append((_("Imported from"), {"fields": ("clipping_archive",)}))
        return fieldsets
