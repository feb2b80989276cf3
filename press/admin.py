"""Editors' admin for releases, photos, coverage, outlets, topics and press contacts."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Prefetch
from django.forms.models import BaseInlineFormSet
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from visits.admin import TripEngagementsAdmin
from visits.admin_base import LANGUAGE_NAMES as SITE_LANGUAGE_NAMES
from visits.admin_base import (
    BaseAdmin,
    EditorForm,
    PublishingAdmin,
    image_tag,
    localized,
    with_csp_nonce,
)
from visits.models import Visit
from visits.publishing import APPROVED, Status
from visits.revisions import RevisionAdmin
from visits.search.admin import IndexedSearchMixin
from visits.text import LANGUAGE_CODES, first_translation, translation_of

from . import previews, renditions
from .admin_review import (
    PublicPhotoAdminMixin,
    PublicPhotoFormMixin,
    ReleaseWithdrawalMixin,
    WithdrawalFormMixin,
)
from .images import ACCEPTED_EXTENSIONS, clean_upload
from .models import (
    Coverage,
    Outlet,
    Photo,
    PressContact,
    PressRelease,
    ReleasePhoto,
    Topic,
    language_time_field,
    ready_field,
)
from .services import add_trip_photos, trip_has_scheduled_release

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

#: The credit offered for a batch upload when no photo has one yet.
DEFAULT_CREDIT = "Seoul Metropolitan Government"
#: Where the batch upload remembers the credit an editor last gave.
LAST_CREDIT_KEY = "press_last_photo_credit"


def alt_of(photo) -> str:
    return first_translation(photo, "alt_text")[1]


def photo_thumbnail(photo, size: int = 80):
    """The photo's small rendition as an <img> fitting a ``size`` square, never the
    original (which may be a 25 MB file)."""
    if photo is None or not photo.image:
        return ""
    url = renditions.thumbnail_url(photo)
    return image_tag(url, photo.width, photo.height, alt=alt_of(photo), size=size)


def fit(width: int, height: int, box_width: int, box_height: int) -> tuple[int, int]:
    """``width`` by ``height`` scaled down to fit a box, never up."""
    if not (width and height):
        return box_width, box_height
    scale = min(1, box_width / width, box_height / height)
    return max(round(width * scale), 1), max(round(height * scale), 1)


def photo_preview(photo):
    """The whole photo with its focal point marked, beside the card and social crops
    that the focal point steers: what readers and social networks will see."""
    if photo is None or not photo.pk or not photo.image:
        return ""
    whole = renditions.picture(photo)
    card = renditions.picture(photo, "card")
    card_size = renditions.CROPS["card"][0]
    social_size = renditions.CROPS["social"][0]
    return render_to_string(
        "admin/press/photo/preview.html",
        {
            "photo": photo,
            "alt": alt_of(photo),
            "whole": whole,
            "whole_size": fit(photo.width, photo.height, 480, 480),
            "card": card,
            "card_size": (card_size[0] // 2, card_size[1] // 2),
            "social_url": renditions.social_image_url(photo),
            "social_size": (social_size[0] // 4, round(social_size[1] / 4)),
        },
    )


class PhotoForm(PublicPhotoFormMixin, EditorForm):
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


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type="file" multiple>``, cleaned to a list.

    Each file is checked later, one by one, so that one bad file does not turn away the
    good ones (see PhotoAdmin.upload_view).
    """

    def __init__(self, *args, **kwargs):
        attrs = {"accept": ",".join(ACCEPTED_EXTENSIONS)}
        kwargs.setdefault("widget", MultipleFileInput(attrs=attrs))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class TripChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({date_format(obj.start_date)})" if obj.start_date else str(obj)


#: The batch upload's choice: public with the trip, or held back (`Photo.held_back`).
WITH_TRIP, HELD_BACK = "with_trip", "held_back"


