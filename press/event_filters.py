"""Filters by what an item is about: the events (engagements) a release or an article
covers, and their cities and countries.

"City: Paris" means releases (or articles) about events in Paris, not every item of a trip
that passed through Paris: a trip to Paris and London has releases about each city, and a
reader asking for Paris wants the first. An item is about an event when an editor linked it
to the engagement (``engagements``); items linked to none are about no city.

Only public engagements count (those of a public trip), so a filter cannot show that an
item is about an event of a trip still unpublished. The menus offer public rows only.

The event menu lists the events of the trip chosen (server-side, no script: a reader picks
a trip, applies, then picks one of its events), in itinerary order, grouped by city. A link
from an event page names its trip and its event; an event given alone is still honoured.
With a trip chosen, an event not among its events is dropped, with nothing looked up: the
reader most likely changed the trip while the old event stayed selected, and the trip
decides. Without a trip, a value that is no public event is an error, like a bad trip.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import slug_re
from django.db.models import Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname, resolution_order

from visits.changes.tags import of_models
from visits.models import City, Engagement, Leg, Visit
from visits.publishing.publishable import public_q

#: What the event menu shows: a public trip's engagements, their legs' cities.
EVENT_MENU = of_models(Engagement, Leg, City, Visit)
#: What the city and country menus show: the cities of public trips' legs.
PLACE_MENU = of_models(City, Leg, Visit)


def about_events(queryset, **lookups):
    """The items of ``queryset`` (releases or coverage) that cover a public engagement
    matching ``lookups`` (on the engagement: ``leg__city__slug=…``)."""
    model = queryset.model
    through = model.engagements.through
    links = through.objects.filter(
        public_q("engagement__visit__"),
        **{model._meta.model_name: OuterRef("pk")},
        **{f"engagement__{lookup}": value for lookup, value in lookups.items()},
    )
    return queryset.filter(Exists(links))


def translated_columns(field: str, prefix: str = "") -> list[str]:
    """The columns of ``field`` in the order a reader's language falls back."""
    order = resolution_order(get_language(), settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    return [prefix + build_localized_fieldname(field, code) for code in order]


def first_filled(names, default: str) -> str:
    return next((name for name in names if name), default)


def sort_key(text: str) -> str:
    return text.casefold()


def places() -> list:
    """The countries and cities of public trips' legs, in the reader's language: [(country
    code, country name, [(city slug, city name), ...]), ...], the countries by their name,
    the cities in each by theirs. One read serves the city and the country menus."""
    columns = translated_columns("name")
    groups: dict[str, list] = {}
    for slug, code, *names in (
        City.objects.published().order_by().values_list("slug", "country", *columns)
    ):
        groups.setdefault(code, []).append((slug, first_filled(names, slug)))
    found = [
        (code, str(countries.name(code)) or code, sorted(cities, key=lambda c: sort_key(c[1])))
        for code, cities in groups.items()
    ]
    return sorted(found, key=lambda country: sort_key(country[1]))


def city_choices(places: list) -> list:
    """The city menu: cities grouped by country (optgroups)."""
    return [(name, cities) for _code, name, cities in places]


def country_choices(places: list) -> list:
    return [(code, name) for code, name, _cities in places]


def chosen_slug(data, name: str) -> str | None:
    """The value of ``name`` in a filter's query, if it can be a slug at all."""
    value = data.get(name) if data is not None else None
    return value if value and slug_re.fullmatch(str(value)) else None


def chosen_key(data, name: str) -> str | None:
    """The value of ``name`` if it can be a row's key (digits, and not absurdly many)."""
    value = str(data.get(name) or "") if data is not None else ""
    return value if value.isascii() and value.isdigit() and len(value) < 10 else None


def event_choices(engagements, *, grouped: bool) -> list:
    """(pk, "date · title") of ``engagements`` in itinerary order; ``grouped``: under
    their leg's city, the legs in the trip's order."""
    titles = translated_columns("title")
    cities = translated_columns("name", "leg__city__")
    rows = engagements.order_by("leg__order", "date", "start_time", "pk").values_list(
        "pk", "date", "leg_id", *titles, *cities
    )
    groups: dict[int, tuple[str, list]] = {}
    for pk, day, leg, *names in rows:
        title = first_filled(names[: len(titles)], "")
        label = f"{date_format(day, 'DATE_FORMAT')} · {title}"
        city = first_filled(names[len(titles) :], "")
        groups.setdefault(leg, (city, []))[1].append((str(pk), label))
    if grouped:
        return [(city, options) for city, options in groups.values()]
    return [option for _city, options in groups.values() for option in options]


def trip_events(trip_slug: str) -> list:
    """The event menu of a chosen trip (public trips only)."""
    engagements = Engagement.objects.published().filter(visit__slug=trip_slug)
    return event_choices(engagements, grouped=True)


def one_event(pk: str) -> list:
    """The event menu when no trip is chosen: the event given, if public."""
    return event_choices(Engagement.objects.published().filter(pk=pk), grouped=False)


def values(choices) -> set[str]:
    """Every value of a menu's (possibly grouped) choices."""
    found = set()
    for value, label in choices:
        if isinstance(label, list | tuple):
            found.update(key for key, _label in label)
        else:
            found.add(value)
    return found


EVENT_HELP = _("Choose a trip and apply the filters to list its events.")
