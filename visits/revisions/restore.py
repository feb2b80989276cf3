"""Putting one item back as it was in a version (see the package's docstring)."""

from collections import defaultdict

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import Collector
from django.utils.translation import gettext
from reversion.errors import RevertError
from reversion.revisions import _get_options

from .compare import recorded_fields
from .recording import owned_relations, restoring

#: Fields whose current value survives a restore: the lock number (a restore is checked
#: and counted like any edit) and the preview key (revoked links stay revoked).
KEEP_ON_RESTORE = ("lock_version", "preview_key")


def _scope(version, revision_versions) -> list:
    """``version`` and, from the same revision, the versions of the rows it owns."""
    scope, queue = [version], [version]
    while queue:
        owner = queue.pop()
        for relation in owned_relations(owner._model):
            attname = relation.field.attname
            for row in revision_versions:
                if (
                    row._model is relation.related_model
                    and str(row.field_dict.get(attname)) == str(owner.object_id)
                    and row not in scope
                ):
                    scope.append(row)
                    queue.append(row)
    return scope


def _owned_now(obj) -> list[models.Model]:
    rows = []
    for relation in owned_relations(type(obj)):
        for row in getattr(obj, relation.get_accessor_name()).all():
            rows += [row, *_owned_now(row)]
    return rows


def _missing_languages(version) -> bool:
    """Whether ``version`` predates keeping every language (restoring it would blank
    the translations)."""
    recorded = recorded_fields(version)
    if recorded is None:
        return False
    return any(
        getattr(f, "translated_field", None) is not None and f.name not in recorded
        for f in version._model._meta.concrete_fields
        if f.name in _get_options(version._model).fields
    )


def _gone_files(version) -> list[models.FileField]:
    """File fields whose file in ``version`` is no longer in the storage (a photo's image
    is deleted when it is replaced, and with the photo)."""
    gone = []
    for f in version._model._meta.concrete_fields:
        if isinstance(f, models.FileField):
            name = getattr(version.field_dict.get(f.attname), "name", None)
            if name and not f.storage.exists(name):
                gone.append(f)
    return gone


def restore(version) -> None:
    """Put the item of ``version`` and the rows it owns back as they were in it.

    Only this item: the other items of the same revision stay as they are. Rows the item
    owns now but did not then are deleted. The fields in `KEEP_ON_RESTORE` keep their
    current values, and so does a file that is gone from the storage, with the fields
    measured from it (the non-editable ones: a photo's size). Call inside a transaction;
    the admin saves the item afterwards, which records the revision and bumps the lock
    number.
    """
    model, using = version._model, version.db
    scope = _scope(version, list(version.revision.version_set.all()))
    if any(_missing_languages(item) for item in scope):
        raise RevertError(
            gettext(
                "This revision was saved before every language was kept in the history; "
                "restoring it would lose translations."
            )
        )
    current = model._base_manager.using(using).filter(pk=version.object_id)
    obj = current.first()
    gone = _gone_files(version)
    if gone and obj is None:
        raise RevertError(
            gettext("The file of “%(item)s” was deleted with it; it cannot be recovered.")
            % {"item": version.object_repr}
        )
    names = {f.name for f in model._meta.concrete_fields}
    keep = [name for name in KEEP_ON_RESTORE if name in names]
    if gone:
        keep += [f.name for f in gone]
        keep += [
            f.name for f in model._meta.concrete_fields if not f.editable and not f.primary_key
        ]
    kept = current.values(*dict.fromkeys(keep)).first() if obj is not None and keep else None
    token = restoring.set(True)
    try:
        if obj is not None:
            wanted = {(item._model, str(item.object_id)) for item in scope}
            extra = defaultdict(list)
            for row in _owned_now(obj):
                if (type(row), str(row.pk)) not in wanted:
                    extra[type(row)].append(row)
            if extra:
                collector = Collector(using=using)
                for rows in extra.values():
                    collector.collect(rows)
                collector.delete()
        _revert_each(scope)
        if kept:
            current.update(**kept)
    finally:
        restoring.reset(token)


def _revert_each(versions) -> None:
    """Revert every version, retrying those that wait for another (a leg before its
    engagements)."""
    remaining = list(versions)
    while remaining:
        failed = []
        for version in remaining:
            try:
                with transaction.atomic(using=version.db):
                    version.revert()
            except (IntegrityError, ObjectDoesNotExist):
                failed.append(version)
        if len(failed) == len(remaining):
            raise RevertError(
                gettext(
                    "“%(item)s” could not be restored: it refers to something that no "
                    "longer exists, or clashes with another row as it is now."
                )
                % {"item": failed[0].object_repr}
            )
        remaining = failed
