"""The review of imported clippings in the admin (`clippings`): one form per clipping,
with the choices it offers, read once per batch. Step 1, the paste-or-upload form and
the signed originals the review carries, is `clipping_upload`.
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.models import Engagement, Visit
from visits.text import localized

from ..clippings import importing
from ..clippings.results import Guess, Recognition
from ..models import Coverage, Outlet, PressRelease
from .clipping_upload import BLANK_CHOICE, field_label

# --- step 2: the review --------------------------------------------------------------

#: Where a coverage clipping's outlet comes from: one of ours, a new one, or none yet.
EXISTING, NEW, NONE = "existing", "new", "none"


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


def release_label(release) -> str:
    """A release as the review offers it: its number first, as the desk's reasons cite it."""
    return f"{release.number} · {release}" if release.number else str(release)


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

    def of_trip(self, rows: dict, trip_id, label=str) -> list[tuple[int, str]]:
        return [(pk, label(row)) for pk, row in rows.items() if row.visit_id == trip_id]


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
    # The outlet is one choice: one of ours (the list), a new one (its name), or none yet.
    outlet_choice = forms.ChoiceField(
        label=field_label(Coverage, "outlet"),
        choices=[
            (EXISTING, _("One of our outlets")),
            (NEW, _("Create a new outlet")),
            (NONE, capfirst(_("none yet (needs an outlet)"))),
        ],
        widget=forms.RadioSelect,
    )
    outlet = forms.TypedChoiceField(
        label=field_label(Coverage, "outlet"), coerce=int, empty_value=None, required=False
    )
    new_outlet_name = forms.CharField(
        label=_("Name of the new outlet"), required=False, max_length=200
    )
    new_outlet_domain = forms.CharField(
        label=_("Its web or e-mail domain"), required=False, max_length=200
    )
    headline = forms.CharField(
        label=field_label(Coverage, "headline"),
        max_length=400,
        widget=forms.TextInput(attrs={"class": "vTextField clipping__wide"}),
    )
    subheadlines = forms.CharField(
        label=field_label(Coverage, "subheadlines"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60, "class": "clipping__wide"}),
        help_text=_("One per line."),
    )
    byline = forms.CharField(label=field_label(Coverage, "byline"), required=False, max_length=200)
    # The browser's own date and time pickers; the values are sent as ISO 8601.
    published_on = forms.DateField(
        label=field_label(Coverage, "published_on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    published_time = forms.TimeField(
        label=field_label(Coverage, "published_time"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
    )
    language = forms.ChoiceField(
        label=field_label(Coverage, "language"), choices=settings.LANGUAGES
    )
    url = forms.URLField(
        label=field_label(Coverage, "url"),
        required=False,
        max_length=600,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "clipping__wide"}),
    )
    trip = forms.TypedChoiceField(
        label=capfirst(_("trip")), coerce=int, empty_value=None, required=False
    )
    engagements = forms.TypedMultipleChoiceField(
        label=_("Events"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "clipping__choices"}),
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
        widget=forms.CheckboxSelectMultiple(attrs={"class": "clipping__choices"}),
        error_messages={
            "invalid_choice": _(
                "Those releases are not the trip's: choose among the releases of the trip chosen."
            )
        },
    )
    # The trip whose events and releases the page shows: redrawn for another trip, the
    # ticks go; back on the desk's own trip, its guesses come back.
    drawn_trip = forms.CharField(required=False, widget=forms.HiddenInput)

    #: Which recognised guess each field shows (its confidence and reason).
    GUESSES = {
        "number": "number",
        "outlet_choice": "outlet",
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
    #: The inputs of the outlet's choices, shown within them.
    OUTLET_PARTS = ("outlet", "new_outlet_name", "new_outlet_domain")
    COVERAGE_ONLY = ("outlet_choice", *OUTLET_PARTS, "byline", "published_time", "url")
    COVERAGE_ONLY += ("releases",)

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
                ("", BLANK_CHOICE),
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
            self.fields["releases"].choices = choices.of_trip(
                choices.releases, self.trip_id, release_label
            )
        for name, field in self.fields.items():
            bound = self[name]
            if not (bound.is_hidden or bound.use_fieldset):  # a group: on its fieldset
                described_by = self.described_by(name)
                if described_by:
                    field.widget.attrs["aria-describedby"] = described_by

    def initial_from(self, r: Recognition) -> dict:
        found = bool(r.outlet)
        proposed = "" if found else r.outlet_name.strip()
        tied = self.tied
        trip = None if tied else getattr(r.trip.value, "pk", None)
        return {
            "import_it": True,
            "number": r.number.value or "",
            "outlet_choice": EXISTING if found else NEW if proposed else NONE,
            "outlet": getattr(r.outlet.value, "pk", None),
            "new_outlet_name": proposed,
            "new_outlet_domain": "" if found else r.outlet_domain,
            "headline": r.headline.value or "",
            "subheadlines": "\n".join(r.subheadlines),
            "byline": r.byline.value or "",
            "published_on": r.published_on.value,
            "published_time": r.published_time.value,
            "language": r.language.value,
            "url": r.url.value or "",
            "trip": trip,
            "engagements": [] if tied else [e.pk for e in r.engagements.value or ()],
            "releases": [] if tied else [release.pk for release in r.releases.value or ()],
            "drawn_trip": trip or "",
        }

    def guessed(self, trip_id) -> dict:
        """The desk's own events and releases, when ``trip_id`` is the trip it guessed."""
        r = self.recognition
        if self.tied or trip_id is None or trip_id != getattr(r.trip.value, "pk", None):
            return {}
        return {
            "engagements": [e.pk for e in r.engagements.value or ()],
            "releases": [release.pk for release in r.releases.value or ()],
        }

    @property
    def ticked(self) -> bool:
        """Whether the editor wants this clipping imported (read before validating)."""
        widget = self.fields["import_it"].widget
        return bool(widget.value_from_datadict(self.data, self.files, self.add_prefix("import_it")))

    @property
    def outlet_note(self) -> str:
        """Said beside the outlet when the desk proposes to create one."""
        r = self.recognition
        if r.is_release or r.outlet or not r.outlet_name.strip():
            return ""
        return gettext(
            "The clipping names “%(name)s”, which is not one of our outlets: importing "
            "creates it as a new outlet, unless you choose otherwise. Check its name."
        ) % {"name": r.outlet_name.strip()}

    def clean(self):
        cleaned_data = super().clean()
        choice, chosen = cleaned_data.get("outlet_choice"), cleaned_data.get("outlet")
        if choice == EXISTING and not chosen:
            self.add_error("outlet", _("Choose the outlet from the list, or another option."))
        elif choice == NEW:
            if chosen:
                self.add_error(
                    "outlet_choice",
                    _("Choose an outlet from the list or create a new one, not both."),
                )
            if not (cleaned_data.get("new_outlet_name") or "").strip():
                self.add_error("new_outlet_name", _("Give the new outlet's name."))
        elif choice == NONE and chosen:
            self.add_error(
                "outlet_choice",
                gettext(
                    "An outlet is chosen in the list: choose “%(option)s” to keep it, or "
                    "empty the list."
                )
                % {"option": gettext("One of our outlets")},
            )
        if self.tied and not cleaned_data.get("trip"):
            self.add_error("trip", self.tie_message())
        return cleaned_data

    def tie_message(self) -> str:
        return gettext("It fits two or more trips equally well: %(trips)s. Choose its trip.") % {
            "trips": "; ".join(str(trip) for trip in self.recognition.trip_candidates)
        }

    def guess(self, name: str) -> Guess | None:
        guess_name = self.GUESSES.get(name)
        return getattr(self.recognition, guess_name) if guess_name else None

    def described_by(self, name: str) -> str:
        """The ids of what describes a field: the desk's guess, its note, its help."""
        auto_id = self[name].auto_id
        ids = []
        if self.guess(name) is not None or (name == "trip" and self.tied):
            ids.append(f"{auto_id}_guess")
        if name == "outlet_choice" and self.outlet_note:
            ids.append(f"{auto_id}_note")
        if self.fields[name].help_text:
            ids.append(f"{auto_id}_helptext")
        return " ".join(ids)

    def rows(self):
        """Each field with how sure the desk was of its value, and why; a group of
        choices (the outlet, the events, the releases) as a fieldset of its own."""
        for bound in self.visible_fields():
            if bound.name == "import_it" or bound.name in self.OUTLET_PARTS:
                continue
            guess = self.guess(bound.name)
            note = ""
            if bound.name == "trip" and self.tied:
                note = self.tie_message()
            yield {
                "field": bound,
                "group": bound.use_fieldset,
                "outlet": bound.name == "outlet_choice",
                "described_by": self.described_by(bound.name),
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
        choice = data["outlet_choice"]
        r.outlet = confirmed(choices.outlets.get(data["outlet"]) if choice == EXISTING else None)
        if choice == NEW:
            r.outlet_name = data["new_outlet_name"].strip()
            r.outlet_domain = data["new_outlet_domain"].strip()
            return True
        return False
