"""Filters for the public release and coverage lists.

Every choice offered comes from `published()` rows, so a filter cannot reveal that a
hidden trip, person or outlet exists. Bad values make the form invalid, never a 500.
The trip menu shows the newest `TRIPS_SHOWN` trips (and the one chosen) but accepts any
public trip; every menu's options are read as plain values (`visits.choices`).
"""

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from visits.choices import TRIPS_SHOWN, NamedChoices, keep_chosen
from visits.models import City, Leg, Person, Visit

from .models import ARTICLE_LANGUAGE_CHOICES, Coverage, Outlet, PressRelease, Topic


class NamedChoiceFilterField(NamedChoices, django_filters.fields.ModelChoiceField):
    pass


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceFilterField


def trip_filter():
    """?trip=<slug>: one public trip, for releases and coverage alike."""
    return NamedChoiceFilter(
        label=_("Trip"),
        name_field="title",
        shown=TRIPS_SHOWN,
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
        label=_("Country"), method="filter_country", empty_label=_("All countries")
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
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set

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
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set

    def filter_article_language(self, queryset, name, value):
        return queryset.filter(language=value)
