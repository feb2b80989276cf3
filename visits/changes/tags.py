"""Dependency tags: what a change touches, and what a page or a read-model row shows.

One vocabulary serves the read model (which rows to build again), the page cache (which
cached pages to retire) and a CDN in front (the ``Surrogate-Key`` / ``Cache-Tag`` headers):

- ``press.pressrelease:12``: the fields of one row. A page that loaded the row to show
  it depends on it; saving or deleting the row touches it.
- ``visits.visit:3/members``: the set of rows that belong to one row (the releases,
  coverage and photos of a trip; a release's topics, photos and engagements). Saving or
  deleting a row touches the ``/members`` tag of every row its foreign keys point to, and
  a many-to-many change touches both sides' ``/members``; a page that lists a row's
  members (a trip's "more on this trip") depends on it.
- ``press.pressrelease``: any row of the model (the lists, feeds and sitemaps that show
  every release).
- ``*`` (`ANY`): everything; a change no row names (`visits.changes.content_changed`).

Pages declare theirs with `depend` (or their URL configuration, `of_models` for a list);
a page's tags also go out to a CDN (`for_header`). The tags each committed change touched
are kept with the content version it moved to (`visits.changes.version`).

A change's tags are worked out at the change itself (a watcher of the change pipeline, so
that a row about to be deleted still names its trip) and ride on the transaction's batch
under `TOPIC`; the listeners hear them once the transaction commits.

Known gap: a row moved from one trip to another touches the new trip's ``/members`` only
(the old value is not known at the save); the old trip's pages that showed the row depend
on the row's own tag and retire through it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from django.apps import apps

from .commits import DELETING, LINKED
from .signals import is_content

#: Everything.
ANY = "*"
#: The change pipeline's topic for the tags a transaction touched.
TOPIC = "tags"
#: The suffix of a members tag.
MEMBERS = "/members"


def model_tag(model) -> str:
    return model._meta.concrete_model._meta.label_lower


def item_tag(model, pk) -> str:
    return f"{model_tag(model)}:{pk}"


def members_tag(model, pk) -> str:
    return f"{model_tag(model)}:{pk}{MEMBERS}"


@cache
def _containers(model) -> tuple[tuple[str, object], ...]:
    """(attname, related model) of the foreign keys of ``model`` to content rows."""
    return tuple(
        (field.attname, field.related_model)
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model and is_content(field.related_model)
    )


def of_change(change, instance) -> list[str]:
    """The tags one change touches (the watcher; see the module)."""
    if change.model is None:
        return [ANY]
    if change.kind == DELETING:
        return []  # the DELETED change that follows carries the same instance
    model = change.model
    tags = [model_tag(model)]
    if change.kind == LINKED:
        tags.append(members_tag(model, change.pk))
    else:
        tags.append(item_tag(model, change.pk))
    if instance is not None:
        for attname, related in _containers(model):
            value = getattr(instance, attname, None)
            if value is not None:
                tags.append(members_tag(related, value))
    return tags


def of_instance(instance) -> str:
    return item_tag(type(instance), instance.pk)


def depend(request, tags: Iterable[str]) -> None:
    """The page being built for ``request`` shows what ``tags`` name (the page cache keys
    it by them). A page that declares nothing depends on everything."""
    request.__dict__.setdefault("_pressroom_tags", set()).update(tags)


def of_request(request) -> set[str]:
    """What the page built for ``request`` depends on: `ANY` unless it said."""
    return request.__dict__.get("_pressroom_tags") or {ANY}


def parse(text: str) -> list[str]:
    return text.split()


def join(tags: Iterable[str]) -> str:
    return " ".join(sorted(set(tags)))


def content_model(label: str):
    """The model of a tag's label (``press.pressrelease``), or None."""
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def of_models(*models) -> list[str]:
    """The model tags of ``models``: what a list, feed or sitemap that shows any of their
    rows depends on (``public_page(view, tags=of_models(PressRelease, Topic))``)."""
    return [model_tag(model) for model in models]


def checked(tags: Iterable[str]) -> frozenset[str]:
    """``tags``, each checked to name a model (a misspelt tag would never be touched, and
    a page depending on it would never retire)."""
    tags = frozenset(tags)
    for tag in tags:
        label = tag.split(":", 1)[0]
        if tag != ANY and content_model(label) is None:
            raise ValueError(f"{tag!r} names no model.")
    return tags


#: The longest ``Surrogate-Key`` / ``Cache-Tag`` header value a page carries: far below
#: the CDNs' limits (16 KB at Fastly and Cloudflare) and the 4 KB a proxy may keep for a
#: response's headers, both headers together.
HEADER_LIMIT = 1024


def for_header(tags: Iterable[str]) -> list[str]:
    """The tags a page names to a CDN (sorted): all of them while they fit in
    `HEADER_LIMIT` characters; else each row's tag replaced by its model's (every change
    to a row touches its model's tag, so the page still retires when it must, and more
    often), ``/members`` tags kept; else `ANY` alone (the page retires on every change)."""
    tags = sorted(set(tags))
    if ANY in tags:
        return [ANY]
    if _length(tags) <= HEADER_LIMIT:
        return tags
    coarser = sorted({tag if tag.endswith(MEMBERS) else tag.split(":", 1)[0] for tag in tags})
    if _length(coarser) <= HEADER_LIMIT:
        return coarser
    return [ANY]


def _length(tags: list[str]) -> int:
    return sum(map(len, tags)) + max(len(tags) - 1, 0)
