"""Cursor pagination for the API: a list is read in a fixed order of (date, key), newest
first, and a cursor names the last item a reader saw by those values, signed so that a
cursor cannot be made up (nor carry a lookup of its own). The next page is the items after
it in that order, whatever was published meanwhile: a walk sees each item once.

A cursor is opaque to readers: ``next`` in each answer is the URL of the following page
(the same filters, the cursor replaced). Imports nothing of the project's models.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Q

from .errors import BadParameter

SALT = "press.api.cursor"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


@dataclass(frozen=True)
class Order:
    """A list's order: its fields (the last is the primary key), all descending or all
    ascending, under a name that a cursor carries (a cursor of one list is refused by
    another)."""

    name: str
    fields: tuple[str, ...]
    descending: bool = True

    def order_by(self) -> list[str]:
        sign = "-" if self.descending else ""
        return [f"{sign}{field}" for field in self.fields]

    def after(self, values: list) -> Q:
        """The rows that come after the row with ``values`` in this order."""
        op = "lt" if self.descending else "gt"
        condition = Q()
        for index, field in enumerate(self.fields):
            equal = dict(zip(self.fields[:index], values, strict=False))
            condition |= Q(**equal, **{f"{field}__{op}": values[index]})
        return condition


def encode(order: Order, item) -> str:
    values = [_text(getattr(item, field)) for field in order.fields]
    return signing.dumps([order.name, values], salt=SALT, compress=True)


def _text(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def decode(order: Order, model, cursor: str) -> list:
    """The values a cursor of ``order`` carries, as the model's fields hold them; a
    cursor that is not one of ours, or of another list, is a `BadParameter`."""
    try:
        name, texts = signing.loads(cursor, salt=SALT)
        if name != order.name or len(texts) != len(order.fields):
            raise ValueError(name)
        return [
            model._meta.get_field(field if field != "pk" else model._meta.pk.name).to_python(text)
            for field, text in zip(order.fields, texts, strict=True)
        ]
    except (signing.BadSignature, ValueError, TypeError, ValidationError) as error:
        raise BadParameter(
            "cursor", "Unknown cursor: use the 'next' URL of a previous page."
        ) from error


def page(
    request, queryset, order: Order, *, cursor: str | None, limit: int
) -> tuple[list, str | None]:
    """(the items of the page after ``cursor``, the URL of the next page or None), in one
    query (one more row is read to know whether a next page exists)."""
    queryset = queryset.order_by(*order.order_by())
    if cursor:
        queryset = queryset.filter(order.after(decode(order, queryset.model, cursor)))
    items = list(queryset[: limit + 1])
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    query = request.GET.copy()
    query["cursor"] = encode(order, items[-1])
    return items, request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
