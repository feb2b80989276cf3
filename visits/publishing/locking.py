"""Optimistic locking: a save made from a stale copy of a row is refused, never silent.

Every locked row carries `lock_version`, a number that goes up by one on each save. A
save claims the row with ``UPDATE … SET lock_version = n + 1 WHERE pk = … AND
lock_version = n``, where n is the number the saver read. If anyone saved in between,
no row matches and `EditConflict` is raised before anything is written. The claim and
the save run in one transaction, so on PostgreSQL the row stays locked until commit and
on SQLite the database does: two savers can never both pass.

The admin puts the number into a hidden form field (`visits.adminkit.base.BaseAdmin`)
so the check spans the minutes between opening a form and saving it. Code that changes
rows with `QuerySet.update()` bumps the number with `bump()` so that open forms notice.
"""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class EditConflict(Exception):
    """The row changed after the saver read it."""

    def __init__(self, instance):
        self.instance = instance
        super().__init__(f"{type(instance).__name__} {instance.pk} was changed meanwhile")


def bump() -> dict:
    """Keyword arguments for `QuerySet.update()` that count as a change for open forms."""
    return {"lock_version": F("lock_version") + 1}


class Locked(models.Model):
    lock_version = models.PositiveIntegerField(
        _("edit number"),
        default=0,
        help_text=_("Counts the saves of this item; used to refuse saves from a stale copy."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "lock_version"}
        expected = self.lock_version
        manager = type(self)._base_manager.using(kwargs.get("using") or self._state.db)
        with transaction.atomic(using=kwargs.get("using") or self._state.db):
            claimed = manager.filter(pk=self.pk, lock_version=expected).update(**bump())
            if not claimed and manager.filter(pk=self.pk).exists():
                raise EditConflict(self)
            self.lock_version = expected + 1 if claimed else expected
            try:
                super().save(*args, **kwargs)
            except BaseException:
                self.lock_version = expected
                raise

    def current_lock_version(self) -> int | None:
        """The number in the database now (None if the row is gone)."""
        return (
            type(self)
            ._base_manager.filter(pk=self.pk)
            .values_list("lock_version", flat=True)
            .first()
        )
