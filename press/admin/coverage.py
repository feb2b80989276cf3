"""Coverage: what outlets published about a trip, linked to its engagements and releases;
imported from clippings (`clippings`), with what each item still needs, the state of its
link and its archived copies (`press.linkcheck.admin`)."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from visits.admin import TripEngagementsAdmin
from visits.adminkit.publishing import PublishingAdmin
from visits.publishing import Status
from visits.search.admin import IndexedSearchMixin
from visits.text import localized

from ..linkcheck.admin import (
    ArchivedCopyInline,
    LinkStatusFilter,
    check_links,
    current_state,
    download_urls,
)
from ..models import NEEDS, NEVER_CHECKED, Clipping, Coverage
from .clipping_archive import archived_clippings, has_clippings
from .clippings import ClippingImportMixin
from .common import EngagementsOfTripForm, LanguageInUseFilter
from .reports import report_urls

IMPORTED = "imported"
#: What an item needs, as the list's narrow column says it (`NEEDS` in full as its title).
NEEDS_SHORT = {
    "outlet": pgettext_lazy("what coverage needs", "outlet"),
    "date": pgettext_lazy("what coverage needs", "date"),
    "url": pgettext_lazy("what coverage needs", "address"),
    "byline": pgettext_lazy("what coverage needs", "byline"),
}
#: The link's state as a mark in the list (its name in full as the title).
LINK_MARKS = {
    NEVER_CHECKED: "\N{WHITE CIRCLE}",
    "ok": "\N{CHECK MARK}",
    "moved": "\N{RIGHTWARDS ARROW WITH HOOK}",
    "gone": "\N{MULTIPLICATION X}",
    "suspect": "?",
    "error": "!",
}


def compact(mark: str, text: str, css_class: str = ""):
    """A narrow cell: ``mark`` for the eye, ``text`` in full as its title and for screen
    readers."""
    return format_html(
        '<span class="compact {}" title="{}"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        css_class,
        text,
        mark,
        text,
    )


@admin.display(description=_("link"))
def link_mark(coverage):
    """The link's status as a mark; its name, reason and date as the title."""
    if not coverage.url:
        return ""
    state = current_state(coverage)
    if state is None:
        return compact(LINK_MARKS[NEVER_CHECKED], _("never checked"), "link-never")
    checked = date_format(timezone.localtime(state.checked_at), "SHORT_DATETIME_FORMAT")
    why = state.reason_text
    status = state.get_status_display()
    text = f"{status}: {why} ({checked})" if why else f"{status} ({checked})"
    return compact(LINK_MARKS.get(state.status, "?"), text, f"link-{state.status}")


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
    list_display += ("public", "needs", link_mark)
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
        (_("Publication"), {"fields": ("status", "published_at", "owner")}),
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
        """What the item still needs, in short ("date, byline"; in full as the title and
        for screen readers: "needs a date, no byline"), or nothing."""
        labels = obj.needs()
        if not labels:
            return ""
        keys = {str(label): key for key, (label, _condition) in NEEDS.items()}
        short = ", ".join(str(NEEDS_SHORT[keys[str(label)]]) for label in labels)
        return compact(short, ", ".join(str(label) for label in labels), "needs")

    @admin.display(description=_("clipping"))
    def clipping_archive(self, obj):
        return archived_clippings(obj)

    def get_fieldsets(self, request, obj=None):
        # Last, so that it comes just above the archived copies (the inline): what came
        # in through the desk, then what the link checker kept of the outlet's page.
        fieldsets = list(super().get_fieldsets(request, obj))
        if has_clippings(obj):
            fieldsets.append(
                (
                    _("The clipping it was imported from (staff only)"),
                    {
                        "fields": ("clipping_archive",),
                        "description": _(
                            "The article as it was pasted or uploaded into the coverage "
                            "desk, and its cleaned text. The archived copies below are "
                            "something else: the outlet's page as the link check saved it."
                        ),
                    },
                )
            )
        return fieldsets
