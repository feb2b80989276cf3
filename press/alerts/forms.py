"""The forms of the public alert pages: subscribe (address, language, what to follow) and
manage (language and what to follow; the address stays).

Only public trips and topics are offered (`published()`); an id of any other, posted by
hand, is an invalid choice like any unknown id. Addresses are checked by Django's
`EmailValidator` and refused when their domain, or a domain it is under, is a throwaway
one (``PRESSROOM_ALERT_BLOCKED_DOMAINS``).
"""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from visits.models import Visit

from ..models import Subscriber, Topic, normalise_address
from ..models.alerts import ascii_domain

EVERYTHING, SOME = "everything", "some"

#: A trip or topic id as a form may carry it: 1 to 18 ASCII digits (within a 64-bit integer).
ID = re.compile(r"[0-9]{1,18}", re.ASCII)


def is_blocked(address: str) -> bool:
    """Whether the domain of ``address`` is a throwaway one, or a subdomain of one."""
    domain = address.rpartition("@")[2].strip().lower().rstrip(".")
    for blocked in getattr(settings, "PRESSROOM_ALERT_BLOCKED_DOMAINS", ()):
        blocked = ascii_domain(blocked.strip().lstrip(".")).lower()
        if blocked and (domain == blocked or domain.endswith("." + blocked)):
            return True
    return False


class TitledChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes labelled with the row's name or title in the reader's language."""

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value):
        # Only ids the database can hold reach the query: a number past its integer type
        # (OverflowError on SQLite, DataError on PostgreSQL) or digits of another script
        # get the field's own "not a valid value" error, in the reader's language.
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not (isinstance(pk, str) and ID.fullmatch(pk)):
                shown = str(pk) if len(str(pk)) <= 20 else str(pk)[:20] + "…"
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": shown},
                )
        return super()._check_values(value)

    def label_from_instance(self, obj):
        return getattr(obj, "title", None) or str(obj)


class FollowForm(forms.Form):
    """Language and what to follow: every release, or some trips and topics."""

    language = forms.ChoiceField(
        label=_("Language of the alerts"),
        choices=settings.LANGUAGES,
        help_text=_("Alerts come when a release is published in this language."),
    )
    follow = forms.ChoiceField(
        label=_("What to follow"),
        choices=[
            (EVERYTHING, _("Every press release")),
            (SOME, _("Only the trips and topics I choose below")),
        ],
        initial=EVERYTHING,
        widget=forms.RadioSelect,
    )
    trips = TitledChoiceField(label=_("Trips"), queryset=Visit.objects.none(), required=False)
    topics = TitledChoiceField(label=_("Topics"), queryset=Topic.objects.none(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trips"].queryset = Visit.objects.published().order_by("-start_date", "pk")
        self.fields["topics"].queryset = Topic.objects.published()

    def clean(self):
        data = super().clean()
        chose_none = not (data.get("trips") or data.get("topics"))
        # An invalid trip or topic has its own error; "choose one" would only confuse.
        bad_choice = "trips" in self.errors or "topics" in self.errors
        if data.get("follow") == SOME and chose_none and not bad_choice:
            self.add_error(
                "follow", _("Choose at least one trip or topic, or choose every press release.")
            )
        return data

    def choices(self) -> dict:
        """What the subscriber follows, as `Subscriber` fields: everything, trips, topics."""
        everything = self.cleaned_data["follow"] == EVERYTHING
        return {
            "language": self.cleaned_data["language"],
            "everything": everything,
            "trips": [] if everything else list(self.cleaned_data["trips"]),
            "topics": [] if everything else list(self.cleaned_data["topics"]),
        }


class SubscribeForm(FollowForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=Subscriber._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a message to this address to check that it is yours."),
    )

    field_order = ["email", "language", "follow", "trips", "topics"]

    def payload(self) -> dict:
        """The request for the subscribe task: the address and choices, ids for rows."""
        choices = self.choices()
        return {
            "email": self.cleaned_data["email"],
            "language": choices["language"],
            "everything": choices["everything"],
            "trips": sorted(trip.pk for trip in choices["trips"]),
            "topics": sorted(topic.pk for topic in choices["topics"]),
        }

    def clean_email(self):
        address = normalise_address(self.cleaned_data["email"])
        # The domain in ASCII can be longer than as typed: the column's limit again.
        MaxLengthValidator(Subscriber._meta.get_field("email").max_length)(address)
        if is_blocked(address):
            raise forms.ValidationError(
                _(
                    "Addresses of throwaway mail services are not accepted. Use an address "
                    "you will still read when a release comes out."
                ),
                code="blocked",
            )
        return address


class ManageForm(FollowForm):
    """A subscriber's choices, started from what they follow now."""

    @classmethod
    def initial_for(cls, subscriber) -> dict:
        return {
            "language": subscriber.language,
            "follow": EVERYTHING if subscriber.everything else SOME,
            "trips": list(subscriber.trips.all()),
            "topics": list(subscriber.topics.all()),
        }
