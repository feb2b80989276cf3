"""The search page's form: the words and the filters, all optional, all forgiving."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import TRIPS_SHOWN, NamedChoiceField, keep_chosen
from ..models import Visit
from .analysis import printable
from .documents import REGISTRY


class DateInput(forms.DateInput):
    input_type = "date"


class QueryField(forms.CharField):
    """Control characters (a NUL among them) are dropped, not refused: a search is
    never an error."""

    def to_python(self, value):
        return printable(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(label=_("Search for"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    trip = NamedChoiceField(
        label=_("Trip"),
        queryset=Visit.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All trips"),
        name_field="title",
        shown=TRIPS_SHOWN,
    )
    language = forms.ChoiceField(label=_("Written in"), required=False)
    since = forms.DateField(label=pgettext_lazy("dates", "From"), required=False, widget=DateInput)
    until = forms.DateField(label=pgettext_lazy("dates", "To"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})
        self.fields["kind"].choices = [("", _("Everything"))] + [
            (kind, document.label) for kind, document in REGISTRY.items()
        ]
        self.fields["trip"].queryset = Visit.objects.published().order_by("-start_date")
        keep_chosen(self, "trip")
        self.fields["language"].choices = [("", _("Any language")), *settings.LANGUAGES]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data