class PhotoUploadForm(forms.Form):
    """Several photos of one trip at once, with one credit and an optional caption."""

    required_css_class = "required"

    visit = TripChoiceField(
        label=capfirst(_("trip")),
        queryset=Visit.objects.order_by("-start_date", "-pk"),
        help_text=_("The photos are added to the end of this trip's gallery."),
    )
    credit = forms.CharField(
        label=capfirst(_("credit")),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
        error_messages={"required": _("Every photo needs a credit.")},
        help_text=_("Given to every photo of this upload; you can change it on each photo."),
    )
    caption = forms.CharField(
        label=capfirst(_("caption")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60, "class": "vLargeTextField"}),
        help_text=_(
            "Optional, given to every photo of this upload. Alt text and captions in "
            "other languages are added on each photo afterwards."
        ),
    )
    caption_language = forms.ChoiceField(
        label=capfirst(_("language of the caption")), choices=settings.LANGUAGES
    )
    files = MultipleFileField(label=capfirst(_("photos")))
    visibility = forms.ChoiceField(
        label=capfirst(_("public")),
        choices=[
            (WITH_TRIP, _("With the trip: public whenever the trip is")),
            (HELD_BACK, _("Not public yet: until a public release shows them")),
        ],
        initial=WITH_TRIP,
        required=False,  # a form sent without it: held back if a release is scheduled
        widget=forms.RadioSelect,
        help_text=_(
            "Choose “not public yet” for photos meant for a release that is not out yet "
            "(chosen for you when the trip has a scheduled release). A publisher can "
            "release them earlier."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES  # more files: Django refuses the request
        self.fields["files"].help_text = (
            _(
                "Choose several files at once (up to %(count)d): JPEG, PNG or WebP. Files "
                "we cannot accept are listed with the reason, and the others are added."
            )
            % {"count": limit}
            if limit
            else _(
                "Choose several files at once: JPEG, PNG or WebP. Files we cannot accept "
                "are listed with the reason, and the others are added."
            )
        )


def named_error(name: str, error: ValidationError) -> str:
    """An upload's error that says which file it is about."""
    text = " ".join(error.messages)
    return text if name in text else f"{name}: {text}"


@admin.register(Photo)
class PhotoAdmin(PublicPhotoAdminMixin, TripEngagementsAdmin, RevisionAdmin, BaseAdmin):
    form = PhotoForm
    list_display = ("thumbnail", "__str__", "credit", "visit", "taken_at", "public")
    list_display += ("translations",)
    list_display_links = ("thumbnail", "__str__")
    list_filter = (("visit", admin.RelatedOnlyFieldListFilter), "credit", "held_back")
    list_select_related = ("visit",)
    date_hierarchy = "uploaded_at"
    search_fields = (*localized("caption", "alt_text"), "credit", *localized("visit__title"))
    autocomplete_fields = ("visit", "engagement", "place")
    readonly_fields = ("preview",)
    translation_fields = ("caption", "alt_text")
    trip_engagement_fields = ("engagement",)
    fieldsets = (
        (None, {"fields": ("image", "caption", "alt_text", "credit", "taken_at")}),
        (
            _("Preview and crops"),
            {
                "fields": ("preview", ("focal_x", "focal_y")),
                "description": _(
                    "Cards and social previews are cropped around the focal point. Move "
                    "it, then choose “Save and continue editing” to see the new crops."
                ),
            },
        ),
        (_("Trip"), {"fields": ("visit", "engagement", "place", "order", "held_back")}),
    )

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return photo_thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_preview(obj)

    # --- batch upload ---------------------------------------------------------------

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_upload"
        upload = path("upload/", self.admin_site.admin_view(self.upload_view), name=name)
        return [upload, *super().get_urls()]

    def last_credit(self, request) -> str:
        """The credit this editor gave last, else the newest photo's, else the city's."""
        newest = Photo.objects.order_by("-uploaded_at", "-pk").values_list("credit", flat=True)
        return request.session.get(LAST_CREDIT_KEY) or newest.first() or DEFAULT_CREDIT

    def upload_view(self, request):
        """Several photos of a trip in one go; works without JavaScript."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            form = PhotoUploadForm(request.POST, request.FILES)
            if form.is_valid():
                added, rejected = self.save_uploads(request, form.cleaned_data)
                request.session[LAST_CREDIT_KEY] = form.cleaned_data["credit"]
                if added:
                    self.report_uploads(request, form.cleaned_data["visit"], added, rejected)
                    query = urlencode({"visit__id__exact": form.cleaned_data["visit"].pk})
                    changelist = reverse(f"admin:{self.opts.app_label}_photo_changelist")
                    return redirect(f"{changelist}?{query}")
                form.add_error("files", rejected)
        else:
            trip = request.GET.get("visit", "")
            initial = {"credit": self.last_credit(request), "caption_language": get_language()}
            # A number past the databases' integers would be a 500, not "no such trip".
            known = trip.isdigit() and int(trip) < 2**63
            visit = Visit.objects.filter(pk=int(trip)).first() if known else None
            if visit is not None:
                initial["visit"] = visit.pk
                if trip_has_scheduled_release(visit):
                    initial["visibility"] = HELD_BACK
            form = PhotoUploadForm(initial=initial)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Upload photos"),
            "form": form,
            # no modeltranslation tabs: this form has none
            "media": with_csp_nonce(form.media, request),
        }
        return TemplateResponse(request, "admin/press/photo/upload.html", context)

    def save_uploads(self, request, data) -> tuple[list[Photo], list[str]]:
        held_back = data["visibility"] == HELD_BACK or (
            not data["visibility"] and trip_has_scheduled_release(data["visit"])
        )
        added, rejected = add_trip_photos(
            visit=data["visit"],
            files=data["files"],
            credit=data["credit"],
            caption=data["caption"],
            caption_language=data["caption_language"],
            held_back=held_back,
        )
        for photo in added:
            self.log_addition(request, photo, [{"added": {}}])
        return added, [named_error(name, error) for name, error in rejected]

    def report_uploads(self, request, visit, added, rejected):
        count = len(added)
        self.message_user(
            request,
            ngettext(
                "%(count)d photo was added to %(trip)s. Give it its alt text before it "
                "goes into a release.",
                "%(count)d photos were added to %(trip)s. Give each its alt text before "
                "they go into a release.",
                count,
            )
            % {"count": count, "trip": visit},
            messages.SUCCESS,
        )
        if added[0].held_back:
            self.message_user(
                request,
                gettext(
                    "They are not public yet: a public release that shows them, or a "
                    "publisher, makes them public."
                ),
                messages.INFO,
            )
        if rejected:
            self.message_user(
                request,
                ngettext(
                    "%(count)d file was not added:",
                    "%(count)d files were not added:",
                    len(rejected),
                )
                % {"count": len(rejected)},
                messages.WARNING,
            )
        for error in rejected:
            self.message_user(request, error, messages.ERROR)


# --- releases -----------------------------------------------------------------------

#: The release form's checkbox that publishes despite photos without alt text.
CONFIRM_ALT_TEXT = "publish_without_alt_text"


def alt_text_gaps(photos, languages) -> list[tuple[Photo, list[str]]]:
    """The photos that have no alt text in some of ``languages``, each with those codes."""
    gaps = []
    for photo in photos:
        missing = [
            code for code in languages if not translation_of(photo, "alt_text", code).strip()
        ]
        if missing:
            gaps.append((photo, missing))
    return gaps


def language_list(codes) -> str:
    return ", ".join(str(SITE_LANGUAGE_NAMES[code]) for code in codes)


def new_gaps(release, gaps):
    """The gaps an editor has not confirmed yet: all of them when the release is going
    out now, only new ones (a photo or a language added) when it is out already, so
    fixing a typo in a published release does not ask again."""
    saved = PressRelease.objects.filter(pk=release.pk, status__in=APPROVED).first()
    if saved is None:
        return gaps
    before = {
        (photo.pk, code)
        for photo, codes in alt_text_gaps(
            [item.photo for item in saved.gallery.select_related("photo")], saved.languages()
        )
        for code in codes
    }
    fresh = [(photo, [c for c in codes if (photo.pk, c) not in before]) for photo, codes in gaps]
    return [(photo, codes) for photo, codes in fresh if codes]


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
            self.alt_text_gaps = new_gaps(release, alt_text_gaps(photos, release.languages()))
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
    ReleaseWithdrawalMixin, IndexedSearchMixin, TripEngagementsAdmin, PublishingAdmin
):
    form = ReleaseForm
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
    search_kind = "release"  # words through the search index; these exactly:
    search_fields = ("=number", "=slug")
    search_help_text = _(
        "Words from the title or text in any language (drafts too), or a release number."
    )
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

    def readiness_fields(self) -> set[str]:
        return {
            name
            for code in LANGUAGE_CODES
            for name in (ready_field(code), language_time_field(code))
        }

    def translation_only_fields(self, request, obj=None):
        """Translators mark the languages ready (and may give one its own time)."""
        if request.user.has_perm("press.translate_pressrelease"):
            return self.readiness_fields()
        return set()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("press.translate_pressrelease"):
            fields += sorted(self.readiness_fields() - set(fields))
        return fields

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
        return photo_thumbnail(lead.photo) if lead is not None else ""

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

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish(self, request, queryset):
        """Publish, except releases whose gallery lacks alt text in one of their
        languages: those need the editor's confirmation in the release form."""
        gallery = ReleasePhoto.objects.select_related("photo")
        candidates = queryset.exclude(status=Status.PUBLISHED).prefetch_related(
            Prefetch("gallery", queryset=gallery)
        )
        unready = [release for release in candidates if not release.has_launch_language()]
        if unready:
            self.message_user(
                request,
                gettext(
                    "Not published, because no language is marked ready: %(releases)s. A "
                    "translator or publisher marks the finished languages ready first."
                )
                % {"releases": "; ".join(f"“{release}”" for release in unready)},
                messages.WARNING,
            )
        held = [
            release
            for release in candidates
            if release not in unready
            and alt_text_gaps([item.photo for item in release.gallery.all()], release.languages())
        ]
        if held:
            self.message_user(
                request,
                ngettext(
                    "Not published: %(releases)s. Photos of its gallery have no alt text "
                    "in a language of the release. Add the alt text, or publish it from "
                    "its own page and confirm there.",
                    "Not published: %(releases)s. Photos of their galleries have no alt "
                    "text in a language of the release. Add the alt text, or publish each "
                    "from its own page and confirm there.",
                    len(held),
                )
                % {"releases": "; ".join(f"“{release}”" for release in held)},
                messages.WARNING,
            )
        if held or unready:
            queryset = queryset.exclude(pk__in=[release.pk for release in [*held, *unready]])
            if not queryset.exists():
                return
        super().publish(request, queryset)

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
class CoverageAdmin(IndexedSearchMixin, TripEngagementsAdmin, PublishingAdmin):
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
