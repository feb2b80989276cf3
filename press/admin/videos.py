"""Video links: their own admin (a fast changelist, an autocomplete for releases), the
videos of a release inline in its form (picked from the videos, or added in a popup) and
the videos of a trip inline in the trip's form, added to the trip's admin from here
(``visits`` never imports ``press``)."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from visits.admin import TripEngagementsAdmin
from visits.adminkit.base import (
    FULL,
    TRANSLATIONS,
    BaseAdmin,
    TranslationInlineMixin,
    image_tag,
)
from visits.models import Visit
from visits.text import localized

from ..models import PressRelease, Video
from .common import EngagementsOfTripForm

PUBLISH = "press.publish_pressrelease"
TRANSLATE = "press.translate_pressrelease"


@admin.display(description=_("poster"))
def poster_thumbnail(video):
    if not video or not video.poster:
        return ""
    return image_tag(video.poster.url, video.poster_width, video.poster_height)


@admin.register(Video)
class VideoAdmin(TripEngagementsAdmin, BaseAdmin):
    form = EngagementsOfTripForm
    list_display = ("poster_preview", "__str__", "site", "visit", "duration", "public")
    list_display += ("translations",)
    list_display_links = ("poster_preview", "__str__")
    list_filter = ("provider", ("visit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("visit",)
    search_fields = (*localized("title"), "=video_id", "url")
    search_help_text = _("Words of the title in any language, or the video's address.")
    autocomplete_fields = ("visit", "engagements", "releases")
    translation_fields = ("title",)
    list_defer = ("caption", *localized("caption"))
    date_hierarchy = "added_at"
    fieldsets = (
        (None, {"fields": ("url", "title", "caption", "duration")}),
        (_("Poster"), {"fields": ("poster", "poster_alt")}),
        (
            _("Where it is shown"),
            {"fields": ("visit", "trip_wide", "engagements", "releases", "order")},
        ),
    )

    def edit_scope(self, request, obj=None):
        """A public video is a publisher's to change, as a public release is: an editor
        sees it read-only (a translator still translates it)."""
        scope = super().edit_scope(request, obj)
        if scope != FULL or obj is None or request.user.has_perm(PUBLISH):
            return scope
        if not Video.objects.published().filter(pk=obj.pk).exists():
            return scope
        return TRANSLATIONS if request.user.has_perm(TRANSLATE) else None

    @admin.display(description=_("poster"))
    def poster_preview(self, obj):
        return poster_thumbnail(obj)

    @admin.display(description=_("site"), ordering="provider")
    def site(self, obj):
        return format_html('<a href="{}" rel="noopener">{}</a>', obj.watch_url, obj.provider_name)


class ReleaseVideoInline(admin.TabularInline):
    """The videos of a release, on the table behind Video.releases."""

    model = Video.releases.through
    fk_name = "pressrelease"
    fields = ("video",)
    autocomplete_fields = ("video",)
    extra = 0
    verbose_name = _("video")
    verbose_name_plural = _("videos of this release")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("video")


class TripVideoInline(TranslationInlineMixin, TranslationStackedInline):
    """A trip's videos in its form: the link, its title and caption, the poster."""

    model = Video
    fk_name = "visit"
    fields = ("url", "title", "caption", "duration", "poster", "poster_alt", "trip_wide", "order")
    extra = 0
    verbose_name_plural = _("videos of this trip")
    classes = ("collapse",)

    def get_formset(self, request, obj=None, **kwargs):
        """A video added on the trip's form is the trip's own unless the editor says not."""
        formset = super().get_formset(request, obj, **kwargs)
        if "trip_wide" in formset.form.base_fields:
            formset.form.base_fields["trip_wide"].initial = True
        return formset


def add_inline(model, inline, site=admin.site) -> None:
    """Put ``inline`` in the form of ``model``'s admin (once, however often this runs)."""
    model_admin = site._registry.get(model)
    if model_admin is not None and inline not in model_admin.inlines:
        model_admin.inlines = (*model_admin.inlines, inline)


add_inline(PressRelease, ReleaseVideoInline)
add_inline(Visit, TripVideoInline)
