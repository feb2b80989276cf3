"""The batch upload's two steps after the file picker: one photo at a time (the upload
page's script sends each dropped file on its own and shows its progress), and "describe
these photos", a formset giving each photo just added its caption and alt text in the
editor's language, the event it shows and its credit. Both the script and the plain form
end on the same describe step. Files are checked as the plain upload checks them
(`press.services.add_trip_photos`); who may change a public photo stays
`press.services.check_photo_change`'s rule.
"""

import json
from datetime import timedelta
from urllib.parse import urlencode

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseModelFormSet, modelformset_factory
from django.http import JsonResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from visits.adminkit.forms import EditorForm
from visits.models import Engagement
from visits.publishing import APPROVED
from visits.publishing.locking import EditConflict

from .. import renditions
from ..models import Photo, ReleasePhoto
from ..services import check_photo_change

#: Where the session remembers the photos this editor uploaded, for the describe step.
UPLOADED_KEY = "press_uploaded_photos"
#: How many of them it remembers.
UPLOADED_KEPT = 500
#: How long a photo counts as being added: describing it is part of adding it.
BEING_ADDED = timedelta(days=1)
#: The formset's prefix, shared by the describe page and the rows the script adds.
PREFIX = "photos"


def remember_uploads(request, photos) -> None:
    kept = [pk for pk in request.session.get(UPLOADED_KEY, []) if isinstance(pk, int)]
    kept.extend(photo.pk for photo in photos)
    request.session[UPLOADED_KEY] = kept[-UPLOADED_KEPT:]


def parse_ids(values) -> list[int]:
    """Photo ids from a query string or form ("12,13" or several values); junk ignored."""
    ids = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            # isdigit() alone lets "²" through, which int() refuses (a server error).
            if part.isascii() and part.isdigit() and int(part) < 2**63:
                ids.append(int(part))
    return list(dict.fromkeys(ids))


def form_count(value) -> int:
    """A formset's TOTAL_FORMS as sent, at most 1000; 0 for anything but a number."""
    return min(int(value), 1000) if value.isascii() and value.isdigit() else 0


def known_rows(post, known: set[int]) -> tuple[QueryDict, int]:
    """The describe form's data with only the rows of ``known`` photos, numbered again
    (a photo deleted meanwhile, or a crafted row naming another's, is left out, and the
    other rows are saved as usual); and how many rows were left out."""
    count = form_count(post.get(f"{PREFIX}-TOTAL_FORMS", "0"))
    kept = [
        index
        for index in range(count)
        if (ids := parse_ids([post.get(f"{PREFIX}-{index}-id", "")])) and ids[0] in known
    ]
    data = QueryDict(mutable=True)
    for key, values in post.lists():
        if not key.startswith(f"{PREFIX}-"):
            data.setlist(key, values)
    for number, index in enumerate(kept):
        old = f"{PREFIX}-{index}-"
        for key, values in post.lists():
            if key.startswith(old):
                data.setlist(f"{PREFIX}-{number}-{key.removeprefix(old)}", values)
    data[f"{PREFIX}-TOTAL_FORMS"] = data[f"{PREFIX}-INITIAL_FORMS"] = str(len(kept))
    return data, count - len(kept)


def text_fields(language: str | None = None) -> tuple[str, str]:
    """The caption and alt text fields of the editor's language (the admin's active one)."""
    code = language or get_language()
    return build_localized_fieldname("caption", code), build_localized_fieldname("alt_text", code)


