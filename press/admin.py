"""Editors' admin for releases, photos, coverage, outlets, topics and press contacts."""

from django import forms
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from visits.admin import TripEngagementsAdmin
from visits.admin_base import BaseAdmin, EditorForm, PublishingAdmin, localized, thumbnail
from visits.text import first_translation

from .images import clean_upload
from .models import Coverage, Outlet, Photo, PressContact, PressRelease, ReleasePhoto, Topic

LANGUAGE_NAMES = dict(ALL_LANGUAGES)


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


# --- reference lists ----------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(BaseAdmin):
    list_display = ("__str__", "slug", "public", "translations")
    search_fields = (*localized("name"), "slug")
    translation_fields = ("name",)
    list_defer = ("description", *localized("description"))
    fieldsets = ((None, {"fields": ("name", "description", "slug")}),)


@admin.register(Outlet)
class OutletAdmin(BaseAdmin):
    list_display = ("__str__", "kind", "country", "language", "website", "public")
    list_display += ("translations",)
    list_filter = ("kind", "country", LanguageInUseFilter)
    search_fields = (*localized("name"), "slug", "website")
    translation_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "kind", "country", "language", "website", "slug")}),)


class PressContactForm(EditorForm):
    def clean(self):
        cleaned_data = super().clean()
        if not any((cleaned_data.get(name) or "").strip() for name in localized("name")):
            self.add_error("name_en", _("Fill in this field in at least one language."))
        return cleaned_data


@admin.register(PressContact)
class PressContactAdmin(BaseAdmin):
    form = PressContactForm
    list_display = ("__str__", "email", "phone", "translations")
    search_fields = (*localized("name", "department"), "email", "phone")
    translation_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "department", "email", "phone")}),)


# --- photos -------------------------------------------------------------------------


class PhotoForm(EditorForm):
    """The photo form: a new image is checked and re-encoded (`press.images`) before
    anything is stored, and its EXIF date fills an empty "date taken"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "credit" in self.fields:
            # Photo.clean() says "Every photo needs a credit."; the form's own "This field
            # is required." would only repeat it.
            self.fields["credit"].required = False
        if "image" in self.fields:
            # Our checks give the precise reason (wrong format, too many pixels, …);
            # Django's image field would answer first with a generic message.
            image = self.fields["image"]
            self.fields["image"] = forms.FileField(
                label=image.label,
                help_text=image.help_text,
                required=image.required,
                widget=image.widget,
            )
        self.exif_taken_at = None

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            cleaned = clean_upload(image)
            self.exif_taken_at = cleaned.taken_at
            return cleaned.content
        return image

    def clean(self):
        cleaned_data = super().clean()
        if self.exif_taken_at and not cleaned_data.get("taken_at"):
            cleaned_data["taken_at"] = self.exif_taken_at
            self.instance.taken_at = self.exif_taken_at
        return cleaned_data


@admin.register(Photo)
class PhotoAdmin(TripEngagementsAdmin, BaseAdmin):
    form = PhotoForm
    list_display = ("thumbnail", "__str__", "credit", "visit", "taken_at", "public")
    list_display += ("translations",)
    list_display_links = ("thumbnail", "__str__")
    list_filter = (("visit", admin.RelatedOnlyFieldListFilter), "credit")
    list_select_related = ("visit",)
    date_hierarchy = "uploaded_at"
    search_fields = (*localized("caption", "alt_text"), "credit", *localized("visit__title"))
    autocomplete_fields = ("visit", "engagement", "place")
    readonly_fields = ("preview",)
    translation_fields = ("caption", "alt_text")
    trip_engagement_fields = ("engagement",)
    fieldsets = (
        (None, {"fields": ("image", "preview", "caption", "alt_text", "credit", "taken_at")}),
        (_("Trip"), {"fields": ("visit", "engagement", "place", "order")}),
    )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return thumbnail(obj.image, alt=first_translation(obj, "alt_text")[1])

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return thumbnail(obj.image, alt=first_translation(obj, "alt_text")[1], size=320)


# --- releases -----------------------------------------------------------------------


class GalleryFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
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
        photo = obj.photo if obj.photo_id else None
        return thumbnail(photo.image, alt=first_translation(photo, "alt_text")[1]) if photo else ""


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
class PressReleaseAdmin(TripEngagementsAdmin, PublishingAdmin):
    form = EngagementsOfTripForm
    list_display = ("lead_thumbnail", "__str__", "number", "visit", "status", "published_at")
    list_display += ("public", "translations")
    list_display_links = ("lead_thumbnail", "__str__")
    list_filter = (
        "status",
        ("visit", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        "original_language",
    )
    list_select_related = ("visit",)
    date_hierarchy = "published_at"
    search_fields = (*localized("title"), "number", "slug", *localized("visit__title"))
    autocomplete_fields = ("visit", "engagements", "topics", "contact")
    translation_fields = ("title", "body")
    list_defer = ("body", "lead", *localized("body", "lead"))
    inlines = (GalleryInline, ReleaseCoverageInline)
    fieldsets = (
        (None, {"fields": ("title", "subtitle", "lead", "body")}),
        (_("Trip and topics"), {"fields": ("visit", "engagements", "topics")}),
        (
            _("Publication"),
            {"fields": ("status", "published_at", "number", "original_language", "contact")},
        ),
        (_("Web address"), {"fields": ("slug",), "classes": ("collapse",)}),
    )

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
        if lead is None:
            return ""
        return thumbnail(lead.photo.image, alt=first_translation(lead.photo, "alt_text")[1])

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


# --- coverage -----------------------------------------------------------------------


@admin.register(Coverage)
class CoverageAdmin(TripEngagementsAdmin, PublishingAdmin):
    form = EngagementsOfTripForm
    list_display = ("headline", "outlet", "language", "published_on", "visit", "status")
    list_display += ("public",)
    list_filter = (
        ("outlet", admin.RelatedOnlyFieldListFilter),
        LanguageInUseFilter,
        "published_on",
        ("visit", admin.RelatedOnlyFieldListFilter),
        "status",
    )
    list_select_related = ("outlet", "visit")
    date_hierarchy = "published_on"
    search_fields = ("headline", "byline", "url", *localized("translated_headline"))
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
