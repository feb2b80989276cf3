"""What the coverage admin shows of link checks and archived copies, ready to wire in.

For `press.admin.coverage.CoverageAdmin` (which builds on these; this module does not
import it):

* ``list_filter``: `LinkStatusFilter` (never checked, ok, moved, gone, suspect, error);
* ``list_display``: `link_status` (the status, with its reason and date as a title);
* ``list_select_related`` or the changelist's queryset: ``link_state`` (one-to-one);
* ``inlines``: `ArchivedCopyInline` (the copies, each with its download link);
* ``get_urls()``: ``download_urls(self.admin_site.admin_view)`` before the others;
* ``actions``: `check_links` (queue a check of the selected items now).

Who may see link states and download copies: whoever may view coverage in the admin
(``press.view_coverage``); the copies are never public (`press.media` refuses them).
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from press.models import NEVER_CHECKED, ArchivedCopy, LinkStatus

from .check import status_q

DOWNLOAD_URL_NAME = "press_archivedcopy_download"


class LinkStatusFilter(admin.SimpleListFilter):
    title = _("link")
    parameter_name = "link"

    def lookups(self, request, model_admin):
        return [(NEVER_CHECKED, _("never checked")), *LinkStatus.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == NEVER_CHECKED or value in LinkStatus.values:
            return queryset.filter(status_q(value))
        return queryset


def current_state(coverage):
    """The item's `LinkState` if it is about its present address, else None."""
    try:
        state = coverage.link_state
    except ObjectDoesNotExist:
        return None
    return state if state.url == coverage.url else None


@admin.display(description=_("link"))
def link_status(coverage) -> str:
    """The link's status for the coverage list, its reason and time as a tooltip."""
    if not coverage.url:
        return ""
    state = current_state(coverage)
    if state is None:
        return format_html('<span class="link-never">{}</span>', _("never checked"))
    checked = date_format(timezone.localtime(state.checked_at), "SHORT_DATETIME_FORMAT")
    why = state.reason_text
    title = f"{why} ({checked})" if why else checked
    return format_html(
        '<span class="link-{}" title="{}">{}</span>',
        state.status,
        title,
        state.get_status_display(),
    )


def download_url(copy: ArchivedCopy) -> str:
    return reverse(f"admin:{DOWNLOAD_URL_NAME}", args=[copy.pk])


class ArchivedCopyInline(admin.TabularInline):
    """The item's archived copies, read-only, newest first, each with its download."""

    model = ArchivedCopy
    extra = 0
    can_delete = False
    fields = ["kind", "captured_at", "url", "http_status", "size", "sha256", "download"]
    readonly_fields = fields
    verbose_name = _("archived copy")
    verbose_name_plural = _("archived copies (staff only: the outlet's copyright)")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("press.view_coverage")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("download"))
    def download(self, copy):
        if not copy.pk:
            return ""
        return format_html('<a href="{}">{}</a>', download_url(copy), copy.download_name)


def download(request, pk):
    """An archived copy's file, as an attachment, to staff who may view coverage."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    if not request.user.has_perm("press.view_coverage"):
        raise PermissionDenied
    copy = get_object_or_404(ArchivedCopy, pk=pk)
    try:
        file = default_storage.open(copy.file.name, "rb")
    except (OSError, ValueError):
        raise Http404(_("The archived file is missing from the media storage.")) from None
    response = FileResponse(
        file, as_attachment=True, filename=copy.download_name, content_type=copy.media_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_urls(admin_view) -> list:
    """The download's route, for ``CoverageAdmin.get_urls()`` (named
    ``admin:press_archivedcopy_download``)."""
    return [path("archived-copy/<int:pk>/download/", admin_view(download), name=DOWNLOAD_URL_NAME)]


@admin.action(description=_("Check the links of the selected items now"))
def check_links(modeladmin, request, queryset):
    """Queue a check of each selected item's link (the workers run them)."""
    from press.tasks import check_coverage_link

    pks = list(queryset.exclude(url="").values_list("pk", flat=True))
    for pk in pks:
        check_coverage_link.enqueue(pk)
    modeladmin.message_user(
        request,
        ngettext(
            "A check of %(count)d link was queued.",
            "Checks of %(count)d links were queued.",
            len(pks),
        )
        % {"count": len(pks)},
        messages.SUCCESS,
    )
