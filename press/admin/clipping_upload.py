"""Step 1 of importing clippings in the admin (`clippings`): the paste-or-upload form, and
the signed form in which the review screen carries each clipping's original on to the
confirmation (`pack`, `unpack`), within what one request may weigh.
"""

import json

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.models import Visit

from ..clippings import reading
from ..clippings.results import Refused, Source
from ..models import Clipping
from .photos import TripChoiceField

#: Clippings one review screen holds: each is some twenty form fields, and Django
#: refuses a request of more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1,000). More at once:
#: ``manage.py import_clippings``.
BATCH_LIMIT = 30
#: What the originals carried by a review screen may weigh together, so that confirming
#: stays under DATA_UPLOAD_MAX_MEMORY_SIZE (files do not count towards it; form fields do).
REVIEW_BUDGET_SHARE = 0.8
SIGNING_SALT = "press.clippings.review"
TEXT_TYPES = (Clipping.MediaType.TEXT, Clipping.MediaType.HTML)
BLANK_CHOICE = "\N{EN DASH}"


def field_label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


# --- the originals a review screen carries ---------------------------------------------


class CompactJSON:
    """JSON as UTF-8 (Hangul and Han as themselves, not as \\u escapes), for signing."""

    def dumps(self, obj) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()

    def loads(self, data: bytes):
        return json.loads(data.decode())


def pack(source: Source) -> str:
    """A clipping as one hidden field: signed, so the confirmation reads back exactly
    what this server read, and compressed (a saved page is mostly markup)."""
    data = {"o": source.original, "n": source.name, "t": source.media_type, "i": source.number}
    return signing.dumps(data, salt=SIGNING_SALT, serializer=CompactJSON, compress=True)


def unpack(value: str) -> Source:
    """Raises `signing.BadSignature` for anything this server did not make."""
    data = signing.loads(value, salt=SIGNING_SALT, serializer=CompactJSON)
    media_type = data["t"] if data["t"] in TEXT_TYPES else Clipping.MediaType.TEXT
    return Source(
        original=str(data["o"]), name=str(data["n"]), media_type=media_type, number=int(data["i"])
    )


def review_budget() -> int | None:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return None if limit is None else int(limit * REVIEW_BUDGET_SHARE)


# --- step 1: paste or upload ---------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ClippingFilesField(forms.FileField):
    """Several files from one ``<input type="file" multiple>`` (Django's documented
    pattern), cleaned to a list. Each file is read and judged later, on its own, so that
    an empty or binary file is named with its reason and the others still go through."""

    def __init__(self, *args, **kwargs):
        accept = ",".join(sorted(reading.EXTENSIONS))
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [upload for upload in files if upload]


class ClippingImportForm(forms.Form):
    required_css_class = "required"

    pasted = forms.CharField(
        label=_("Pasted clippings"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80, "class": "vLargeTextField"}),
        help_text=_(
            "Paste one or more articles as you copied them from the news portal or the "
            "outlet's page, furniture and all. Put a line of three dashes (---) between "
            "two articles."
        ),
    )
    files = ClippingFilesField(
        label=_("Files"),
        required=False,
        help_text=_(
            "Or choose files: text (.txt) or pages saved from the browser (.html), several "
            "at once. A file we cannot read is named with the reason; the others go on."
        ),
    )
    trip = TripChoiceField(
        label=capfirst(_("trip")),
        queryset=Visit.objects.order_by("-start_date", "-pk"),
        required=False,
        help_text=_(
            "Optional: the trip all these articles are about. Left empty, each article's "
            "trip is recognised from its date and what it names."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        note = paste_limit_note()
        if note:
            pasted = self.fields["pasted"]
            pasted.help_text = format_html("{}<br>{}", pasted.help_text, note)

    def clean(self):
        cleaned_data = super().clean()
        if not (cleaned_data.get("pasted") or "").strip() and not cleaned_data.get("files"):
            raise ValidationError(
                _("Nothing to import: paste an article or choose a file."), code="empty"
            )
        return cleaned_data

    def read(self) -> list[Source | Refused]:
        """The clippings pasted and uploaded, numbered through the batch; a file that
        cannot be read is its `Refused`, in its place."""
        items: list[Source | Refused] = []
        pasted = self.cleaned_data["pasted"]
        if pasted.strip():
            found = reading.split_pasted(pasted, first_number=1)
            if not found:
                self.add_error("pasted", _("There is no article in what you pasted."))
            items += found
        for upload in self.cleaned_data["files"]:
            try:
                items += reading.read_upload(
                    upload.name, upload.read(), first_number=len(items) + 1
                )
            except Refused as refusal:
                refusal.name = refusal.name or upload.name
                items.append(refusal)
        return items


def paste_limit_note() -> str:
    """How much one paste may hold: Django refuses a form whose fields weigh more than
    DATA_UPLOAD_MAX_MEMORY_SIZE (files do not count). Said, not enforced with a
    maxlength, which would cut a long paste short without a word."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return ""
    return gettext(
        "One paste may hold up to %(size)s of text (about %(characters)s characters of "
        "Korean, Chinese or Japanese); for more, upload the articles as files."
    ) % {
        "size": filesizeformat(limit),
        # Hangul and Han take three bytes each in UTF-8, as the browser sends them.
        "characters": number_format(limit // 3, force_grouping=True),
    }
