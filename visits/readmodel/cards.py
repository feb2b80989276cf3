"""Cards: a list's items as the read model keeps them (`ReadRow.card`), one statement for
a whole page of a list.

The list decides which items it shows and in what order, through its own door
(``published()`` and its filters), and reads their keys alone; `cards` then reads those
items' cards in the reader's language. A row's card is used while the row is valid (its
horizon has not passed, and it is not stale: as `reading.read` judges a page). An item
whose card is missing or not valid any more is rendered from the ORM by the template its
kind registered (`PageKind.card`: what it would have been), for that item only, in a
constant number of queries however many are missing, and its rows are queued to be built
again. So a card never decides visibility, and a missing card is never a missing item.

Unlike an item page (`reading.IMMEDIATE`), a list does not build missing rows at once in
tests: a list's queries must not grow with the number of items it shows
(tests/test_filters.py counts a first request), and building a row renders each item's
whole page in every language.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..changes import tags as tagging
from . import reading
from .pages import registry
from .rows import ReadRow

logger = logging.getLogger(__name__)


def cards(kind_name: str, keys: Iterable) -> list[SafeString]:
    """The cards, in the active language, of the items ``keys`` of a kind (the keys a list
    read through its door, in its order). Cards were rendered by our own templates, with
    autoescaping: they are safe HTML."""
    keys = list(keys)
    if not keys:
        return []
    language = get_language()
    found = read(kind_name, keys, language)
    missing = [pk for pk in keys if pk not in found]
    if missing:
        from .building import cards as render

        queue(kind_name, missing)
        found.update(render(registry()[kind_name], missing, language))
    # An item gone between the two statements (unpublished meanwhile) is left out.
    return [mark_safe(found[pk]) for pk in keys if pk in found]


def read(kind_name: str, keys: list, language: str) -> dict:
    """{key: card} of the rows of ``keys`` that have a card and are valid (as
    `reading.read` judges a page: its horizon has not passed, and it is not stale)."""
    now = timezone.now()
    rows = ReadRow.objects.filter(
        kind=kind_name, language=language, object_id__in=keys
    ).values_list("object_id", "card", "tags", "version", "valid_until")
    return {
        pk: card
        for pk, card, tag_text, version, valid_until in rows
        if card
        and (valid_until is None or valid_until > now)
        and not reading.stale(tagging.parse(tag_text), version)
    }


def queue(kind_name: str, keys: list) -> None:
    """Ask for the rows of ``keys`` to be built, in one task (each item at most once a
    minute from this process, as `reading.queue`)."""
    from ..tasks import enqueue_on_commit
    from .upkeep import build_rows

    due = [pk for _kind, pk in reading.due([(kind_name, pk) for pk in keys])]
    if due:
        logger.info("The read model has no current card for %s %s: queued.", kind_name, due)
        enqueue_on_commit(build_rows, kind_name, due)