class PhotoDetailsForm(EditorForm):
    """One photo's row: caption and alt text in the editor's language, event and credit."""

    editing_user = None
    #: Photos this editor is still adding (see `describable`): no public-photo check.
    being_added: frozenset = frozenset()

    class Meta:
        model = Photo
        fields = ("engagement", "credit", "lock_version")
        widgets = {"lock_version": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        caption, alt = text_fields()
        self.fields = {
            caption: forms.CharField(
                label=capfirst(_("caption")),
                required=False,
                initial=getattr(self.instance, caption, ""),
                widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
            ),
            alt: forms.CharField(
                label=capfirst(_("alt text")),
                required=False,
                max_length=300,
                initial=getattr(self.instance, alt, ""),
                widget=forms.Textarea(attrs={"rows": 2, "cols": 40, "maxlength": 300}),
                help_text=_("What the photo shows, for readers who cannot see it."),
            ),
            **self.fields,
        }
        self.initial.update({name: getattr(self.instance, name, "") for name in (caption, alt)})
        self.caption_field, self.alt_field = caption, alt
        event = self.fields["engagement"]
        event.label = capfirst(_("event"))
        event.help_text = _("The event of the trip this photo shows.")
        # Only the photo's trip's events; the formset reads them once for every row.
        event.queryset = Engagement.objects.filter(visit_id=self.instance.visit_id)
        self.fields["credit"].required = False  # Photo.clean() says "needs a credit"
        self.fields["credit"].widget.attrs["size"] = 30

    def clean(self):
        cleaned_data = super().clean()
        for name in (self.caption_field, self.alt_field):
            if name in self.changed_data:
                setattr(self.instance, name, cleaned_data.get(name, ""))
        changed = [name for name in self.changed_data if name not in ("id", "lock_version")]
        if self.instance.pk not in self.being_added or self.shown_by_a_release():
            try:
                check_photo_change(
                    user=self.editing_user,
                    photo=self.instance,
                    changes={name: cleaned_data.get(name) for name in changed},
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data

    def shown_by_a_release(self) -> bool:
        approved = ReleasePhoto.objects.filter(photo=self.instance, release__status__in=APPROVED)
        return approved.exists()

    def file_name(self) -> str:
        return (self.instance.image.name or "").rsplit("/", 1)[-1]

    def thumbnail(self):
        from .photos import photo_thumbnail  # photos.py imports this module

        return photo_thumbnail(self.instance, size=120)


class PhotoDetailsFormSet(BaseModelFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        trips = {photo.visit_id for photo in self.get_queryset()}
        events = Engagement.objects.filter(visit_id__in=trips).select_related("visit")
        self.engagement_choices = {}
        for event in events.order_by("date", "start_time", "pk"):
            self.engagement_choices.setdefault(event.visit_id, []).append((event.pk, str(event)))

    def clean(self):
        super().clean()
        # A crafted row naming a photo outside this form (another editor's, or deleted)
        # would otherwise be a new, empty photo.
        if any(form.instance.pk is None for form in self.forms):
            raise ValidationError(
                gettext(
                    "A photo of this form has been deleted, or is not one you may describe "
                    "here: nothing was saved. Open the photos from their list."
                ),
                code="unknown_photo",
            )

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        event = form.fields["engagement"]
        event.widget.choices = [
            ("", "---------"),
            *self.engagement_choices.get(form.instance.visit_id, []),
        ]
        return form


class PhotoUploadStepsAdmin:
    """PhotoAdmin's upload of one file (for the script) and the describe step."""

    def describable(self, request, ids):
        """The photos of ``ids`` this user may describe: those they uploaded lately
        (describing them is part of adding them), and any they may change."""
        uploaded = set(request.session.get(UPLOADED_KEY, []))
        photos = Photo.objects.filter(pk__in=ids).select_related("visit")
        may_change = self.has_change_permission(request)
        since = timezone.now() - BEING_ADDED
        being_added = {p.pk for p in photos if p.pk in uploaded and p.uploaded_at >= since}
        shown = [p.pk for p in photos if p.pk in being_added or may_change]
        return Photo.objects.filter(pk__in=shown).order_by("visit", "order", "pk"), being_added

    def describe_url(self, photos) -> str:
        url = reverse(f"admin:{self.opts.app_label}_photo_describe")
        return f"{url}?ids={','.join(str(photo.pk) for photo in photos)}"

    def details_formset(self, request, queryset, being_added, data=None):
        form = type(
            "PhotoDetailsForm",
            (PhotoDetailsForm,),
            {"editing_user": request.user, "being_added": frozenset(being_added)},
        )
        formset_class = modelformset_factory(Photo, form=form, formset=PhotoDetailsFormSet, extra=0)
        return formset_class(data, queryset=queryset, prefix=PREFIX)

    def upload_one_view(self, request):
        """One file of a batch, sent by the upload page's script: the photo's row of the
        describe form as JSON, or the reasons it was not added, in the editor's language."""
        from .photos import PhotoUploadForm  # photos.py imports this module

        if not self.has_add_permission(request):
            return JsonResponse({"errors": [gettext("You may not add photos.")]}, status=403)
        if request.method != "POST":
            return JsonResponse({"errors": [gettext("Send the file with POST.")]}, status=405)
        form = PhotoUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = [
                f"{form.fields[name].label}: {message}" if name in form.fields else message
                for name, messages_ in form.errors.items()
                for message in messages_
            ]
            return JsonResponse({"errors": errors}, status=400)
        if len(form.cleaned_data["files"]) != 1:
            return JsonResponse({"errors": [gettext("Send one file at a time.")]}, status=400)
        added, rejected = self.save_uploads(request, form.cleaned_data)
        request.session["press_last_photo_credit"] = form.cleaned_data["credit"]
        if rejected:
            return JsonResponse({"errors": rejected}, status=400)
        photo = added[0]
        remember_uploads(request, added)
        formset = self.details_formset(request, Photo.objects.filter(pk=photo.pk), {photo.pk})
        row = formset.forms[0]
        row.prefix = formset.add_prefix("__prefix__")  # the script numbers the rows
        html = render_to_string(
            "admin/press/photo/describe_row.html", {"form": row}, request=request
        )
        ready = renditions.ready(photo)
        return JsonResponse(
            {
                "id": photo.pk,
                "name": photo.image.name.rsplit("/", 1)[-1],
                "thumbnail": renditions.thumbnail_url(photo) if ready else None,
                "held_back": photo.held_back,
                "row": html,
            },
            status=201,
        )

    def describe_view(self, request):
        """Caption, alt text, event and credit of photos just added, all in one form.

        A step of adding photos, so for those who may add them: a translator (who may
        change photos but not add them) would otherwise set credits, events and any
        language's caption here, past the photo form's rules for their languages."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            count = form_count(request.POST.get(f"{PREFIX}-TOTAL_FORMS", "0"))
            ids = parse_ids(request.POST.get(f"{PREFIX}-{i}-id", "") for i in range(count))
        else:
            ids = parse_ids(request.GET.getlist("ids"))
        queryset, being_added = self.describable(request, ids)
        changelist = reverse(f"admin:{self.opts.app_label}_photo_changelist")
        if request.method == "POST":
            data, dropped = known_rows(request.POST, {photo.pk for photo in queryset})
            if dropped:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d photo of this form was left out: it has been deleted, or "
                        "is not one you may describe here.",
                        "%(count)d photos of this form were left out: they have been "
                        "deleted, or are not ones you may describe here.",
                        dropped,
                    )
                    % {"count": dropped},
                    messages.WARNING,
                )
            formset = self.details_formset(request, queryset, being_added, data)
            if formset.is_valid():
                saved = self.save_details(request, formset)
                self.message_user(
                    request,
                    ngettext(
                        "The details of %(count)d photo were saved.",
                        "The details of %(count)d photos were saved.",
                        len(saved),
                    )
                    % {"count": len(saved)}
                    if saved
                    else gettext("Nothing was changed."),
                    messages.SUCCESS,
                )
                trips = {photo.visit_id for photo in formset.get_queryset()} - {None}
                query = (
                    f"?{urlencode({'visit__id__exact': trips.pop()})}" if len(trips) == 1 else ""
                )
                return redirect(f"{changelist}{query}")
            self.message_user(
                request,
                gettext(
                    "Nothing was saved yet: correct the photos marked below, then save "
                    "again. What you entered is still there."
                ),
                messages.ERROR,
            )
        else:
            formset = self.details_formset(request, queryset, being_added)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Describe these photos"),
            "formset": formset,
            "caption_field": text_fields()[0],
            "language_name": language_name(),
            "changelist_url": changelist,
        }
        return TemplateResponse(request, "admin/press/photo/describe.html", context)

    def save_details(self, request, formset) -> list[Photo]:
        saved = []
        for form in formset.forms:
            if not form.has_changed():
                continue
            fields = [name for name in form.changed_data if name not in ("id", "lock_version")]
            try:
                with transaction.atomic(), reversion.create_revision():
                    photo = form.save()
                    reversion.set_user(request.user)
                    reversion.set_comment(gettext("Described after the upload."))
            except EditConflict:
                self.message_user(
                    request,
                    gettext(
                        "“%(photo)s” was changed by someone else meanwhile: its details were "
                        "not saved. Open it to enter them again."
                    )
                    % {"photo": form.instance},
                    messages.ERROR,
                )
                continue
            LogEntry.objects.log_actions(
                request.user.pk,
                [photo],
                CHANGE,
                change_message=json.dumps([{"changed": {"fields": fields}}]),
                single_object=True,
            )
            saved.append(photo)
        return saved


def language_name() -> str:
    return get_language_info(get_language())["name_translated"]
