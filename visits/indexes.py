"""Index pages of the people and places the public trips involve (``/people/``, ``/places/``),
and the order every index reads names in.

Only rows public through a public trip are listed (`ReferencedQuerySet.published`), so an
index cannot reveal a person or place only an unpublished trip involves. Names are shown in
the reader's language, falling back as every page does (``{% tfield %}``), and the rows are
ordered by the name the reader sees, in the database, so that pages of a long index follow
on from one another.
"""

from itertools import groupby

from django.conf import settings
from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language
from django.views.generic import ListView
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname, resolution_order

from .models import Person, Place
from .views import PublishedMixin


def translated_order(field: str, through: str = ""):
    """An expression of ``field`` as the reader sees it (their language's column, else the
    first filled in the fallback order: `visits.choices.named_choices` reads the same),
    in lower case, to order rows by; ``through`` is a relation's prefix (``"city__"``).

    Each script sorts by the database's collation: Latin and Hangul alphabetically, Han
    characters and kana by code point (their readings are not in the database)."""
    order = resolution_order(get_language(), settings.MODELTRANSLATION_FALLBACK_LANGUAGES)
    text = CharField()
    columns = [
        NullIf(
            F(f"{through}{build_localized_fieldname(field, code)}"), Value(""), output_field=text
        )
        for code in order
    ]
    return Lower(Coalesce(*columns, Value(""), output_field=text))


def country_order(codes, field: str = "country"):
    """An expression ranking rows by the name of their country (``field``, a
    django-countries code) in the reader's language: names are translated in Python, so
    the database is given each code's rank."""
    ranked = sorted(set(codes), key=lambda code: str(countries.name(code)).casefold())
    return Case(
        *(When(**{field: code}, then=Value(rank)) for rank, code in enumerate(ranked)),
        default=Value(len(ranked)),
        output_field=IntegerField(),
    )


class PersonListView(PublishedMixin, ListView):
    """Everyone a public trip involves (its official, the people its engagements met),
    with their role and organisation, by name."""

    model = Person
    template_name = "visits/person_list.html"
    paginate_by = 50

    def get_queryset(self):
        # A public person's organisation is public too (`OrganizationQuerySet.visit_paths`
        # reaches it through the same trips), so it is linked without a check.
        return (
            Person.objects.published()
            .select_related("organization")
            .order_by(translated_order("name"), "pk")
        )


class PlaceListView(PublishedMixin, ListView):
    """Every place a public trip went to, by country, then city, then name, each with the
    larger place it lies in (when the public may see that one)."""

    model = Place
    template_name = "visits/place_list.html"
    paginate_by = 100

    def get_queryset(self):
        places = Place.objects.published()
        codes = places.order_by().values_list("city__country", flat=True).distinct()
        return (
            places.select_related("city", "parent")
            .annotate(
                # A public place's parent is public when an engagement was in the parent or a
                # place inside it; one that is itself only the parent of a parent is not.
                parent_is_public=Exists(Place.objects.published().filter(pk=OuterRef("parent")))
            )
            .order_by(
                country_order(list(codes), "city__country"),
                translated_order("name", "city__"),
                "city_id",
                translated_order("name"),
                "pk",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["countries"] = by_country_and_city(context["object_list"])
        return context


def by_country_and_city(places) -> list:
    """[(country, [(city, [place, …]), …]), …] in the places' order: a country or city
    may go on from the previous page, under its heading again."""
    countries_shown = []
    for _code, in_country in groupby(places, lambda place: place.city.country.code):
        cities = []
        for _city, in_city in groupby(in_country, lambda place: place.city_id):
            in_city = list(in_city)
            cities.append((in_city[0].city, in_city))
        countries_shown.append((cities[0][0].country, cities))
    return countries_shown
