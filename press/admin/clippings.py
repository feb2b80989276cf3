"""The coverage desk in the admin: importing clippings from the coverage list (a form, a
review screen that saves nothing, then the editor's confirmation, saved through
`press.clippings.importing`), the list's "needs attention" filter and column, a coverage
item's archived clippings on its page, and the read-only clipping archive with the
originals' download.

The review screen carries each clipping's original (signed, compressed) and nothing else
the desk worked out: on confirm the originals are recognised again on the server and only
the editor's edits come from the form. Works without JavaScript: a button redraws the
events and releases offered once a trip is chosen.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.adminkit.base import localized, with_csp_nonce
from visits.models import Engagement, Visit
from visits.publishing import Status

from ..clippings import importing, reading
from ..clippings.results import COVERAGE, RELEASE, Guess, Recognition, Refused, Source
from ..models import NEEDS, Clipping, Coverage, Outlet, PressRelease
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


# --- step 2: the review --------------------------------------------------------------


def confidence_words(guess: Guess) -> str:
    """How sure the desk is, in words and as a percentage."""
    if not guess:
        return gettext("not found")
    share = guess.confidence
    if share >= 0.9:
        word = gettext("certain")
    elif share >= 0.6:
        word = gettext("likely")
    else:
        word = gettext("unsure")
    return gettext("%(word)s (%(percent)d %%)") % {"word": word, "percent": round(share * 100)}


@dataclass
class Choices:
    """What the review's selects offer, read once for the whole batch (the queries do
    not grow with the number of clippings)."""

    outlets: dict
    trips: dict
    engagements: dict  # pk → Engagement, of the trips in play
    releases: dict  # pk → PressRelease, of the trips in play

    @classmethod
    def load(cls, recognitions, trip_ids) -> "Choices":
        trip_ids = set(trip_ids)
        for item in recognitions:
            if isinstance(item, Recognition):
                trip_ids.add(getattr(item.trip.value, "pk", None))
                trip_ids.update(trip.pk for trip in item.trip_candidates)
        trip_ids.discard(None)
        engagements = Engagement.objects.filter(visit_id__in=trip_ids).order_by(
            "date", "start_time", "pk"
        )
        releases = (
            PressRelease.objects.filter(visit_id__in=trip_ids)
            .defer(*localized("lead", "body", "withdrawal_reason"))
            .order_by("published_at", "pk")
        )
        return cls(
            outlets={outlet.pk: outlet for outlet in Outlet.objects.all()},
            trips={trip.pk: trip for trip in Visit.objects.order_by("-start_date", "-pk")},
            engagements={engagement.pk: engagement for engagement in engagements},
            releases={release.pk: release for release in releases},
        )

    def trip_label(self, trip) -> str:
        return f"{trip} ({date_format(trip.start_date)})" if trip.start_date else str(trip)

    def of_trip(self, rows: dict, trip_id) -> list[tuple[int, str]]:
        return [(pk, str(row)) for pk, row in rows.items() if row.visit_id == trip_id]


def as_int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


class ClippingReviewForm(forms.Form):
    """One clipping's recognised fields, as the editor corrects them."""

    use_required_attribute = False  # an unticked clipping needs nothing filled in

    import_it = forms.BooleanField(label=_("Import this one"), required=False, initial=True)
    number = forms.CharField(
        label=field_label(PressRelease, "number"), required=False, max_length=40
    )
    outlet = forms.TypedChoiceField(
        label=field_label(Coverage, "outlet"), coerce=int, empty_value=None, required=False
    )
    new_outlet = forms.BooleanField(label=_("Create a new outlet"), required=False)
    new_outlet_name = forms.CharField(
        label=_("Name of the new outlet"), required=False, max_length=200
    )
    new_outlet_domain = forms.CharField(
        label=_("Its web or e-mail domain"), required=False, max_length=200
    )
    headline = forms.CharField(
        label=field_label(Coverage, "headline"),
        max_length=400,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    subheadlines = forms.CharField(
        label=field_label(Coverage, "subheadlines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("One per line."),
    )
    byline = forms.CharField(label=field_label(Coverage, "byline"), required=False, max_length=200)
    published_on = forms.DateField(label=field_label(Coverage, "published_on"), required=False)
    published_time = forms.TimeField(label=field_label(Coverage, "published_time"), required=False)
    language = forms.ChoiceField(
        label=field_label(Coverage, "language"), choices=settings.LANGUAGES
    )
    url = forms.URLField(
        label=field_label(Coverage, "url"), required=False, max_length=600, assume_scheme="https"
    )
    trip = forms.TypedChoiceField(
        label=capfirst(_("trip")), coerce=int, empty_value=None, required=False
    )
    engagements = forms.TypedMultipleChoiceField(
        label=_("Events"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Those events are not part of the trip chosen: choose among its events."
            )
        },
    )
    releases = forms.TypedMultipleChoiceField(
        label=field_label(Coverage, "releases"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Those releases are not the trip's: choose among the releases of the trip chosen."
            )
        },
    )

    #: Which recognised guess each field shows (its confidence and reason).
    GUESSES = {
        "number": "number",
        "outlet": "outlet",
        "headline": "headline",
        "byline": "byline",
        "published_on": "published_on",
        "published_time": "published_time",
        "language": "language",
        "url": "url",
        "trip": "trip",
        "engagements": "engagements",
        "releases": "releases",
    }
    COVERAGE_ONLY = ("outlet", "new_outlet", "new_outlet_name", "new_outlet_domain", "byline")
    COVERAGE_ONLY += ("published_time", "url", "releases")

    def __init__(self, *args, recognition: Recognition, choices: Choices, batch_trip, **kw):
        self.recognition = recognition
        self.tied = batch_trip is None and importing.is_tied(recognition)
        initial = {**self.initial_from(recognition), **(kw.pop("initial", None) or {})}
        super().__init__(*args, initial=initial, **kw)
        if recognition.is_release:
            for name in self.COVERAGE_ONLY:
                del self.fields[name]
            self.fields["headline"].label = field_label(PressRelease, "title")
            self.fields["headline"].max_length = 250
            self.fields["published_on"].label = capfirst(_("date"))
        else:
            del self.fields["number"]
            self.fields["outlet"].choices = [
                ("", gettext("none yet (needs an outlet)")),
                *((pk, str(outlet)) for pk, outlet in choices.outlets.items()),
            ]
        self.fields["trip"].choices = [
            ("", BLANK_CHOICE),
            *((pk, choices.trip_label(trip)) for pk, trip in choices.trips.items()),
        ]
        trip_id = as_int(self["trip"].value())
        self.trip_id = trip_id if trip_id in choices.trips else None
        self.fields["engagements"].choices = choices.of_trip(choices.engagements, self.trip_id)
        if "releases" in self.fields:
            self.fields["releases"].choices = choices.of_trip(choices.releases, self.trip_id)

    def initial_from(self, r: Recognition) -> dict:
        unknown_outlet = not r.outlet
        tied = self.tied
        return {
            "import_it": True,
            "number": r.number.value or "",
            "outlet": getattr(r.outlet.value, "pk", None),
            "new_outlet": False,
            "new_outlet_name": r.outlet_name if unknown_outlet else "",
            "new_outlet_domain": r.outlet_domain if unknown_outlet else "",
            "headline": r.headline.value or "",
            "subheadlines": "\n".join(r.subheadlines),
            "byline": r.byline.value or "",
            "published_on": r.published_on.value,
            "published_time": r.published_time.value,
            "language": r.language.value,
            "url": r.url.value or "",
            "trip": None if tied else getattr(r.trip.value, "pk", None),
            "engagements": [] if tied else [e.pk for e in r.engagements.value or ()],
            "releases": [] if tied else [release.pk for release in r.releases.value or ()],
        }

    @property
    def ticked(self) -> bool:
        """Whether the editor wants this clipping imported (read before validating)."""
        widget = self.fields["import_it"].widget
        return bool(widget.value_from_datadict(self.data, self.files, self.add_prefix("import_it")))

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("new_outlet"):
            if cleaned_data.get("outlet"):
                self.add_error(
                    "new_outlet", _("Choose an outlet from the list or create a new one, not both.")
                )
            if not (cleaned_data.get("new_outlet_name") or "").strip():
                self.add_error("new_outlet_name", _("Give the new outlet's name."))
        if self.tied and not cleaned_data.get("trip"):
            self.add_error("trip", self.tie_message())
        return cleaned_data

    def tie_message(self) -> str:
        return gettext("It fits two or more trips equally well: %(trips)s. Choose its trip.") % {
            "trips": "; ".join(str(trip) for trip in self.recognition.trip_candidates)
        }

    def rows(self):
        """Each field with how sure the desk was of its value, and why."""
        for bound in self:
            if bound.name == "import_it":
                continue
            guess_name = self.GUESSES.get(bound.name)
            guess = getattr(self.recognition, guess_name) if guess_name else None
            note = ""
            if bound.name == "trip" and self.tied:
                note = self.tie_message()
            yield {
                "field": bound,
                "confidence": confidence_words(guess) if guess is not None else "",
                "reason": (guess.reason if guess is not None else "") or note,
                "tie": note,
                "suffix": gettext("KST") if bound.name == "published_time" else "",
            }

    def apply(self, choices: Choices) -> bool:
        """Put the editor's values into the recognition; whether to create the outlet."""
        data, r = self.cleaned_data, self.recognition

        def confirmed(value):
            return Guess(value=value, confidence=1.0, reason=gettext("as the editor confirmed"))

        r.headline = confirmed(data["headline"].strip())
        r.subheadlines = [
            line.strip() for line in data["subheadlines"].splitlines() if line.strip()
        ]
        r.published_on = confirmed(data["published_on"])
        r.language = confirmed(data["language"])
        r.trip = confirmed(choices.trips.get(data["trip"]))
        r.engagements = confirmed([choices.engagements[pk] for pk in data["engagements"]])
        if r.is_release:
            r.number = confirmed(data["number"].strip())
            return False
        r.byline = confirmed(data["byline"].strip())
        r.published_time = confirmed(data["published_time"])
        r.url = confirmed(data["url"])
        r.releases = confirmed([choices.releases[pk] for pk in data["releases"]])
        r.outlet = confirmed(choices.outlets.get(data["outlet"]))
        if data["new_outlet"]:
            r.outlet_name = data["new_outlet_name"].strip()
            r.outlet_domain = data["new_outlet_domain"].strip()
            return True
        return False


