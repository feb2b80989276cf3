"""What a feed says of each of its items (an entry's facts), kept by the read model.

A feed's items, and their order, come from its door (``published()``, ``out_in()``), read
narrow: their keys and the columns that date an entry, so time and visibility are decided
by the database at each request, as before. What an entry says in the feed's language
(title, link, summary, full text, author, topics, lead photo, the outside article's
link) is a JSON dict, its *facts*: worked out from the ORM by `release_facts` and
`coverage_facts`, which the read model also runs ahead for each item and language
(``facts=`` in press/urls.py; kept as ``ReadRow.facts``).

`entry_facts` reads the facts of a feed's items in one statement. Facts are used while
their row is valid (its horizon has not passed and nothing it shows has been touched
since it was built: as `visits.readmodel.reading` judges a page). An item whose facts
are missing or not valid has them worked out here, for that item only, and its rows are
queued to be built again. So the read model never decides what a feed carries, only how
quickly its entries are written.

Links are kept relative (a path, a media URL as its storage gives it) and made absolute
on the host the feed is asked from when it is written.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable

from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from press.linkcheck.public import public_link
from visits.changes import tags as tagging
from visits.models import ReadRow
from visits.readmodel.cards import queue
from visits.text import translated_field

from ..models import Coverage, Document, PressRelease, ReleasePhoto, Video
from .statements import Statement

#: Characters XML 1.0 cannot carry: Django's XML writer refuses them (the whole feed would
#: be a 500), but an editor can paste them into any text.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(value):
    """``value`` (a feed's or an item's data) without the characters XML cannot carry."""
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


def office_name():
    return gettext("Seoul Metropolitan Government")


#: The read model's kinds of the items feeds carry (their pages' `PageKind`).
RELEASE = "press.pressrelease"
COVERAGE = "press.coverage"


def entry_id(item, language: str) -> str:
    """A permanent ID per item and language: the same on every edit, host and database."""
    return uuid.uuid5(item.uuid, language).urn


# --- releases ----------------------------------------------------------------------------


def lead_photo_prefetch():
    return Prefetch(
        "gallery",
        queryset=ReleasePhoto.objects.filter(is_lead=True).select_related("photo"),
        to_attr="lead_items",
    )


def videos_prefetch():
    """A release's videos: public with the release, whose entry carries them as links."""
    return Prefetch("videos", queryset=Video.objects.order_by("order", "pk"), to_attr="video_items")


def video_links(release) -> list[dict]:
    """The release's videos as its entry links to them: the canonical watch address (never
    the one typed), the title in the feed's language (or its fallback's) and the site."""
    links = []
    for video in release.video_items:
        if url := video.watch_url:
            title = translated_field(video, "title")
            links.append(
                {"url": url, "title": title.text, "lang": title.lang, "site": video.provider_name}
            )
    return links


def videos_html(videos: list[dict]) -> str:
    """One paragraph per video: "Video: <a>title</a> (YouTube)", for a feed's HTML."""
    paragraphs = []
    for video in videos:
        link = format_html('<a href="{}">{}</a>', video["url"], video["title"])
        line = escape(gettext("Video: %(title)s (%(site)s)"))
        paragraphs.append(
            format_html(
                "<p>{}</p>", mark_safe(line % {"title": link, "site": escape(video["site"])})
            )
        )
    return "".join(paragraphs)


def documents_prefetch():
    return Prefetch(
        "documents", queryset=Document.objects.order_by("order", "pk"), to_attr="feed_documents"
    )


def document_facts(release) -> list[dict]:
    """A release's documents as its entry's enclosures (all public with it)."""
    return [
        {
            "url": iri_to_uri(document.download_url),
            "type": document.kind_media_type,
            "length": document.file_size,
            "title": translated_field(document, "title").text,
        }
        for document in getattr(release, "feed_documents", ())
    ]


def release_facts(ids: Iterable, language: str) -> dict:
    """{pk: facts} of the releases ``ids`` in ``language``: what their entries say, in a
    constant number of queries (the releases, their topics, their lead photos, their
    documents)."""
    releases = PressRelease.objects.filter(pk__in=list(ids)).prefetch_related(
        "topics", lead_photo_prefetch(), videos_prefetch(), documents_prefetch()
    )
    with translation.override(language):
        return {release.pk: xml_safe(_release(release, language)) for release in releases}


