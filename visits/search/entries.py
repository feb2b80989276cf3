"""The search index's rows: one per item and language that has text in it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What the search backends match against: an item's terms in one language.

    The rows are written by `visits.search.indexing` only, and include unpublished
    items (the admin's search finds drafts); a public search asks for entries whose
    ``public_from`` has come and then loads the items through their ``published()``.
    The database's own full-text index over ``title_terms`` and ``body_terms`` (an FTS5
    table kept in step by triggers on SQLite, a generated ``tsvector`` column with a GIN
    index on PostgreSQL) is made by the migration, outside the model.
    """

    kind = models.CharField(_("kind"), max_length=16)
    object_id = models.BigIntegerField(_("item"))
    language = models.CharField(_("language"), max_length=16)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    trip_id = models.BigIntegerField(_("trip"), null=True, blank=True)
    public_from = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_("When the public may find this entry; empty: not public."),
    )
    # Last: the short columns stay in a row's first page (SQLite), which is all a search
    # reads when it filters the matches.
    title_terms = models.TextField(_("title terms"), blank=True)
    body_terms = models.TextField(_("body terms"), blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        app_label = "visits"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="searchentry_one_per_language"
            ),
        ]
        indexes = [
            models.Index(fields=["public_from"], name="searchentry_public_from"),
            models.Index(fields=["trip_id"], name="searchentry_trip"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language})"
