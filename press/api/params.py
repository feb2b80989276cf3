"""The query parameters of the API's lists, as schemas (the OpenAPI schema lists each
one; a value of the wrong type or out of range is a 422 before any query)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from ninja import Field, Schema
from pydantic import BeforeValidator, StringConstraints

from .paging import DEFAULT_LIMIT, MAX_LIMIT
from .schemas import Language

#: A slug: ASCII letters, digits, hyphens and underscores (nothing a database refuses).
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", max_length=100)]
Key = Annotated[int, Field(ge=1, le=2**31 - 1)]
#: A language of the site, in any case (BCP 47 clients send ``zh-Hans``).
Lang = Annotated[
    Language, BeforeValidator(lambda value: value.lower() if isinstance(value, str) else value)
]


class Common(Schema):
    lang: Lang = Field("en", description="The language of translated fields.")
    cursor: Annotated[str, StringConstraints(max_length=500)] | None = Field(
        None, description="Where a page starts: the cursor in the previous page's 'next' URL."
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")


#: Words to look for, as the site's search reads them (in the languages that are out).
Words = Annotated[str, StringConstraints(max_length=200)]


class About(Common):
    q: Words | None = Field(None, description="Words to look for (as the site's search).")
    trip: Slug | None = Field(None, description="A public trip's slug.")
    event: Key | None = Field(None, description="A public event's id.")
    city: Slug | None = Field(None, description="Items about events in this city (its slug).")


class ReleaseQuery(About):
    topic: Slug | None = Field(None, description="A public topic's slug.")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Items about events in this country (ISO 3166 code)."
    )
    official: Slug | None = Field(None, description="The official leading the trip (slug).")
    published_after: date | None = Field(None, description="Published on or after this day.")
    published_before: date | None = Field(None, description="Published on or before this day.")
    language: Lang | None = Field(None, description="Releases out in this language.")


class CoverageQuery(About):
    outlet: Slug | None = Field(None, description="A public outlet's slug.")
    language: Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z]{2,8}$")] | None = Field(
        None, description="The article's language."
    )
    date_after: date | None = Field(None, description="Published on or after this day.")
    date_before: date | None = Field(None, description="Published on or before this day.")


class TripQuery(Common):
    official: Slug | None = Field(None, description="The official leading the trip (slug).")
    city: Slug | None = Field(None, description="Trips with a leg in this city (its slug).")
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="Trips with a leg in this country (ISO 3166 code)."
    )
    year: int | None = Field(None, ge=1900, le=2200, description="Trips under way that year.")
    date_after: date | None = Field(None, description="Trips ending on or after this day.")
    date_before: date | None = Field(None, description="Trips starting on or before this day.")


class PhotoQuery(Common):
    trip: Slug | None = Field(None, description="Photos of a public trip (its slug).")
    release: Slug | None = Field(None, description="Photos of a public release (its slug).")


class LangQuery(Schema):
    lang: Lang = Field("en", description="The language of translated fields.")
