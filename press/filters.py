"""Filters for the public release and coverage lists.

Every choice offered comes from `published()` rows, so a filter cannot reveal that a
hidden trip, person or outlet exists. Bad values make the form invalid, never a 500.
The trip menu shows the newest `TRIPS_SHOWN` trips (and the one chosen) but accepts any
public trip; every menu's options are read as plain values (`visits.choices`).

Each menu's options are read once per process, language and state of the content
(`MenuOptions`), not on every request: hundreds of options in several queries were most
of a list's cost. What a reader submitted is still checked on every request (a trip or
topic by its own query), and the one chosen is still shown though it is not among the
newest trips.
"""

import threading

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from visits.changes.tags import of_models
from visits.choices import (
    TRIPS_SHOWN,
    NamedChoiceIterator,
    NamedChoices,
    keep_chosen,
    named_choices,
)
from visits.models import City, Leg, Person, Visit

from .models import ARTICLE_LANGUAGE_CHOICES, Coverage, Outlet, PressRelease, Topic

#: The content version of a database where no change was recorded yet.
UNRECORDED = (0, None)


class MenuOptions:
    """The menus' options, per process: {(menu, language): options}, each kept while what
    it shows is unchanged, by the page cache's own rule (`visits.changes.pagecache`): no
    change since it was read touched any of its tags (the models its options come from,
    ``tags.of_models``), and the horizon has not passed (the first moment something may go
    public or stop with no save). So an edit to a release re-reads the topics (a topic is
    offered once a public release has it) but not the trips, cities or officials.

    This process knows of changes as the page cache does (`pagecache.knowledge`: at once
    for its own commits, within ``PRESSROOM_PAGE_CACHE_RECHECK`` seconds for any other
    process's, with no query in between); an edit therefore reaches every process's menus
    within that second, and time alone exactly.

    Nothing is kept before the first change is recorded (a new database), nor in a test
    suite whose transactions never commit (`visits.readmodel.reading.IMMEDIATE`): the
    content version does not move there.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.options: dict[tuple, tuple] = {}

    def get(self, menu: str, tags: frozenset, read) -> list:
        """The options of ``menu`` (shows what ``tags`` name) in the active language:
        ``read()`` if not known or no longer current."""
        from visits.changes import pagecache
        from visits.readmodel import reading

        if reading.IMMEDIATE:
            return list(read())
        known, horizon = pagecache.knowledge()
        if known.generation == UNRECORDED:
            return list(read())
        key = (menu, get_language())
        with self.lock:
            entry = self.options.get(key)
        if entry is not None:
            generation, read_under, options = entry
            if read_under == horizon and known.current(generation, tags):
                return options
        options = list(read())
        with self.lock:
            self.options[key] = (known.generation, horizon, options)
        return options

    def forget(self) -> None:
        with self.lock:
            self.options = {}


menus = MenuOptions()


class KeptNamedChoiceIterator(NamedChoiceIterator):
    """`NamedChoiceIterator` with the shown rows from `menus` when the field is kept there
    (``field.menu``: its name and tags, set by `MenuFilterSet`); the chosen row, if not
    among them, is still read on each request."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield "", field.empty_label
        queryset = self.queryset[: field.shown] if field.shown else self.queryset
        rows = named_choices(queryset, field.to_field_name, field.name_field)
        rows = menus.get(*field.menu, lambda: rows) if field.menu else list(rows)
        yield from rows
        if field.chosen and field.chosen not in {key for key, _name in rows}:
            chosen = self.queryset.filter(**{field.to_field_name: field.chosen})
            yield from named_choices(chosen, field.to_field_name, field.name_field)


class NamedChoiceFilterField(NamedChoices, django_filters.fields.ModelChoiceField):
    iterator = KeptNamedChoiceIterator
    menu = None


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceFilterField


class MenuFilterSet(django_filters.FilterSet):
    """A filter set whose menus' options are kept in `menus`: ``kept_menus`` gives, for
    each menu kept, the models its options come from (their tags retire it)."""

    kept_menus: dict[str, list[str]] = {}

    def menu(self, name: str) -> tuple[str, frozenset]:
        return f"{type(self).__name__}.{name}", frozenset(self.kept_menus[name])

    def kept_choices(self, name: str, read):
        """Choices for a `ChoiceFilter`'s ``extra``: ``read()``, kept in `menus`."""
        return lambda: menus.get(*self.menu(name), read)

    def keep_menus(self) -> None:
        """Let the form's menus of rows (`NamedChoiceFilter`) be kept (once the form is
        built)."""
        for name, field in self.form.fields.items():
            if isinstance(field, NamedChoiceFilterField) and name in self.kept_menus:
                field.menu = self.menu(name)


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


class ReleaseFilter(MenuFilterSet):
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

    kept_menus = {
        "trip": of_models(Visit),
        "topic": of_models(Topic, PressRelease),  # topics of public releases
        "country": of_models(Leg, City, Visit),
        "city": of_models(City, Leg, Visit),
        "official": of_models(Person, Visit),
    }

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
        self.filters["country"].extra["choices"] = self.kept_choices(
            "country",
            lambda: sorted(
                ((code, str(countries.name(code))) for code in codes), key=lambda item: item[1]
            ),
        )
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set
        self.keep_menus()

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


class CoverageFilter(MenuFilterSet):
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

    kept_menus = {
        "trip": of_models(Visit),
        "outlet": of_models(Outlet, Coverage),  # outlets of public coverage
        "language": of_models(Coverage),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(ARTICLE_LANGUAGE_CHOICES)
        codes = (
            Coverage.objects.published()
            .order_by("language")
            .values_list("language", flat=True)
            .distinct()
        )
        self.filters["language"].extra["choices"] = self.kept_choices(
            "language", lambda: sorted((code, str(names.get(code, code))) for code in codes)
        )
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set
        self.keep_menus()

    def filter_article_language(self, queryset, name, value):
        return queryset.filter(language=value)
