"""Press releases: the release form and admin, its gallery (one lead photo, alt text in
every language the release goes out in, asked of `press.services`) and its coverage, the
publish action (through `press.services.publish_release`), and preview links.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from visits.admin import TripEngagementsAdmin
from visits.adminkit.base import LANGUAGE_NAMES as SITE_LANGUAGE_NAMES
from visits.adminkit.columns import datetime_column, trip_column
from visits.adminkit.languages import editable_languages
from visits.adminkit.publishing import PublishingAdmin
from visits.publishing import APPROVED
from visits.search.admin import IndexedSearchMixin
from visits.text import LANGUAGE_CODES, localized

from .. import previews, services
from ..models import Coverage, Photo, PressRelease, ReleasePhoto, language_time_field, ready_field
from .common import EngagementsOfTripForm
from .dashboard import GoingOutFilter
from .distribution import EmbargoSendMixin
from .documents import ReleaseDocumentInline
from .notes import ChangeNoteInline
from .photos import photo_thumbnail
from .withdrawal import ReleaseWithdrawalMixin, WithdrawalFormMixin

#: The release form's checkbox that publishes despite photos without alt text.
CONFIRM_ALT_TEXT = "publish_without_alt_text"


def language_list(codes) -> str:
    return ", ".join(str(SITE_LANGUAGE_NAMES[code]) for code in codes)


class ReleaseForm(WithdrawalFormMixin, EngagementsOfTripForm):
    # Rendered only beside the warning about missing alt text (GalleryFormSet), so an
    # editor confirms exactly when it matters; the change history records the tick.
    publish_without_alt_text = forms.BooleanField(
        label=_("Publish even though some photos lack alt text"), required=False
    )


def gallery_photo(form) -> Photo:
    """The photo of a gallery row. A view-only gallery (a translator's) is not cleaned:
    the admin gives each row its initial data as cleaned data, with the photo's id."""
    photo = form.cleaned_data["photo"]
    return photo if isinstance(photo, Photo) else form.instance.photo


class GalleryFormSet(BaseInlineFormSet):
    """A release's gallery, checked as a whole: one lead photo, and alt text in every
    language the release is published in (unless the editor confirms without it)."""

    alt_text_gaps: list[tuple[Photo, list[str]]] = []

    def clean(self):
        super().clean()
        photos = [
            gallery_photo(form)
            for form in self.forms
            if form.cleaned_data.get("photo") and not form.cleaned_data.get("DELETE")
        ]
        release = self.instance  # already carries what the release form was given
        if release.status in APPROVED:
            self.alt_text_gaps = services.alt_text_to_confirm(release=release, photos=photos)
        leads = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_lead") and not form.cleaned_data.get("DELETE")
        ]
        if len(leads) > 1:
            raise ValidationError(
                ngettext(
                    "Only one photo can be the lead photo, and %(count)d is marked. "
                    "Untick “lead photo” on all but one.",
                    "Only one photo can be the lead photo, and %(count)d are marked. "
                    "Untick “lead photo” on all but one.",
                    len(leads),
                )
                % {"count": len(leads)},
                code="two_leads",
            )
        confirmed = forms.CheckboxInput().value_from_datadict(
            self.data, self.files, CONFIRM_ALT_TEXT
        )
        if self.alt_text_gaps and not confirmed:
            raise ValidationError(
                _(
                    "Some photos of this gallery have no alt text in a language of the "
                    "release: see the warning at the top of the form."
                ),
                code="alt_text_missing",
            )


class GalleryInline(admin.TabularInline):
    model = ReleasePhoto
    formset = GalleryFormSet
    fields = ("preview", "photo", "order", "is_lead")
    readonly_fields = ("preview",)
    autocomplete_fields = ("photo",)
    ordering = ("-is_lead", "order", "pk")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo")

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_thumbnail(obj.photo if obj.photo_id else None)


class ReleaseCoverageInline(admin.TabularInline):
    """The coverage of a release, on the table behind Coverage.releases."""

    model = Coverage.releases.through
    fk_name = "pressrelease"
    fields = ("coverage", "details")
    readonly_fields = ("details",)
    autocomplete_fields = ("coverage",)
    extra = 0
    verbose_name = _("coverage item")
    verbose_name_plural = _("coverage of this release")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("coverage__outlet")

    @admin.display(description=_("outlet and date"))
    def details(self, obj):
        if not obj.coverage_id:
            return ""
        coverage = obj.coverage
        return format_html(
            '{}, {} · <a href="{}">{}</a>',
            coverage.outlet,
            date_format(coverage.published_on),
            reverse("admin:press_coverage_change", args=[coverage.pk]),
            _("edit"),
        )


