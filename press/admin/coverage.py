"""Coverage: what outlets published about a trip, linked to its engagements and releases;
imported from clippings (`clippings`), with what each item still needs, the state of its
link and its archived copies (`press.linkcheck.admin`)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from visits.admin import TripEngagementsAdmin
from visits.adminkit.base import localized
from visits.adminkit.publishing import PublishingAdmin
from visits.publishing import Status
from visits.search.admin import IndexedSearchMixin

from ..linkcheck.admin import (
    ArchivedCopyInline,
    LinkStatusFilter,
    check_links,
    download_urls,
    link_status,
)
from ..models import NEEDS, Clipping, Coverage
from .clipping_archive import archived_clippings, has_clippings
from .clippings import ClippingImportMixin
from .common import EngagementsOfTripForm, LanguageInUseFilter
from .reports import report_urls

IMPORTED = "imported"


class NeedsAttentionFilter(admin.SimpleListFilter):
    """Coverage an editor must still complete (`press.models.NEEDS`), and imported
    drafts nobody has approved yet."""

    title = _("needs attention")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [
            *((key, label) for key, (label, _condition) in NEEDS.items()),
            (IMPORTED, _("imported and waiting for review")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value in NEEDS:
            return queryset.filter(NEEDS[value][1])
        if value == IMPORTED:
            clipped = Clipping.objects.filter(coverage=OuterRef("pk"))
            return queryset.filter(Exists(clipped), status__in=(Status.DRAFT, Status.IN_REVIEW))
        return queryset


@admin.register(Coverage)
class CoverageAdmin(ClippingImportMixin, IndexedSearchMixin, TripEngagementsAdmin, PublishingAdmin):
    form = EngagementsOfTripForm
    # "Import clippings" beside "Add" (and reversion's "Recover deleted").
    change_list_template = "admin/press/coverage/change_list.html"
    list_display = ("headline", "outlet", "language", "published_on", "visit", "status")
    list_display += ("public", "needs", link_status)
    list_filter = (
        NeedsAttentionFilter,
        LinkStatusFilter,
        ("outlet", admin.RelatedOnlyFieldListFilter),
        LanguageInUseFilter,
        "published_on",
        ("visit", admin.RelatedOnlyFieldListFilter),
        "status",
    )
    list_select_related = ("outlet", "visit", "link_state")
    date_hierarchy = "published_on"
    inlines = [ArchivedCopyInline]
    actions = [*PublishingAdmin.actions, check_links]
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

    def get_urls(self):
        # Each archived copy's download, staff only (the copies are the outlet's copyright);
        # the trips' coverage reports (`reports`).
        return [
            *download_urls(self.admin_site.admin_view),
            *report_urls(self),
            *super().get_urls(),
        ]

    @admin.display(description=_("needs"))
    def needs(self, obj):
        """What the item still needs, briefly ("needs a date, no byline"), or nothing."""
        return ", ".join(str(label) for label in obj.needs())

    @admin.display(description=_("clippings"))
    def clipping_archive(self, obj):
        return archived_clippings(obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if has_clippings(obj):
            fieldsets.append((_("Imported from"), {"fields": ("clipping_archive",)}))
        return fieldsets
