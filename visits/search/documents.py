"""What is searchable: one `Document` per kind of item, registered by its app.

A document says which rows it indexes, what text each language of a row has, when the
public may find that language (``public_from``), how the public loads the items
(always through ``published()``), and which other saves change its entries (a trip
published makes the people it met findable).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Min
from django.utils.html import strip_tags

from ..text import LANGUAGE_CODES, Translated, translated_field, translation_of
from ..timezone import in_newsroom


def on_day(day: dt.date | None, time: dt.time | None = None) -> dt.datetime | None:
    """A date without a time (a trip's start, an article's day) at noon in the newsroom."""
    if day is None:
        return None
    return in_newsroom(day, time or dt.time(12))


def plain(*parts) -> str:
    """Readable text from fields (rich text loses its tags), one paragraph each."""
    return "\n".join(strip_tags(part).strip() for part in parts if part and part.strip())


@dataclass
class Entry:
    """One language of one item, as readable text."""

    language: str
    title: str
    body: str = ""
    date: dt.datetime | None = None
    trip_id: int | None = None
    public_from: dt.datetime | None = None


class Document:
    kind: str = ""
    model_label: str = ""
    #: Translated fields making the title and the body, in this order.
    title_field = "name"
    body_fields: tuple[str, ...] = ()
    #: Between items that match as well, lower tiers rank first (`visits.search.Search`).
    rank_tier = 2

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    #: The order in which a rebuild indexes the rows: oldest first.
    index_order: tuple[str, ...] = ("pk",)
    #: What `text` reads beside the row, loaded with it.
    related: tuple[str, ...] = ()
    prefetch: tuple[str, ...] = ()

    def rows(self):
        """Every row to index (drafts too), ready for `entries`."""
        return self.for_results(self.model._default_manager.all())

    def public(self, language: str | None = None):
        """The items the public may see: the one door, ``published()``."""
        return self.model._default_manager.published()

    def for_results(self, queryset):
        """What `text` and a result card read, without a query per item."""
        return queryset.select_related(*self.related).prefetch_related(*self.prefetch)

    def visible_languages(self, obj) -> tuple[str, ...]:
        """Languages of ``obj`` whose text a reader may see (all, unless said)."""
        return self.languages(obj)

    def display_title(self, obj, language: str) -> Translated:
        """The title a reader of ``language`` sees, with the usual fallback."""
        return translated_field(obj, self.title_field, language)

    def text(self, obj, language: str) -> tuple[str, str]:
        """(title, body) of ``obj`` in ``language``, readable, without fallback."""
        title = translation_of(obj, self.title_field, language)
        return title, plain(*(translation_of(obj, f, language) for f in self.body_fields))

    def shown_text(self, obj, language: str) -> tuple[str, str, str]:
        """(title, subtitle, body) of ``obj`` in ``language`` as a result shows them
        (`snippets`): what a reader would read, without what is indexed only to be found
        (a release's number)."""
        title, body = self.text(obj, language)
        return title, "", body

    def languages(self, obj) -> tuple[str, ...]:
        """Languages in which ``obj`` may have text."""
        return LANGUAGE_CODES

    def entries(self, obj, context=None) -> list[Entry]:
        found = []
        for code in self.languages(obj):
            title, body = self.text(obj, code)
            if title.strip() or body.strip():
                found.append(Entry(code, title, body, **self.entry_facts(obj, code, context)))
        return found

    def entry_facts(self, obj, language: str, context) -> dict:
        """Date, trip and public time of an entry."""
        return {}

    def context(self, objs) -> dict | None:
        """Facts about a batch of rows that `entries` needs, fetched in a few queries."""
        return None

    #: {model label: function(instance) -> ids of this kind to index again}
    def watches(self) -> dict:
        return {self.model_label: lambda instance: [instance.pk]}


class ReferencedDocument(Document):
    """People, places and organisations: public through a published trip, so findable
    from the first publication time among the approved trips that reach them."""

    def context(self, objs):
        from ..models import Visit
        from ..publishing import APPROVED

        ids = [obj.pk for obj in objs]
        first: dict[int, dt.datetime] = {}
        approved = Visit.objects.filter(status__in=APPROVED, published_at__isnull=False)
        for path in self.model._default_manager.none().visit_paths:
            rows = (
                approved.filter(**{f"{path}__in": ids})
                .values_list(path)
                .annotate(first=Min("published_at"))
            )
            for pk, when in rows:
                if pk is not None and (pk not in first or when < first[pk]):
                    first[pk] = when
        return first

    def entry_facts(self, obj, language, context):
        return {"public_from": (context or {}).get(obj.pk)}

    def visits_reaching(self, visit_ids):
        """Ids of this kind reached by any of the trips ``visit_ids``."""
        from ..models import Visit

        ids = set()
        for path in self.model._default_manager.none().visit_paths:
            ids.update(
                Visit.objects.filter(pk__in=visit_ids, **{f"{path}__isnull": False})
                .values_list(path, flat=True)
                .distinct()
            )
        return ids

    def watches(self):
        return {
            **super().watches(),
            "visits.Visit": lambda visit: self.visits_reaching([visit.pk]),
            "visits.Engagement": lambda engagement: self.visits_reaching([engagement.visit_id]),
        }


class VisitDocument(Document):
    kind = "trip"
    model_label = "visits.Visit"
    title_field = "title"
    body_fields = ("summary", "purpose")
    rank_tier = 0

    index_order = ("start_date", "pk")
    related = ("official",)
    prefetch = ("legs__city", "engagements")

    def text(self, obj, language):
        title, body = super().text(obj, language)
        extra = [translation_of(obj.official, "name", language)]
        extra += [translation_of(leg.city, "name", language) for leg in obj.legs.all()]
        for engagement in obj.engagements.all():
            extra += [
                translation_of(engagement, "title", language),
                translation_of(engagement, "description", language),
            ]
        return title, plain(body, *extra)

    def entry_facts(self, obj, language, context):
        from ..publishing import APPROVED

        return {
            "date": on_day(obj.start_date),
            "trip_id": obj.pk,
            "public_from": obj.published_at if obj.status in APPROVED else None,
        }

    def watches(self):
        return {
            **super().watches(),
            "visits.Leg": lambda leg: [leg.visit_id],
            "visits.Engagement": lambda engagement: [engagement.visit_id],
        }


class PersonDocument(ReferencedDocument):
    kind = "person"
    model_label = "visits.Person"
    body_fields = ("role",)

    related = ("organization",)

    def text(self, obj, language):
        title, body = super().text(obj, language)
        if obj.organization:
            body = plain(body, translation_of(obj.organization, "name", language))
        return title, body


class PlaceDocument(ReferencedDocument):
    kind = "place"
    model_label = "visits.Place"
    body_fields = ("description",)

    related = ("city",)

    def text(self, obj, language):
        title, body = super().text(obj, language)
        return title, plain(body, translation_of(obj.city, "name", language))


class OrganizationDocument(ReferencedDocument):
    kind = "organization"
    model_label = "visits.Organization"


#: kind → Document, in the order results are offered as filters.
REGISTRY: dict[str, Document] = {}
KIND_ORDER = ("release", "coverage", "trip", "person", "place", "organization")


def register(document: Document) -> Document:
    REGISTRY[document.kind] = document
    ordered = sorted(REGISTRY.values(), key=lambda d: KIND_ORDER.index(d.kind))
    REGISTRY.clear()
    REGISTRY.update((d.kind, d) for d in ordered)
    return document


def document_for_model(model) -> Document | None:
    label = model._meta.label
    return next((d for d in REGISTRY.values() if d.model_label == label), None)


def register_visits() -> None:
    for document in (VisitDocument(), PersonDocument(), PlaceDocument(), OrganizationDocument()):
        register(document)
