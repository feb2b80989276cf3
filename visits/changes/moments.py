"""When public content changes by time alone: each kind's next moment (a scheduled
publication, a language's own time, a withdrawal set for later) and the horizon, the first
of them. The page cache keeps pages, and the read model its rows, until then.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.apps import apps
from django.db.models import QuerySet, Subquery
from django.utils import timezone

from ..publishing import APPROVED, Publishable
from .version import content_version

#: Functions ``now -> {name: queryset}``: each queryset gives, first, the next moment after
#: ``now`` at which something public changes by time alone. Apps add theirs with
#: `register_moments`; all are read in one query.
_moment_sources: list[Callable[[datetime], dict[str, QuerySet]]] = []


def register_moments(source: Callable[[datetime], dict[str, QuerySet]]) -> None:
    if source not in _moment_sources:
        _moment_sources.append(source)


def scheduled_publications(now: datetime) -> dict[str, QuerySet]:
    """The next publication time of an approved item, for every publishable model."""
    return {
        model._meta.label_lower.replace(".", "_"): model._default_manager.filter(
            status__in=APPROVED, published_at__gt=now
        )
        .order_by("published_at")
        .values_list("published_at", flat=True)
        for model in apps.get_models()
        if issubclass(model, Publishable)
    }


def next_midnight(now: datetime) -> datetime:
    """The next change of date where the newsroom is (what is "under way" changes)."""
    today = timezone.localdate(now)
    return timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()))


def moments(now: datetime) -> dict[str, QuerySet]:
    """Every source's next moment after ``now`` (see `register_moments`)."""
    querysets = {}
    for source in (scheduled_publications, *_moment_sources):
        querysets.update(source(now))
    return querysets


def horizon_of(now: datetime, found: Iterable) -> float:
    return min(moment for moment in [*found, next_midnight(now)] if moment).timestamp()


def generation_and_horizon() -> tuple[tuple, float]:
    """The content version (its number and the time it moved, so that a database started
    afresh never meets the pages of an old one) and the horizon as a timestamp: the first
    moment at which a page may change with no save. One query: each source's next moment
    is a subquery that reads one index entry."""
    now = timezone.now()
    querysets = moments(now)
    row = content_version(**{name: Subquery(qs[:1]) for name, qs in querysets.items()})
    if row:
        generation, found = (row[0], row[1]), row[2:]
    else:  # no change recorded yet
        generation, found = (0, None), [qs.first() for qs in querysets.values()]
    return generation, horizon_of(now, found)
