"""Filters for the public release and coverage lists.

Every choice offered comes from `published()` rows, so a filter cannot reveal that a
hidden trip, person or outlet exists. Bad values make the form invalid, never a 500.
A menu may offer thousands of trips: its options are read as plain values
(`NamedChoiceFilter`) and written without a template each (`PlainSelect`).
"""

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname, resolution_order

from visits.models import City, Leg, Person, Visit
from visits.widgets import PlainSelect

from .models import ARTICLE_LANGUAGE_CHOICES, Coverage, Outlet, PressRelease, Topic


def named_choices(queryset, key_field: str, name_field: str):
    """(key, name in the reader's language) of each row, read as plain values: what a
    model's ``__str__`` gives (the name with modeltranslation's fallback, else the key),
    without building an instance per row."""
    order = resolution_order(get_language(), settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    columns = [build_localized_fieldname(name_field, code) for code in order]
    for key, *names in queryset.values_list(key_field, *columns):
        yield key, next((name for name in names if name), key)


class NamedChoiceIterator(django_filters.fields.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield "", self.field.empty_label
        yield from named_choices(self.queryset, self.field.to_field_name, self.field.name_field)


class NamedChoiceField(django_filters.fields.ModelChoiceField):
    """A choice of one row by its slug, whose options are read as values; the chosen
    row is still loaded as an instance (``cleaned_data``)."""

    iterator = NamedChoiceIterator
    widget = PlainSelect

    def __init__(self, *args, name_field="name", **kwargs):
        self.name_field = name_field
        super().__init__(*args, **kwargs)


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceField


def trip_filter():
    """?trip=<slug>: one public trip, for releases and coverage alike."""
    return NamedChoiceFilter(
        label=_("Trip"),
        name_field="title",
        field_name="visit",
        to_field_name="slug",
        queryset=lambda request: Visit.objects.published(),
        empty_label=_("All trips"),
    )


class ReleaseFilter(django_filters.FilterSet):
    trip = trip_filter()
    topic = NamedChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=lambda request: Topic.objects.published(),
        empty_label=_("All topics"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        method="filter_country",
        empty_label=_("All countries"),
    )
    city = NamedChoiceFilter(
        label=_("City"),
        to_field_name="slug",
        queryset=lambda request: City.objects.published(),
        method="filter_city",
        empty_label=_("All cities"),
    )
    official = NamedChoiceFilter(
        label=_("Official"),
        field_name="visit__official",
        to_field_name="slug",
        queryset=lambda request: Person.objects.filter(
            Exists(Visit.objects.published().filter(official=OuterRef("pk")))
        ),
        empty_label=_("All officials"),
    )
    published = django_filters.DateFromToRangeFilter(
        label=_("Published between"),
        field_name="published_at__date",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )
    language = django_filters.ChoiceFilter(
        label=_("Available in"),
        choices=settings.LANGUAGES,
        method="filter_language",
        empty_label=_("Any language"),
    )

    class Meta:
        model = PressRelease
        fields = ["trip", "topic", "country", "city", "official", "published", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # order_by() on the chosen column: Meta.ordering would otherwise join the
        # DISTINCT and list a country once per leg.
        codes = (
            Leg.objects.published()
            .order_by("city__country")
            .values_list("city__country", flat=True)
            .distinct()
        )
        self.filters["country"].extra["choices"] = lambda: sorted(
            ((code, countries.name(code)) for code in codes), key=lambda item: item[1]
        )

    def filter_country(self, queryset, name, value):
        legs = Leg.objects.filter(visit=OuterRef("visit"), city__country=value)
        return queryset.filter(Exists(legs))

    def filter_city(self, queryset, name, value):
        legs = Leg.objects.filter(visit=OuterRef("visit"), city=value)
        return queryset.filter(Exists(legs))

    def filter_language(self, queryset, name, value):
        suffix = value.replace("-", "_")
        filled = ~Q(**{f"title_{suffix}": ""}) & Q(**{f"title_{suffix}__isnull": False})
        filled &= ~Q(**{f"body_{suffix}": ""}) & Q(**{f"body_{suffix}__isnull": False})
        return queryset.filter(filled)


class CoverageFilter(django_filters.FilterSet):
    trip = trip_filter()
    outlet = NamedChoiceFilter(
        label=_("Outlet"),
        to_field_name="slug",
        queryset=lambda request: Outlet.objects.published(),
        empty_label=_("All outlets"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language of the article"),
        method="filter_article_language",
        empty_label=_("Any language"),
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Published between"),
        field_name="published_on",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Coverage
        fields = ["trip", "outlet", "language", "date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(ARTICLE_LANGUAGE_CHOICES)
        codes = (
            Coverage.objects.published()
            .order_by("language")
            .values_list("language", flat=True)
            .distinct()
        )
        self.filters["language"].extra["choices"] = lambda: sorted(
            (code, names.get(code, code)) for code in codes
        )

    def filter_article_language(self, queryset, name, value):
        return queryset.filter(language=value)
