"""The clippings a record was imported from, staff only: shown on a coverage item's page,
kept in a read-only archive (the admin of `Clipping`), and each original downloadable as
an attachment that never runs as a page of ours.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Clipping
from .clipping_upload import TEXT_TYPES
from .common import RecordAdmin


def archived_clippings(obj) -> str:
    """The clippings a record came from (staff only): the original to download, the
    cleaned text folded away."""
    clippings = getattr(obj, "archived_clippings_", None)
    if clippings is None:
        clippings = list(obj.clippings.select_related("imported_by"))
    return render_to_string(
        "admin/press/coverage/clippings.html",
        {
            "clippings": [
                (clipping, reverse("admin:press_clipping_original", args=[clipping.pk]))
                for clipping in clippings
            ]
        },
    )


def has_clippings(obj) -> bool:
    """Whether a record came from clippings (read once per page, kept on the row)."""
    if obj is None or obj.pk is None:
        return False
    if not hasattr(obj, "archived_clippings_"):
        obj.archived_clippings_ = list(obj.clippings.select_related("imported_by"))
    return bool(obj.archived_clippings_)


# --- the archive -----------------------------------------------------------------------


@admin.register(Clipping)
class ClippingAdmin(RecordAdmin):
    """The clippings archive, read only: an original is kept exactly as it came in, so
    nobody edits it, and it goes only with its record (deleting the record deletes it).
    Registered because a release's clipping has no other page; anyone who may see
    coverage or releases may read the clippings they came from."""

    list_display = ("__str__", "record", "media_type", "imported_at", "imported_by")
    list_filter = ("media_type",)
    list_select_related = ("coverage", "release", "imported_by")
    search_fields = ("original_name", "=fingerprint")
    date_hierarchy = "imported_at"
    fields = ("record", "original_name", "media_type", "download", "imported_at")
    fields += ("imported_by", "fingerprint", "text")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("original", "text")

    def has_view_permission(self, request, obj=None):
        return may_read_clipping(request.user, obj)

    def has_module_permission(self, request):
        return may_read_clipping(request.user, None)

    @admin.display(description=_("record"))
    def record(self, obj):
        target = obj.coverage or obj.release
        if target is None:
            return ""
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), target)

    @admin.display(description=_("original"))
    def download(self, obj):
        url = reverse("admin:press_clipping_original", args=[obj.pk])
        return format_html(
            '<a href="{}" download>{}</a>', url, gettext("Download the original clipping")
        )

    def get_urls(self):
        view = self.admin_site.admin_view(self.original_view)
        original = path("<int:pk>/original/", view, name="press_clipping_original")
        return [original, *super().get_urls()]

    def original_view(self, request, pk):
        """The original as a download, never a page of ours: an article's HTML is
        someone else's markup, so it comes as an attachment, unsniffed, under a policy
        that lets it run and load nothing."""
        clipping = get_object_or_404(Clipping.objects.select_related("coverage", "release"), pk=pk)
        if not may_read_clipping(request.user, clipping):
            raise PermissionDenied
        media_type = clipping.media_type if clipping.media_type in TEXT_TYPES else "text/plain"
        response = HttpResponse(clipping.original, content_type=f"{media_type}; charset=utf-8")
        extension = ".html" if media_type == Clipping.MediaType.HTML else ".txt"
        name = clipping.original_name or f"clipping-{clipping.pk}{extension}"
        response.headers["Content-Disposition"] = content_disposition(name)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response.headers["Cache-Control"] = "private, no-store"
        return response


def content_disposition(name: str) -> str:
    return content_disposition_header(True, name.replace("/", "_").replace("\\", "_"))


def may_read_clipping(user, clipping) -> bool:
    """Staff who may see the record (coverage or release) a clipping belongs to."""
    if not (user.is_active and user.is_staff):
        return False
    models = ["coverage", "pressrelease"]
    if clipping is not None:
        models = ["pressrelease" if clipping.release_id else "coverage"]
    return any(
        user.has_perm(f"press.view_{model}") or user.has_perm(f"press.change_{model}")
        for model in models
    )
