"""Filters for the public release and coverage lists.

Every choice offered comes from `published()` rows, so a filter cannot reveal that a
hidden trip, person or outlet exists. Bad values make the form invalid, never a 500.
The trip menu shows the newest `TRIPS_SHOWN` trips (and the one chosen) but accepts any
public trip; every menu's options are read as plain values (`visits.choices`).

Each menu's options, each widget a reader left blank and the blank form are read once per
process and language and kept while what they show is unchanged (`press.kept`), not on
every request. What a reader submitted is still checked on every request (a trip or topic
by its own query), and the one chosen is still shown though it is not among the newest
trips. A filter set builds its menus' querysets only when it needs them.
"""

import functools

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from visits.changes.tags import of_models
from visits.choices import (
    TRIPS_SHOWN,
    NamedChoiceIterator,
    NamedChoices,
    keep_chosen,
    named_choices,
)
from visits.models import Person, Visit
from visits.widgets import PlainSelect

from . import event_filters as events
from .kept import kept
from .models import ARTICLE_LANGUAGE_CHOICES, Coverage, Outlet, PressRelease, Topic


class KeptNamedChoiceIterator(NamedChoiceIterator):
    """`NamedChoiceIterator` with the shown rows from `kept` when the field is kept there
    (``field.menu``: its name and tags, set by `MenuFilterSet`); the chosen row, if not
    among them, is still read on each request. The field's queryset is made only when
    rows are read."""

    def __init__(self, field):
        self.field = field

    @property
    def queryset(self):
        return self.field.queryset

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield "", field.empty_label

        def read():
            queryset = self.queryset[: field.shown] if field.shown else self.queryset
            return list(named_choices(queryset, field.to_field_name, field.name_field))

        rows = kept.get(*field.menu, read) if field.menu else read()
        yield from rows
        if field.chosen and field.chosen not in {key for key, _name in rows}:
            chosen = self.queryset.filter(**{field.to_field_name: field.chosen})
            yield from named_choices(chosen, field.to_field_name, field.name_field)


