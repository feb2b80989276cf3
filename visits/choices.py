"""Menus that choose one row by its slug, for the public filters and the search form.

Their options are read as plain values (`named_choices`) and written without a template
each (`visits.widgets.PlainSelect`); a menu may also show only the first ``shown`` rows
(the newest trips), plus the one the reader chose, while accepting any row of its
queryset: after fifteen years a menu of every trip would be thousands of options, most
of a list page's weight and unusable without a search box.
"""

from django import forms
from django.conf import settings
from django.core.validators import slug_re
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order

from .widgets import PlainSelect

#: Trips a menu offers: the newest, about three years of them (and the one chosen).
TRIPS_SHOWN = 40


def named_choices(queryset, key_field: str, name_field: str):
    """(key, name in the reader's language) of each row, read as plain values: what a
    model's ``__str__`` gives (the name with modeltranslation's fallback, else the key),
    without building an instance per row."""
    order = resolution_order(get_language(), settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    columns = [build_localized_fieldname(name_field, code) for code in order]
    for key, *names in queryset.values_list(key_field, *columns):
        yield key, next((name for name in names if name), key)


class NamedChoiceIterator(forms.models.ModelChoiceIterator):
    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield "", field.empty_label
        queryset = self.queryset[: field.shown] if field.shown else self.queryset
        rows = list(named_choices(queryset, field.to_field_name, field.name_field))
        if field.chosen and field.chosen not in {key for key, _name in rows}:
            chosen = self.queryset.filter(**{field.to_field_name: field.chosen})
            rows += named_choices(chosen, field.to_field_name, field.name_field)
        yield from rows


class NamedChoices:
    """For a `ModelChoiceField`: options by `named_choices`, at most ``shown`` of them
    plus ``chosen`` (the submitted key, set by the form: `keep_chosen`); the chosen row
    is still validated against the whole queryset and loaded as an instance."""

    iterator = NamedChoiceIterator
    widget = PlainSelect

    def __init__(self, *args, name_field="name", shown=None, **kwargs):
        self.name_field = name_field
        self.shown = shown
        self.chosen = None
        super().__init__(*args, **kwargs)


class NamedChoiceField(NamedChoices, forms.ModelChoiceField):
    pass


def keep_chosen(form, *names) -> None:
    """Let the menus ``names`` of a bound ``form`` show the submitted choice, if it can be
    a key at all (a query string may carry anything: PostgreSQL refuses a NUL outright)."""
    for name in names:
        value = form.data.get(form.add_prefix(name)) if form.is_bound else None
        form.fields[name].chosen = value if slug_re.fullmatch(str(value or "")) else None
