"""The read model's tables: one row per public item and language, and its tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReadRow(models.Model):
    """One public item's page in one language, as the change pipeline last built it.

    Written only by `visits.readmodel.building`; read only through the item's door
    (`visits.readmodel.reading`), which checks visibility on every read. Staff only in
    the admin's sense: nothing here is edited by hand.
    """

    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("item"))
    language = models.CharField(_("language"), max_length=10)
    page = models.BinaryField(
        _("page"), help_text=_("The whole page, compressed, its address's origin left blank.")
    )
    card = models.TextField(
        _("card"),
        blank=True,
        help_text=_("The item as lists show it (its card), in this language; empty if none."),
    )
    facts = models.JSONField(
        _("facts"),
        default=dict,
        blank=True,
        help_text=_("What feeds and sitemaps say of the item in this language (JSON)."),
    )
    headers = models.JSONField(_("headers"), default=dict)
    tags = models.TextField(_("tags"), help_text=_("What the page shows (visits.changes.tags)."))
    version = models.PositiveBigIntegerField(
        _("content version"), help_text=_("The content version the page was built under.")
    )
    valid_until = models.DateTimeField(
        _("valid until"),
        null=True,
        help_text=_("The first moment the page may change with no save (the horizon)."),
    )
    built_at = models.DateTimeField(_("built at"), auto_now=True)

    class Meta:
        verbose_name = _("read-model row")
        verbose_name_plural = _("read-model rows")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="readrow_one_per_item_language"
            )
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id} ({self.language})"


class ReadTag(models.Model):
    """One tag of one item's rows: which items to build again when a tag is touched."""

    tag = models.CharField(_("tag"), max_length=120, db_index=True)
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.BigIntegerField(_("item"))

    class Meta:
        verbose_name = _("read-model tag")
        verbose_name_plural = _("read-model tags")
        indexes = [models.Index(fields=["kind", "object_id"], name="readtag_item")]

    def __str__(self):
        return f"{self.tag} → {self.kind} #{self.object_id}"