@dataclass
class ReviewItem:
    """One clipping on the review screen: importable (with its form), a duplicate, or
    refused."""

    label: str
    recognition: Recognition | None = None
    source: Source | None = None
    refusal: str = ""
    duplicate_url: str = ""
    form: ClippingReviewForm | None = None
    packed: str = ""  # the source, carried to the confirmation
    prefix: str = ""  # its fields' prefix: c0, c1…

    @property
    def kind(self) -> str:
        return self.recognition.kind if self.recognition else COVERAGE

    @property
    def is_release(self) -> bool:
        return self.kind == RELEASE


def admin_change_url(kind: str, pk) -> str:
    model = "pressrelease" if kind == RELEASE else "coverage"
    return reverse(f"admin:press_{model}_change", args=[pk])


class ClippingImportMixin:
    """The import views of `CoverageAdmin` ("Import clippings" on its list)."""

    import_template = "admin/press/coverage/import.html"
    review_template = "admin/press/coverage/import_review.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        step = request.POST.get("step") if request.method == "POST" else None
        if step == "confirm":
            return self.confirm_import(request)
        if step == "read":
            form = ClippingImportForm(request.POST, request.FILES)
            if form.is_valid():
                items = form.read()
                if any(isinstance(item, Source) for item in items):
                    return self.review(request, items, trip=form.cleaned_data["trip"])
                for item in items:
                    form.add_error("files" if item.name else "pasted", item.message)
        else:
            trip = as_int(request.GET.get("trip"))
            form = ClippingImportForm(initial={"trip": trip} if trip else None)
        return self.import_page(request, self.import_template, form=form)

    def import_page(self, request, template, **context):
        media = context["form"].media if "form" in context else forms.Media()
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Import clippings"),
                "media": with_csp_nonce(media, request),
                **context,
            },
        )

    # --- the review ----------------------------------------------------------------

    def review(self, request, items, *, trip):
        """The review screen of ``items`` (sources, and refusals to show)."""
        review_items, _choices = self.build_review(request, items, trip=trip)
        return self.review_page(request, review_items, trip=trip)

    def build_review(self, request, items, *, trip, data=None, prefixes=None):
        """Each clipping recognised, as a `ReviewItem`, and the choices its form offers.

        A clipping the editor may import gets a form, prefixed ``c0``, ``c1``… in the
        order carried (``prefixes``: the ones it had, when the review comes back bound
        to ``data``)."""
        recognitions = importing.recognise_batch(items, trip=trip, refuse_ties=False)
        labels = importing.batch_labels(recognitions)
        posted_trips = []
        if data is not None:
            posted_trips = [as_int(data.get(f"{prefix}-trip")) for prefix in prefixes or ()]
        choices = Choices.load(recognitions, [getattr(trip, "pk", None), *posted_trips])
        reviewed, carried, budget = [], 0, review_budget()
        for position, (item, result, label) in enumerate(
            zip(items, recognitions, labels, strict=True)
        ):
            entry = ReviewItem(label=label)
            reviewed.append(entry)
            if isinstance(item, Refused):  # a file that could not be read: named only
                entry.refusal = item.message
                continue
            entry.source = item
            if isinstance(result, Recognition):
                entry.recognition = result
            # Every clipping read is carried, so that confirming reports on each one.
            entry.refusal = self.refusal(request, result, carried)
            if carried >= BATCH_LIMIT:
                continue
            entry.packed = pack(item)
            if budget is not None:
                budget -= len(entry.packed)
                if budget < 0:
                    entry.packed = ""
                    entry.refusal = gettext(
                        "too much text for one review: import this one in another batch"
                    )
                    continue
            entry.prefix = prefixes[position] if prefixes else f"c{carried}"
            carried += 1
            if entry.refusal:
                continue
            if result.duplicate is not None:
                entry.duplicate_url = admin_change_url(result.duplicate.kind, result.duplicate.pk)
                continue
            bound = data if data is not None and data.get(f"{entry.prefix}-source") else None
            entry.form = ClippingReviewForm(
                bound, prefix=entry.prefix, recognition=result, choices=choices, batch_trip=trip
            )
        return reviewed, choices

    def refusal(self, request, result, carried: int) -> str:
        """Why a recognised clipping cannot be imported from this review, or ''."""
        if isinstance(result, Refused):
            return result.message
        if result.duplicate is not None:
            return ""
        try:
            importing.check_permission(request.user, result.kind)
        except PermissionDenied as refusal:
            return str(refusal)
        if carried >= BATCH_LIMIT:
            return gettext(
                "one review holds at most %(count)d clippings: import this one in another "
                "batch (or all of them with manage.py import_clippings)"
            ) % {"count": BATCH_LIMIT}
        return ""

    def review_page(self, request, review_items, *, trip):
        positions = [int(item.prefix[1:]) for item in review_items if item.prefix]
        return self.import_page(
            request,
            self.review_template,
            items=review_items,
            count=max(positions, default=-1) + 1,
            batch_trip=getattr(trip, "pk", ""),
            title=gettext("Check the clippings before importing them"),
        )

    # --- the confirmation ----------------------------------------------------------

    def confirm_import(self, request):
        count = as_int(request.POST.get("count"))
        trip_id = as_int(request.POST.get("batch_trip"))
        trip = Visit.objects.filter(pk=trip_id).first() if trip_id else None
        prefixes, sources = [], []
        try:
            if count is None or count > BATCH_LIMIT:
                raise signing.BadSignature
            for index in range(count):
                # A clipping the review could not carry leaves its place empty.
                packed = request.POST.get(f"c{index}-source", "")
                if packed:
                    prefixes.append(f"c{index}")
                    sources.append(unpack(packed))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            sources = []
        if not sources:
            self.message_user(
                request,
                gettext(
                    "This review page cannot be read back (it was changed, or is from an older "
                    "version): paste or upload the clippings again."
                ),
                messages.ERROR,
            )
            return redirect(reverse(f"admin:{self.opts.app_label}_coverage_import"))
        review_items, choices = self.build_review(
            request, sources, trip=trip, data=request.POST, prefixes=prefixes
        )
        reviewed_forms = [item.form for item in review_items if item.form is not None]
        redraw = "_redraw" in request.POST
        if redraw or not all(form.is_valid() for form in reviewed_forms if form.ticked):
            if redraw:
                review_items = self.redrawn(review_items, choices, trip)
            return self.review_page(request, review_items, trip=trip)
        return self.save_reviewed(request, review_items, choices)

    def redrawn(self, review_items, choices, trip):
        """The review as the editor left it, with the events and releases of the trips
        now chosen (those of a trip no longer chosen dropped), and no errors shown."""
        for item in review_items:
            form = item.form
            if form is None:
                continue
            initial = {name: form[name].value() for name in form.fields}
            trip_id = as_int(initial.get("trip"))
            for name, rows in (
                ("engagements", choices.engagements),
                ("releases", choices.releases),
            ):
                offered = {pk for pk, _label in choices.of_trip(rows, trip_id)}
                initial[name] = [v for v in initial.get(name) or () if as_int(v) in offered]
            item.form = ClippingReviewForm(
                prefix=form.prefix,
                recognition=item.recognition,
                choices=choices,
                batch_trip=trip,
                initial=initial,
            )
        return review_items

    def save_reviewed(self, request, review_items, choices):
        created = {COVERAGE: [], RELEASE: []}
        for item in review_items:
            if item.refusal:
                outcome = importing.Outcome(
                    item.label, importing.REFUSED, item.kind, reason=item.refusal
                )
                self.report(request, outcome)
                continue
            if item.form is None:
                if item.recognition is None or item.recognition.duplicate is None:
                    continue  # not carried (over the review's limit): named on the review
                duplicate = item.recognition.duplicate
                outcome = importing.Outcome(
                    item.label, importing.ALREADY, duplicate.kind, duplicate.pk
                )
                self.report(request, outcome)
                continue
            if not item.form.ticked:
                self.message_user(
                    request,
                    gettext("%(label)s: not imported (left unticked)") % {"label": item.label},
                    messages.INFO,
                )
                continue
            create_outlet = item.form.apply(choices)
            outcome = importing.save_recognition(
                item.recognition, user=request.user, create_outlet=create_outlet, label=item.label
            )
            self.report(request, outcome)
            if outcome.created:
                created[outcome.kind].append(outcome.pk)
        self.log_imports(request, created)
        if created[COVERAGE] or not created[RELEASE]:
            target, ids = reverse("admin:press_coverage_changelist"), created[COVERAGE]
        else:
            target, ids = reverse("admin:press_pressrelease_changelist"), created[RELEASE]
        if ids:
            target += "?" + urlencode({"id__in": ",".join(str(pk) for pk in ids)})
        return redirect(target)

    def report(self, request, outcome: importing.Outcome):
        if outcome.refused:
            self.message_user(request, outcome.line(), messages.ERROR)
            return
        text = format_html(
            '{}: <a href="{}">{}</a>',
            outcome.label,
            admin_change_url(outcome.kind, outcome.pk),
            outcome.message(),
        )
        self.message_user(request, text, messages.SUCCESS if outcome.created else messages.WARNING)

    def log_imports(self, request, created):
        """The admin's history (and "Recent actions") shows each draft as added."""
        for model, kind in ((Coverage, COVERAGE), (PressRelease, RELEASE)):
            if created[kind]:
                rows = model.objects.filter(pk__in=created[kind])
                for row in rows:
                    self.log_addition(request, row, [{"added": {}}])


# --- the coverage list and page --------------------------------------------------------

IMPORTED = "imported"


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


def needs_column(obj) -> str:
    """What the item still needs, briefly ("needs a date, no byline"), or nothing."""
    return ", ".join(str(label) for label in obj.needs())


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
class ClippingAdmin(admin.ModelAdmin):
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
        return super().get_queryset(request).defer("original")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
        return format_html('<a href="{}" download>{}</a>', url, gettext("Download the original"))

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
    from django.utils.http import content_disposition_header

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