def _release(release, language: str) -> dict:
    title = translated_field(release, "title")
    lead = translated_field(release, "lead")
    body = translated_field(release, "body")
    photo = release.lead_items[0].photo if release.lead_items else None
    # The lead in the feed's language, then the lead photo's caption and credit.
    description = []
    if lead:
        description.append(format_html("<p>{}</p>", lead))
    media = None
    if photo is not None:
        caption = translated_field(photo, "caption")
        credit = gettext("Photo: %(credit)s") % {"credit": photo.credit}
        description.append(format_html("<p>{}</p>", f"{caption} ({credit})" if caption else credit))
        media = {
            "url": iri_to_uri(photo.image.url),
            "type": photo.media_type,
            "length": photo.file_size,
            "width": photo.width,
            "height": photo.height,
            "credit": photo.credit,
        }
    videos = video_links(release)
    if videos:
        description.append(videos_html(videos))
    return {
        "path": iri_to_uri(release.get_absolute_url()),
        "id": entry_id(release, language),
        "title": title.text,
        "title_lang": title.lang,
        "description": "".join(description),
        "summary_lang": (lead or title).lang,
        "content_html": body.text,
        "content_lang": body.lang,
        "author_name": office_name(),
        "categories": [translated_field(topic, "name").text for topic in release.topics.all()],
        "media": media,
        "videos": videos,
        "documents": document_facts(release),
    }


# --- coverage ----------------------------------------------------------------------------


def coverage_facts(ids: Iterable, language: str) -> dict:
    """{pk: facts} of the coverage items ``ids`` in ``language``, in one query.

    An article keeps its own language: the entry's title is the headline as published when
    the article is in the feed's language or no translation exists, else the translated
    headline (with the pages' fallback), and the original headline heads the summary."""
    items = Coverage.objects.filter(pk__in=list(ids)).select_related("outlet", "link_state")
    with translation.override(language):
        return {item.pk: xml_safe(_coverage(item, language)) for item in items}


def _coverage(item, language: str) -> dict:
    headline, headline_lang = item.headline, item.language
    translated = item.language != language and translated_field(item, "translated_headline")
    if translated:
        headline, headline_lang = translated.text, translated.lang
    parts = []
    if headline_lang != item.language:
        parts.append(format_html('<p lang="{}">{}</p>', item.language, item.headline))
    summary = translated_field(item, "translated_summary")
    if item.language == language or not summary:
        if item.summary:
            parts.append(format_html('<p lang="{}">{}</p>', item.language, item.summary))
    else:
        parts.append(format_html('<p lang="{}">{}</p>', summary.lang, summary.text))
    outlet = translated_field(item.outlet, "name").text
    link = public_link(item)
    if link.gone:
        parts.append(format_html("<p>{}</p>", link.notice))
    elif link.url:
        parts.append(
            format_html(
                '<p><a href="{}" hreflang="{}">{}</a></p>',
                link.url,
                item.language,
                gettext("Read the article at %(outlet)s") % {"outlet": outlet},
            )
        )
    return {
        "path": iri_to_uri(item.get_absolute_url()),
        "id": entry_id(item, language),
        "title": headline,
        "title_lang": headline_lang,
        "description": "".join(parts),
        "summary_lang": language,
        "author_name": f"{item.byline}, {outlet}" if item.byline else outlet,
        "related": {"url": link.url, "lang": item.language} if link.url else None,
    }


# --- reading them ------------------------------------------------------------------------


def entry_facts(kind: str, keys: list, language: str, work_out: Callable) -> dict:
    """{key: facts} of the items ``keys`` (read through a feed's door) in ``language``: the
    read model's, in one statement, and for the items it has no valid facts of,
    ``work_out(keys, language)``'s (their rows are queued to be built again). An item
    gone meanwhile is missing from the answer."""
    if not keys:
        return {}
    found = read(kind, keys, language)
    missing = [key for key in keys if key not in found]
    if missing:
        queue(kind, missing)
        found.update(work_out(missing, language))
    return found


def read(kind: str, keys: list, language: str) -> dict:
    """{key: facts} of the rows of ``keys`` that have facts and are valid."""
    from visits.changes import pagecache

    # The keys padded with the last to a size of a few (1, 2, 4, ... up to a feed's 50 and
    # on): the same rows, from one of a few statements per kind and language.
    size = next((size for size in FACTS_SIZES if size >= len(keys)), len(keys))
    padded = (*keys, *[keys[-1]] * (size - len(keys)))
    rows = facts_rows.rows(kind, language, keys=padded)
    return {
        key: facts
        for key, facts, tag_text, version in rows
        if facts and not pagecache.stale(tagging.parse(tag_text), version)
    }


def rows_of(kind: str, language: str, *keys):
    """The read model's rows of the items ``keys`` that may be used: their horizon has not
    passed (`read` checks the rest)."""
    return ReadRow.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now()),
        kind=kind,
        language=language,
        object_id__in=keys,
    ).values_list("object_id", "facts", "tags", "version")


#: `rows_of`, built by the ORM once per kind, language and number of keys
#: (`press.feeds.statements`).
facts_rows = Statement(rows_of)
FACTS_SIZES = (1, 2, 4, 8, 16, 32, 50)