class NamedChoiceFilterField(NamedChoices, django_filters.fields.ModelChoiceField):
    """A menu of rows whose queryset may be given as a function, called the first time
    it is needed (to check a submitted value, or read options not kept): most requests
    need none of a filter set's querysets, and building them was most of its cost."""

    iterator = KeptNamedChoiceIterator
    menu = None
    _make_queryset = None

    def _get_queryset(self):
        if self._make_queryset is not None:
            make, self._make_queryset = self._make_queryset, None
            self._queryset = make()
        return self._queryset

    def _set_queryset(self, queryset):
        if callable(queryset):  # a function, not a QuerySet
            self._make_queryset, self._queryset = queryset, None
        else:
            self._make_queryset = None
            self._queryset = None if queryset is None else queryset.all()
        self.widget.choices = self.choices

    queryset = property(_get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        result = super(forms.ChoiceField, self).__deepcopy__(memo)
        result.queryset = self._make_queryset or (
            None if self._queryset is None else self._queryset.all()
        )
        return result


class NamedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = NamedChoiceFilterField

    def get_queryset(self, request):
        """The queryset's function, for the field to call when it needs it."""
        if callable(self.queryset):
            return functools.partial(self.queryset, request)
        return self.queryset


#: The filter form (its fields, their errors, the buttons).
FORM_TEMPLATE = "includes/filter_form.html"


class MenuFilterSet(django_filters.FilterSet):
    """A filter set whose menus' options are kept (`press.kept`): ``kept_menus`` gives,
    for each menu kept, the models its options come from (their tags retire it)."""

    kept_menus: dict[str, list[str]] = {}
    #: {menu: what its options depend on in the query}: a menu whose options change with
    #: another filter (the events of the chosen trip) is kept once per value of it.
    variants: dict[str, str] = {}

    def menu(self, name: str) -> tuple[str, frozenset]:
        return self.kept_name(name), frozenset(self.kept_menus[name])

    def kept_name(self, name: str) -> str:
        variant = self.variants.get(name)
        return f"{type(self).__name__}.{name}" + (f"@{variant}" if variant else "")

    def kept_choices(self, name: str, read):
        """Choices for a `ChoiceFilter`'s ``extra``: ``read()``, kept."""
        return lambda: kept.get(*self.menu(name), read)

    def kept_fields(self):
        """(bound field, its widget's HTML) of each field of the form, for
        ``includes/filter_form.html``. A widget the reader gave no value and no error is
        what it is on the blank form: kept, with its menu's tags."""
        form = self.form
        for bound in form:
            yield bound, self.widget_html(bound)

    def widget_html(self, bound) -> str:
        form = self.form
        widget = bound.field.widget
        if form.is_bound and (
            not widget.value_omitted_from_data(form.data, form.files, bound.html_name)
            or bound.errors
        ):
            return str(bound)
        name = f"{self.kept_name(bound.name)}:widget"
        return kept.get(name, frozenset(self.kept_menus.get(bound.name, ())), lambda: str(bound))

    @classmethod
    def menu_tags(cls) -> frozenset:
        """What the menus show: every kept menu's tags."""
        return frozenset(tag for tags in cls.kept_menus.values() for tag in tags)

    @classmethod
    def shown_tags(cls, *, filtered: bool) -> frozenset:
        """What the list reads: its model, and, ``filtered``, what its filters go through
        (the menus' models, a superset)."""
        own = frozenset(of_models(cls._meta.model))
        return own | cls.menu_tags() if filtered else own

    @classmethod
    def blank_form(cls, queryset, request) -> str:
        """``includes/filter_form.html`` as an unfiltered list shows it (no value, no
        error), kept with every menu's tags; the filter set is made only to render it."""
        return kept.get(
            f"{cls.__name__}:form",
            cls.menu_tags(),
            lambda: render_to_string(
                FORM_TEMPLATE, {"filter": cls(None, queryset=queryset, request=request)}
            ),
        )

    def keep_menus(self) -> None:
        """Let the form's menus of rows (`NamedChoiceFilter`) be kept (once the form is
        built)."""
        for name, field in self.form.fields.items():
            if isinstance(field, NamedChoiceFilterField) and name in self.kept_menus:
                field.menu = self.menu(name)


class LabelledDateRangeWidget(django_filters.widgets.DateRangeWidget):
    """The two dates of a range, each with its own label ("From", "To") tied to it by id:
    the fieldset's legend names the range, not either input."""

    labels = (_("From"), _("To"))

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        parts = []
        for widget, sub, label in zip(
            self.widgets, context["widget"]["subwidgets"], self.labels, strict=True
        ):
            parts.append(
                format_html(
                    '<span class="filters__range"><label for="{}">{}</label>',
                    sub["attrs"]["id"],
                    label,
                )
            )
            parts.append(widget._render(widget.template_name, {"widget": sub}, renderer))
            parts.append(mark_safe("</span>"))
        return mark_safe("".join(parts))


def date_range_filter(field_name: str):
    """?<name>_after=…&<name>_before=…: both ends included."""
    return django_filters.DateFromToRangeFilter(
        label=_("Published between"), field_name=field_name, widget=LabelledDateRangeWidget()
    )


def event_filter():
    """?event=<engagement pk>: items about one public event (`press.event_filters`)."""
    return django_filters.ChoiceFilter(
        label=_("Event"), method="filter_event", empty_label=_("All events"), widget=PlainSelect
    )


def city_filter():
    """?city=<city slug>: items about events in that city."""
    return django_filters.ChoiceFilter(
        label=_("City"), method="filter_city", empty_label=_("All cities"), widget=PlainSelect
    )


class AboutEvents:
    """For a `MenuFilterSet` of items linked to the events they cover: the event menu (the
    chosen trip's events), and the city and country filters by the events' places."""

    def set_event_menus(self) -> None:
        """Call before the form is built."""
        data = self.data if self.is_bound else None
        trip = events.chosen_slug(data, "trip")
        event_key = events.chosen_key(data, "event")
        extra = self.filters["event"].extra
        if trip:
            self.variants = {**self.variants, "event": trip}
            choices = kept.get(*self.menu("event"), lambda: events.trip_events(trip))
            if data.get("event") and data.get("event") not in events.values(choices):
                # Not an event of this trip: most likely the reader changed the trip and
                # the old event stayed selected; the trip decides (nothing is looked up).
                self.data = data = data.copy()
                data.pop("event")
        elif event_key:
            choices = events.one_event(event_key)
        else:
            choices = []
            extra["help_text"] = events.EVENT_HELP
            extra["widget"] = PlainSelect(attrs={"aria-describedby": "id_event_help"})
        extra["choices"] = choices
        places = functools.cache(
            lambda: kept.get(self.kept_name("places"), events.PLACE_MENU, events.places)
        )
        if "city" in self.filters:
            self.filters["city"].extra["choices"] = lambda: events.city_choices(places())
        if "country" in self.filters:
            self.filters["country"].extra["choices"] = lambda: events.country_choices(places())

    def filter_event(self, queryset, name, value):
        return events.about_events(queryset, pk=int(value))

    def filter_city(self, queryset, name, value):
        return events.about_events(queryset, leg__city__slug=value)

    def filter_country(self, queryset, name, value):
        return events.about_events(queryset, leg__city__country=value)


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


class ReleaseFilter(AboutEvents, MenuFilterSet):
    trip = trip_filter()
    event = event_filter()
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
        widget=PlainSelect,
    )
    city = city_filter()
    official = NamedChoiceFilter(
        label=_("Official"),
        field_name="visit__official",
        to_field_name="slug",
        queryset=lambda request: Person.objects.filter(
            Exists(Visit.objects.published().filter(official=OuterRef("pk")))
        ),
        empty_label=_("All officials"),
    )
    published = date_range_filter("published_at__date")
    language = django_filters.ChoiceFilter(
        label=_("Available in"),
        choices=settings.LANGUAGES,
        method="filter_language",
        empty_label=_("Any language"),
    )

    class Meta:
        model = PressRelease
        fields = [
            "trip",
            "event",
            "topic",
            "country",
            "city",
            "official",
            "published",
            "language",
        ]

    kept_menus = {
        "trip": of_models(Visit),
        "event": events.EVENT_MENU,
        "topic": of_models(Topic, PressRelease),  # topics of public releases
        "country": events.PLACE_MENU,
        "city": events.PLACE_MENU,
        "official": of_models(Person, Visit),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_event_menus()
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set
        self.keep_menus()

    def filter_language(self, queryset, name, value):
        suffix = value.replace("-", "_")
        filled = ~Q(**{f"title_{suffix}": ""}) & Q(**{f"title_{suffix}__isnull": False})
        filled &= ~Q(**{f"body_{suffix}": ""}) & Q(**{f"body_{suffix}__isnull": False})
        return queryset.filter(filled)


class CoverageFilter(AboutEvents, MenuFilterSet):
    trip = trip_filter()
    event = event_filter()
    city = city_filter()
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
    date = date_range_filter("published_on")

    class Meta:
        model = Coverage
        fields = ["trip", "event", "city", "outlet", "language", "date"]

    kept_menus = {
        "trip": of_models(Visit),
        "event": events.EVENT_MENU,
        "city": events.PLACE_MENU,
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
        self.set_event_menus()
        keep_chosen(self.form, "trip")  # builds the form: last, once every filter is set
        self.keep_menus()

    def filter_article_language(self, queryset, name, value):
        return queryset.filter(language=value)
