"""Photos: the photo form (uploads checked and re-encoded by `press.images`), its
preview and crops, the batch upload of a trip's photos, and the rule that a photo the
public sees changes only through a publisher (`press.services.check_photo_change`).
"""

from csp.decorators import csp_update
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
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
from visits.adminkit.base import BaseAdmin, image_tag, with_csp_nonce
from visits.adminkit.columns import datetime_column, trip_column
from visits.adminkit.forms import EditorForm
from visits.models import Visit
from visits.revisions import RevisionAdmin
from visits.text import first_translation, localized

from .. import renditions
from ..images import ACCEPTED_EXTENSIONS, clean_upload
from ..models import Photo
from ..services import (
    PUBLISH_PHOTOS,
    TRANSLATE,
    add_trip_photos,
    check_photo_change,
    photo_doors,
    trip_has_scheduled_release,
)
from .photo_upload import PREFIX, PhotoUploadStepsAdmin, language_name, remember_uploads


class PublicPhotoFormMixin:
    """The photo form refuses what only a publisher may change (`check_photo_change`);
    the admin gives it the user (``editing_user``)."""

    editing_user = None

    def clean(self):
        cleaned_data = super().clean()
        changed = [name for name in self.changed_data if name != "lock_version"]
        if self.editing_user is not None and self.instance.pk is not None:
            try:
                check_photo_change(
                    user=self.editing_user,
                    photo=self.instance,  # not yet given the form's values
                    changes={name: cleaned_data.get(name) for name in changed},
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class PublicPhotoAdminMixin:
    """Says up front, on a public photo's form, who can change it, and keeps its revisions'
    restore (which rewrites every field at once) to those who may."""

    def changes_whole_item(self, request, obj=None) -> bool:
        if not super().changes_whole_item(request, obj):
            return False
        if obj is None or request.user.has_perm(PUBLISH_PHOTOS):
            return True
        # An old version may carry another caption or image, or "not public yet" unticked:
        # on a photo the public sees, or on a public trip, that is a publisher's change.
        on_public_trip = obj.visit is not None and obj.visit.is_public
        return not on_public_trip and not photo_doors(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"editing_user": request.user})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = request.user
        # Translators may still translate it; editors learn before they type.
        may_change = user.has_perm(PUBLISH_PHOTOS) or user.has_perm(TRANSLATE)
        if request.method == "GET" and not may_change:
            photo = self.get_object(request, object_id)
            shown = photo is not None and self.has_change_permission(request, photo)
            if shown and (doors := photo_doors(photo)):
                self.message_user(
                    request,
                    gettext(
                        "This photo is public (shown by %(doors)s): only a publisher can change it."
                    )
                    % {"doors": "; ".join(doors)},
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)


#: The credit offered for a batch upload when no photo has one yet.
DEFAULT_CREDIT = "Seoul Metropolitan Government"
#: Where the batch upload remembers the credit an editor last gave.
LAST_CREDIT_KEY = "press_last_photo_credit"


def alt_of(photo) -> str:
    return first_translation(photo, "alt_text")[1]


def photo_thumbnail(photo, size: int = 80):
    """The photo's small rendition as an <img> fitting a ``size`` square, never the
    original (which may be a 25 MB file: a changelist after a batch upload would load
    dozens); a word saying so while the renditions are being made."""
    if photo is None or not photo.image:
        return ""
    if not renditions.ready(photo):
        return format_html('<span class="admin-thumb-pending">{}</span>', gettext("Processing…"))
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
    if not renditions.ready(photo):
        # The crops are what the preview is for: none is shown until it exists.
        width, height = fit(photo.width, photo.height, 480, 480)
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy"><p class="help">{}</p>',
            photo.image.url,
            alt_of(photo),
            width,
            height,
            gettext(
                "The card and social crops are being made. Reload this page in a minute "
                "to see them."
            ),
        )
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


#: The upload page's script (sends each file on its own) and the rows' layout.
UPLOAD_MEDIA = forms.Media(js=["js/photo_upload.js"], css={"all": ["css/photo_upload.css"]})
#: The script shows a dropped file before its small rendition exists (an object URL).
BLOB_IMAGES = {"img-src": ["blob:"]}

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
class PhotoAdmin(
    PhotoUploadStepsAdmin, PublicPhotoAdminMixin, TripEngagementsAdmin, RevisionAdmin, BaseAdmin
):
    form = PhotoForm
    list_display = ("thumbnail", "__str__", "credit", "trip", "taken", "public")
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

    trip = trip_column()
    taken = datetime_column("taken_at", _("date taken"))

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return photo_thumbnail(obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return photo_preview(obj)

    # --- batch upload ---------------------------------------------------------------

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_upload"
        view = self.admin_site.admin_view
        return [
            path("upload/", view(csp_update(BLOB_IMAGES)(self.upload_view)), name=name),
            path("upload/one/", view(self.upload_one_view), name=f"{name}_one"),
            path("upload/describe/", view(self.describe_view), name=name[:-6] + "describe"),
            *super().get_urls(),
        ]

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
                    remember_uploads(request, added)
                    self.report_uploads(request, form.cleaned_data["visit"], added, rejected)
                    return redirect(self.describe_url(added))
                form.add_error("files", rejected)
        else:
            trip = request.GET.get("visit", "")
            initial = {"credit": self.last_credit(request), "caption_language": get_language()}
            # A number past the databases' integers would be a 500, not "no such trip".
            known = trip.isascii() and trip.isdigit() and int(trip) < 2**63
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
            "media": with_csp_nonce(form.media + UPLOAD_MEDIA, request),
            "upload_one_url": reverse(f"admin:{self.opts.app_label}_photo_upload_one"),
            "describe_url": reverse(f"admin:{self.opts.app_label}_photo_describe"),
            "describe_prefix": PREFIX,
            "language_name": language_name(),
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
