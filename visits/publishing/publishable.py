"""Publication state shared by every public model.

`published()` is the one door to public visibility: pages, feeds, sitemaps, search and
counts all go through it. An item is public when an editor has approved it
(scheduled or published) and its publication time has come, so a scheduled item goes
live by computation at its minute, with no cron job.

That rule is written twice, side by side below: `public_at` for an item in hand
(`Publishable.is_public`) and `public_q` for a query (`published()`); tests/test_visibility.py
checks that they agree. Rules of one model (a release's languages) build on these two in
their own app.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Q
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which an item goes public once its publication time has come.
APPROVED = (Status.SCHEDULED, Status.PUBLISHED)


class Unindexed(Func):
    """A column that SQLite must not look up in an index (its unary ``+``); the column
    itself on other databases.

    Nearly every item is public, so "published before now" narrows nothing; but SQLite,
    which keeps no histogram, guesses it keeps a quarter of the rows and reads them all
    through the publication-time index, then sorts them, instead of reading the
    newest-first index only up to the page (a quarter of a second at 30,000 items).
    PostgreSQL knows better from its statistics.
    """

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


# --- public: an item in hand, and a query --------------------------------------------


def public_at(status, published_at, moment) -> bool:
    """Whether an item in ``status`` with ``published_at`` is public at ``moment``."""
    return status in APPROVED and published_at is not None and published_at <= moment


def public_q(prefix: str = "", now=None) -> Q:
    """`public_at` as a query condition, at ``now`` (by default the present), optionally
    through a relation (``prefix="visit__"``)."""
    published = Unindexed(F(f"{prefix}published_at"), output_field=models.DateTimeField())
    moment = timezone.now() if now is None else now
    return Q(**{f"{prefix}status__in": APPROVED}) & Q(LessThanOrEqual(published, moment))


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """Public at ``now`` (by default the present)."""
        return self.filter(public_q(now=now))

    def unpublished(self):
        return self.exclude(public_q())


class Publishable(models.Model):
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Only scheduled and published items can be seen by the public, and only once "
            "their publication time has come."
        ),
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "When the item becomes public (Seoul time by default). A time in the future "
            "keeps it under embargo until then."
        ),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Who looks after this item until it goes out: the dashboard lists drafts by "
            "their owner. Set to whoever creates it; a publisher may hand it to someone else."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        """`published()` for this item, from its own fields."""
        return public_at(self.status, self.published_at, timezone.now())

    @classmethod
    def publication_constraints(cls, label: str) -> list[models.BaseConstraint]:
        """Database rules every publishable table holds: approval needs a time."""
        return [
            models.CheckConstraint(
                condition=~Q(status__in=APPROVED) | Q(published_at__isnull=False),
                name=f"{label}_approved_has_time",
                violation_error_message=_(
                    "A scheduled or published item needs a publication time."
                ),
            ),
        ]

    def clean(self):
        super().clean()
        if self.status in APPROVED and self.published_at is None:
            if self.status == Status.PUBLISHED:
                self.published_at = timezone.now()
            else:
                raise ValidationError(
                    {"published_at": _("Give the time at which this item should be published.")}
                )
