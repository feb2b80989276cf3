"""Press releases and coverage in search (see `visits.search`), and the titles of
documents (`press.models.Document`): found with the release that carries them, or, for a
trip's own documents (carried by no release, so public with the trip), with the trip.
"""

from django.db.models import Prefetch

from visits.publishing import APPROVED
from visits.search.documents import Document, VisitDocument, on_day, plain, register
from visits.text import LANGUAGE_CODES, Translated, translated_field, translation_of


class ReleaseDocument(Document):
    """A release is findable in a language from the minute that language is out."""

    kind = "release"
    model_label = "press.PressRelease"
    title_field = "title"
    body_fields = ("subtitle", "lead", "body")
    rank_tier = 0

    def public(self, language=None):
        releases = self.model.objects.published()
        if language in LANGUAGE_CODES:
            return releases.out_in(language)
        return releases

    index_order = ("published_at", "pk")
    related = ("visit",)

    def rows(self):
        """With the titles of their videos and documents, indexed with them (a release is
        indexed, never its videos or documents; results do not show them, so
        `for_results` does not load them)."""
        return super().rows().prefetch_related("videos", "documents")

    def visible_languages(self, obj):
        return obj.public_languages()

    def text(self, obj, language):
        title, body = super().text(obj, language)
        if title or body:  # the number is findable in every language the release has
            videos = [translation_of(video, "title", language) for video in obj.videos.all()]
            titles = [translation_of(d, "title", language) for d in obj.documents.all()]
            body = plain(body, obj.number or "", *videos, *titles)
        return title, body

    def watches(self):
        return {
            **super().watches(),
            "press.Video": lambda video: list(video.releases.values_list("pk", flat=True)),
            "press.Document": lambda document: list(document.releases.values_list("pk", flat=True)),
        }

    def shown_text(self, obj, language):
        """The subtitle apart from the body, and no number: a result shows the title, the
        subtitle and a passage of the lead and body, each for what it is."""
        return (
            translation_of(obj, "title", language),
            plain(translation_of(obj, "subtitle", language)),
            plain(translation_of(obj, "lead", language), translation_of(obj, "body", language)),
        )

    def entry_facts(self, obj, language, context):
        out_at = obj.language_time(language)
        return {
            "date": out_at or obj.published_at,
            "trip_id": obj.visit_id,
            "public_from": out_at if obj.status in APPROVED else None,
        }


class CoverageDocument(Document):
    """An article in its own language, plus any headline or summary translated for
    readers of another."""

    kind = "coverage"
    model_label = "press.Coverage"
    rank_tier = 1

    index_order = ("published_on", "pk")
    related = ("outlet", "visit")

    def display_title(self, obj, language):
        return Translated(obj.headline, obj.language, obj.language != language)

    def text(self, obj, language):
        titles, bodies = [], []
        if obj.language == language:
            titles.append(obj.headline)
            bodies += [obj.summary, obj.byline, translated_field(obj.outlet, "name", language).text]
        if language in LANGUAGE_CODES:
            titles.append(translation_of(obj, "translated_headline", language))
            bodies.append(translation_of(obj, "translated_summary", language))
        return plain(*titles), plain(*bodies)

    def languages(self, obj):
        return tuple(dict.fromkeys((*LANGUAGE_CODES, obj.language)))

    def entry_facts(self, obj, language, context):
        return {
            "date": on_day(obj.published_on, obj.published_time),
            "trip_id": obj.visit_id,
            "public_from": obj.published_at if obj.status in APPROVED else None,
        }


class TripWithDocuments(VisitDocument):
    """A trip, findable by the titles of its own documents too."""

    def for_results(self, queryset):
        from .models import Document as PressDocument

        own = PressDocument.objects.filter(trip_wide=True)
        return (
            super()
            .for_results(queryset)
            .prefetch_related(Prefetch("documents", queryset=own, to_attr="own_documents"))
        )

    def text(self, obj, language):
        title, body = super().text(obj, language)
        documents = getattr(obj, "own_documents", None)
        if documents is None:
            documents = obj.documents.filter(trip_wide=True)
        titles = [translation_of(document, "title", language) for document in documents]
        return title, plain(body, *titles)

    def watches(self):
        return {
            **super().watches(),
            "press.Document": lambda document: [document.visit_id] if document.visit_id else [],
        }


def register_press() -> None:
    register(ReleaseDocument())
    register(CoverageDocument())
    register(TripWithDocuments())  # in the place of visits' own
