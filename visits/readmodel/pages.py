"""Which pages the read model holds: one `PageKind` per kind of item page.

A URL configuration registers a kind with `read_model_page`, which also wraps the view
(`visits.readmodel.reading.serve`). The registry is complete once the URL configurations
are loaded (`registry` loads them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.db.models import QuerySet


@dataclass(frozen=True)
class PageKind:
    """The page of one kind of item, as the read model builds and serves it.

    ``rows()`` is every item whose page opens (its door: ``published()`` or, for a
    release, ``on_record()``); ``lookup`` the URL's keyword that names an item (``slug``,
    ``pk``); ``members_of`` the models whose lists of members the page shows (a trip's
    releases), besides the item's own. ``card``, when lists show the item: (template,
    the name it knows the item by, the rows with what the card shows selected and
    prefetched); the card is kept beside the page (`ReadRow.card`). ``facts(ids,
    language)``, when feeds or sitemaps read the item: {pk: JSON-able dict} kept as
    `ReadRow.facts`."""

    kind: str
    url_name: str
    view: Callable
    rows: Callable[[], QuerySet]
    lookup: str | tuple[tuple[str, str], ...] = "pk"
    members_of: tuple[str, ...] = field(default=("visits.visit", "visits.leg", "visits.engagement"))
    card: tuple[str, str, Callable[[], QuerySet]] | None = None
    facts: Callable[[list, str], dict] | None = None

    @property
    def model(self):
        return self.rows().model

    @property
    def lookups(self) -> dict[str, str]:
        """{URL keyword: the field it names}, for one keyword or several."""
        if isinstance(self.lookup, str):
            return {self.lookup: self.lookup}
        return dict(self.lookup)

    def values_of(self, kwargs: dict) -> dict:
        """The URL's values that name an item, from a view's keyword arguments."""
        return {keyword: kwargs[keyword] for keyword in self.lookups}

    def door(self, values: dict) -> QuerySet:
        """The item named by the URL's ``values`` ({keyword: value}) if readers may open
        its page: the one door decides."""
        return self.rows().filter(
            **{field: values[keyword] for keyword, field in self.lookups.items()}
        )


_registry: dict[str, PageKind] = {}


def register(kind: PageKind) -> None:
    _registry[kind.kind] = kind


def registry() -> dict[str, PageKind]:
    """Every kind, by its name (the model's label, ``press.pressrelease``)."""
    import_module(settings.ROOT_URLCONF)  # the URL configurations register the kinds
    return _registry


def read_model_page(*, url_name: str, rows: Callable[[], QuerySet], lookup="pk", **options):
    """Register ``view`` as the page of the items ``rows()`` and serve it from the read
    model: ``path("releases/<slug:slug>/", public_page(read_model_page(...)(view)))``.
    ``lookup``: a URL keyword, or {URL keyword: field} for several (`PageKind.lookup`)."""
    if isinstance(lookup, dict):
        lookup = tuple(lookup.items())
    from .reading import serve

    def decorator(view):
        model = rows().model
        kind = PageKind(
            kind=model._meta.label_lower,
            url_name=url_name,
            view=view,
            rows=rows,
            lookup=lookup,
            **options,
        )
        register(kind)
        return serve(kind)

    return decorator
