"""Which writes are content changes: Django's model signals, turned into `changed()`.

Every save, deletion and many-to-many change of a row of `CONTENT_APPS` is one, except the
rows the pipeline's own listeners write (`NOT_CONTENT`); rows of other apps (revisions,
the task queue, sessions, the admin's log) never are. Raw saves (``loaddata``, a restore)
are changes, but watchers do not see them: whoever loads raw rows rebuilds what follows
from them (``rebuild_search_index``).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .commits import (
    CONTENT,
    DELETED,
    DELETING,
    LINKED,
    SAVED,
    Change,
    changed,
    changed_rows,
    gather,
)

#: Apps whose rows the public sees (directly or through a page that shows them).
CONTENT_APPS = ("visits", "press")
#: Rows of those apps that are bookkeeping written after a commit, not content: counting
#: them would announce a second batch after every batch.
NOT_CONTENT = frozenset(
    {
        "visits.ContentVersion",
        "visits.ContentChange",
        "visits.SearchEntry",
        "visits.ReadRow",
        "visits.ReadTag",
    }
)


def is_content(model) -> bool:
    meta = model._meta
    return meta.app_label in CONTENT_APPS and meta.concrete_model._meta.label not in NOT_CONTENT


def _saved(sender, instance, raw=False, using=None, **kwargs):
    if not is_content(sender):
        return
    if raw:
        gather({CONTENT: [Change(sender._meta.concrete_model, instance.pk, SAVED)]}, using)
    else:
        changed(instance, SAVED, using=using)


def _deleting(sender, instance, using=None, **kwargs):
    if is_content(sender):
        changed(instance, DELETING, using=using)


def _deleted(sender, instance, using=None, **kwargs):
    if is_content(sender):
        changed(instance, DELETED, using=using)


def _relinked(sender, instance, action, model, pk_set, using=None, **kwargs):
    """Both sides of a many-to-many change changed: the row and the rows (un)linked."""
    if not is_content(type(instance)):
        return
    if action == "pre_clear":
        # Which rows are unlinked is known only now (post_clear names none).
        changed_rows(model, _linked(sender, instance, model), LINKED, using=using)
    elif action.startswith("post_"):
        changed(instance, LINKED, using=using)
        changed_rows(model, pk_set or (), LINKED, using=using)


def _linked(through, instance, model) -> list:
    """Keys of the ``model`` rows linked to ``instance`` through the table ``through``."""
    to_instance = to_model = None
    for field in through._meta.get_fields():
        if field.many_to_one and field.related_model is model:
            to_model = field.attname
        elif field.many_to_one and isinstance(instance, field.related_model):
            to_instance = field.name
    if not (to_instance and to_model):
        return []
    return list(through.objects.filter(**{to_instance: instance}).values_list(to_model, flat=True))


def connect() -> None:
    """Listen to every save, delete and many-to-many change (from ``AppConfig.ready``)."""
    post_save.connect(_saved, dispatch_uid="pressroom-change-saved")
    pre_delete.connect(_deleting, dispatch_uid="pressroom-change-deleting")
    post_delete.connect(_deleted, dispatch_uid="pressroom-change-deleted")
    m2m_changed.connect(_relinked, dispatch_uid="pressroom-change-m2m")
