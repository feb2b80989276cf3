"""What the API answers, as pydantic schemas (the OpenAPI schema's components).

Every translated field is a `Text`: ``{"value": ..., "lang": ...}``, where ``lang`` is
the language the value is really in. It is the language asked for (``?lang=``) unless
that one is empty and the value fell back (to English, then Korean, then the others;
for a release's text only among the languages that are out); an empty value in every
language is ``{"value": "", "lang": null}``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Literal

from ninja import Schema

Language = Literal["en", "ko", "zh-hans", "ja"]


class Text(Schema):
    value: str
    lang: Language | None


class TripRef(Schema):
    slug: str
    url: str
    title: Text


class TopicRef(Schema):
    slug: str
    url: str
    name: Text


class Rendition(Schema):
    url: str
    width: int
    height: int | None = None
    type: str


class PhotoOut(Schema):
    id: int
    url: str
    caption: Text
    alt_text: Text
    credit: str
    width: int
    height: int
    taken_at: datetime | None
    original: str
    renditions: list[Rendition]
    trip: TripRef | None


class EventRef(Schema):
    id: int
    slug: str
    url: str
    date: date
    start_time: time | None
    kind: str
    title: Text


class Named(Schema):
    slug: str
    name: Text


class EventOut(EventRef):
    description: Text
    place: Named | None
    people: list[Named]
    organizations: list[Named]


class City(Schema):
    slug: str
    name: Text
    country: str


class LegOut(Schema):
    order: int
    city: City
    start_date: date
    end_date: date
    events: list[EventOut]


class Official(Schema):
    slug: str
    name: Text
    role: Text


class TripOut(Schema):
    slug: str
    url: str
    title: Text
    summary: Text
    purpose: Text
    start_date: date
    end_date: date
    published_at: datetime
    official: Official | None
    legs: list[LegOut]


class ReleaseOut(Schema):
    id: str
    slug: str
    number: str | None
    url: str
    published_at: datetime
    original_language: str
    languages: list[Language]
    title: Text
    subtitle: Text
    lead: Text
    trip: TripRef | None
    topics: list[TopicRef]
    lead_photo: PhotoOut | None


class ReleaseDetail(ReleaseOut):
    body: Text
    photos: list[PhotoOut]
    events: list[EventRef]


class ReleaseRef(Schema):
    id: str
    slug: str
    url: str
    title: Text


class OutletOut(Schema):
    slug: str
    name: Text
    kind: str
    country: str
    language: str
    website: str


class CoverageOut(Schema):
    id: int
    url: str
    article_url: str
    outlet: OutletOut
    headline: str
    language: str
    byline: str
    summary: str
    translated_headline: Text
    translated_summary: Text
    published_on: date
    published_time: time | None
    trip: TripRef | None
    releases: list[ReleaseRef]


class TopicOut(TopicRef):
    description: Text


class NotFound(Schema):
    detail: str


class Problem(Schema):
    loc: list[str | int]
    msg: str
    type: str


class Invalid(Schema):
    """A parameter the API cannot use (422): where (``["query", "limit"]``) and why."""

    detail: list[Problem]


def page_of(item):
    """The schema of one page of ``item``s: the items, and the next page's URL."""
    return type(
        f"{item.__name__.removesuffix('Out')}Page",
        (Schema,),
        {"__annotations__": {"items": list[item], "next": str | None}},
    )