@admin.register(PressRelease)
class PressReleaseAdmin(
    EmbargoSendMixin,
    ReleaseWithdrawalMixin,
    IndexedSearchMixin,
    TripEngagementsAdmin,
    PublishingAdmin,
):
    form = ReleaseForm
    # Fits 1440 pixels beside the filters: the number under the title, the trip in a few
    # words, the time on two short lines (css/changelists.css sizes the columns).
    list_display = ("lead_thumbnail", "title_and_number", "trip", "status", "published")
    list_display += ("public", "translations")
    list_display_links = ("lead_thumbnail", "title_and_number")
    list_filter = (
        "status",
        GoingOutFilter,
        ("visit", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        "original_language",
    )
    list_select_related = ("visit",)
    date_hierarchy = "published_at"
    search_kind = "release"  # words through the search index; these exactly:
    search_fields = ("=number", "=slug")
    search_help_text = _(
        "Words from the title or text in any language (drafts too), or a release number."
    )
    autocomplete_fields = ("visit", "engagements", "topics", "contact")
    translation_fields = ("title", "body")
    list_defer = ("body", "lead", *localized("body", "lead"))
    inlines = (GalleryInline, ReleaseDocumentInline, ReleaseCoverageInline, ChangeNoteInline)
    fieldsets = (
        (None, {"fields": ("title", "subtitle", "lead", "body")}),
        (_("Trip and topics"), {"fields": ("visit", "engagements", "topics")}),
        (
            _("Publication"),
            {
                "fields": (
                    "status",
                    "published_at",
                    "owner",
                    "number",
                    "original_language",
                    "contact",
                )
            },
        ),
        (
            _("Languages"),
            {
                "fields": [
                    (ready_field(code), language_time_field(code)) for code in LANGUAGE_CODES
                ],
                "description": _(
                    "A language goes out only once it is marked ready, at the release's "
                    "time or at its own later time. Until then its readers see a ready "
                    "language with a “translation pending” note, and its feeds leave the "
                    "release out."
                ),
            },
        ),
        (
            _("Withdrawal"),
            {
                "fields": ("withdrawal_reason",),
                "description": _(
                    "To withdraw a published release, set its status to withdrawn and "
                    "give the reason readers will see above it."
                ),
                "classes": ("collapse",),
            },
        ),
        (_("Web address"), {"fields": ("slug",), "classes": ("collapse",)}),
        (_("Share a preview"), {"fields": ("share_preview",)}),
    )
    readonly_fields = ("share_preview",)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.admin_request = request  # read-only field methods get the object only
        return obj

    @admin.display(description=_("Share a preview"))
    def share_preview(self, obj):
        return previews.admin_preview_links(obj, getattr(obj, "admin_request", None))

    def get_urls(self):
        revoke = path(
            "<int:pk>/revoke-previews/",
            self.admin_site.admin_view(previews.revoke_view),
            name="press_pressrelease_revoke_previews",
        )
        # Before the admin's "<path:object_id>/" catch-all.
        return [revoke, *super().get_urls()]

    def readiness_fields(self, codes=LANGUAGE_CODES) -> set[str]:
        return {name for code in codes for name in (ready_field(code), language_time_field(code))}

    def translation_only_fields(self, request, obj=None):
        """Translators mark their languages ready (and may give one its own time)."""
        if request.user.has_perm("press.translate_pressrelease"):
            return self.readiness_fields(editable_languages(request.user, obj))
        return set()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("press.translate_pressrelease"):
            fields += sorted(self.readiness_fields() - set(fields))
        return fields

    def language_ready(self, obj, code):
        return bool(getattr(obj, ready_field(code)))

    def ready_input_name(self, code):
        return ready_field(code)

    def annotate_changelist(self, queryset):
        leads = ReleasePhoto.objects.filter(is_lead=True).select_related("photo")
        return (
            super()
            .annotate_changelist(queryset)
            .prefetch_related(Prefetch("gallery", queryset=leads, to_attr="lead_photos"))
        )

    @admin.display(description=_("lead photo"))
    def lead_thumbnail(self, obj):
        lead = next(iter(getattr(obj, "lead_photos", ())), None)
        return photo_thumbnail(lead.photo, size=48) if lead is not None else ""

    @admin.display(description=_("press release"), ordering="number")
    def title_and_number(self, obj):
        return format_html(
            '{}<span class="row-detail">{}</span>', obj, obj.number or gettext("no number")
        )

    trip = trip_column()
    published = datetime_column("published_at", _("publication time"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        gaps = next(
            (
                inline.formset.alt_text_gaps
                for inline in context.get("inline_admin_formsets", ())
                if isinstance(inline.formset, GalleryFormSet)
            ),
            [],
        )
        if gaps:
            # The warning and its checkbox, at the top of the form (change_form.html).
            context["alt_text_gaps"] = [
                {
                    "photo": photo,
                    "url": reverse("admin:press_photo_change", args=[photo.pk]),
                    "languages": language_list(codes),
                }
                for photo, codes in gaps
            ]
            context["alt_text_confirmation"] = context["adminform"].form[CONFIRM_ALT_TEXT]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def publish_item(self, request, obj, now):
        """A release goes out only with a ready language, and with alt text for its
        photos: the action leaves the others, which need the editor's confirmation in
        the release form."""
        try:
            services.publish_release(release=obj, user=request.user, now=now)
        except ValidationError as error:
            if getattr(error, "code", None) != "alt_text_missing":
                raise
            hint = gettext("To confirm, publish it from its own page.")
            raise ValidationError(f"{error.message} {hint}", code=error.code) from None

    def save_formset(self, request, form, formset, change):
        if formset.model is ReleasePhoto:
            # One lead per release holds after every row written: the old lead steps
            # down first when another photo takes its place.
            stepping_down = [
                f.instance.pk
                for f in formset.initial_forms
                if f.initial.get("is_lead") and "is_lead" in f.changed_data
            ]
            ReleasePhoto.objects.filter(pk__in=stepping_down).update(is_lead=False)
        super().save_formset(request, form, formset, change)
