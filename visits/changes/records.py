"""The change pipeline's tables: the content version, and what each move of it touched."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose number goes up whenever public content may have changed.

    Kept in the database, not a cache, so that every app server, the shell and every
    management command see the same one (`visits.changes`).
    """

    number = models.PositiveBigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("last change"), null=True)

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        ordering = ["pk"]

    def __str__(self):
        return str(self.number)


class ContentChange(models.Model):
    """What one move of the content version touched: the dependency tags of its committed
    changes (`visits.changes.tags`), written in the same transaction as the move.

    Each process reads the rows it has not seen, so that a cached page retires only when
    something it shows changed (`visits.changes.pagecache`). Rows older than the page
    cache's lifetime are pruned as new ones come.
    """

    version = models.PositiveBigIntegerField(_("content version"), primary_key=True)
    changed_at = models.DateTimeField(_("time of the change"))
    tags = models.TextField(_("tags"))

    class Meta:
        verbose_name = _("content change")
        verbose_name_plural = _("content changes")
        ordering = ["version"]

    def __str__(self):
        return f"{self.version}: {self.tags}"
