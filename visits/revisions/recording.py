"""What is kept and when: every language's column, and a revision for every save,
including those made outside the admin (see the package's docstring)."""

from collections import defaultdict
from collections.abc import Iterable
from contextvars import ContextVar

import reversion
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext, gettext_noop
from reversion.revisions import _get_options

from .. import changes

#: Stored as the comment of revisions made outside the admin; translated when shown.
SAVED_OUTSIDE_ADMIN = gettext_noop("Saved outside the admin")

#: Set while `restore()` reverts rows: those raw writes are not saves of their own.
restoring: ContextVar[bool] = ContextVar("pressroom_restoring", default=False)


# --- registration ------------------------------------------------------------------


def complete_registrations() -> None:
    """Register every language's column of each translated field that reversion keeps."""
    for model in list(reversion.get_registered_models()):
        options = _get_options(model)
        registered = set(options.fields)
        missing = tuple(
            f.name
            for f in model._meta.concrete_fields
            if getattr(f, "translated_field", None) is not None
            and f.translated_field.name in registered
            and f.name not in registered
        )
        if not missing:
            continue
        reversion.unregister(model)
        reversion.register(
            model,
            fields=(*options.fields, *missing),
            follow=options.follow,
            format=options.format,
            for_concrete_model=options.for_concrete_model,
            ignore_duplicates=options.ignore_duplicates,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
            object_id_field=options.object_id_field,
        )


def owned_relations(model) -> list:
    """The reverse relations ``model`` follows (a trip's legs, a release's gallery)."""
    relations = []
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        if relation.auto_created and not relation.concrete and not relation.many_to_many:
            relations.append(relation)
    return relations


def _owners(model) -> list[tuple[type[models.Model], str]]:
    """(owner model, foreign key attname) of each registered model that owns ``model``'s
    rows, e.g. (Visit, "visit_id") for a leg."""
    return [
        (owner, relation.field.attname)
        for owner in reversion.get_registered_models()
        for relation in owned_relations(owner)
        if relation.related_model is model
    ]


def _items_of(instance) -> list[tuple[type[models.Model], object]]:
    """The items whose history a change of ``instance`` belongs to: its owners, or itself."""
    model = type(instance)
    found = [
        (owner, getattr(instance, attname))
        for owner, attname in _owners(model)
        if getattr(instance, attname, None) is not None
    ]
    return found or [(model, instance.pk)]


# --- revisions outside the admin ---------------------------------------------------


#: The change pipeline's topic for (model, pk) items that get a revision after the commit.
TOPIC = "revisions"


def _save_outside(items: Iterable[tuple[type[models.Model], object]], *, using: str) -> None:
    """The change pipeline's listener: one revision per item changed in the transaction."""
    by_model = defaultdict(list)
    for model, pk in items:
        by_model[model].append(pk)
    for model, pks in by_model.items():
        for obj in model._base_manager.using(using).filter(pk__in=pks).order_by("pk"):
            with reversion.create_revision():
                reversion.set_comment(SAVED_OUTSIDE_ADMIN)
                reversion.add_to_revision(obj)


def _note(items, using: str) -> None:
    """Give ``items`` a revision when the current transaction commits (now, outside one)."""
    changes.note(TOPIC, items, using=using)


def _quiet() -> bool:
    """Inside an admin revision reversion adds the rows itself; a restore is no save."""
    return reversion.is_active() or restoring.get()


def _on_save(sender, instance, raw=False, using=None, **kwargs):
    if raw or _quiet() or not reversion.is_registered(sender):
        return
    _note(_items_of(instance), using)


def _on_delete(sender, instance, using=None, **kwargs):
    """A row an item owns was deleted: a change of the item (deleting an item itself
    keeps its last revision, from which the admin recovers it)."""
    if _quiet() or not reversion.is_registered(sender):
        return
    _note(
        [
            (owner, getattr(instance, attname))
            for owner, attname in _owners(sender)
            if getattr(instance, attname, None) is not None
        ],
        using,
    )


def _on_m2m_change(sender, instance, action, reverse, model, pk_set, using=None, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear") or _quiet():
        return
    if not reverse:
        if reversion.is_registered(type(instance)):
            _note(_items_of(instance), using)
    elif pk_set and reversion.is_registered(model):
        rows = model._base_manager.using(using).filter(pk__in=pk_set)
        _note([item for row in rows for item in _items_of(row)], using)


def connect() -> None:
    """Complete the registrations and record saves made outside the admin (from
    ``AppConfig.ready``, after modeltranslation has added its columns)."""
    complete_registrations()
    changes.listen(_save_outside, topic=TOPIC)
    post_save.connect(_on_save, dispatch_uid="pressroom-revision-saved")
    post_delete.connect(_on_delete, dispatch_uid="pressroom-revision-deleted")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="pressroom-revision-m2m")


def record_revision(objects: Iterable[models.Model], user=None, comment: str = "") -> None:
    """Save a revision of ``objects`` by ``user`` with ``comment``.

    For changes that send no signal, such as ``QuerySet.update()``. The rows are read
    again, so the revision holds what the database holds now, whatever the instances
    passed in say. A row an item owns stands for its item. Inside an active revision (an
    admin view) the objects join it and its user and comment become these.
    """
    wanted: dict[tuple[type[models.Model], object], None] = {}
    for obj in objects:
        if reversion.is_registered(type(obj)) and obj.pk is not None:
            wanted.update(dict.fromkeys(_items_of(obj)))
    if not wanted:
        return
    by_model = defaultdict(list)
    for model, pk in wanted:
        by_model[model].append(pk)
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        if comment:
            reversion.set_comment(comment)
        for model, pks in by_model.items():
            for obj in model._base_manager.filter(pk__in=pks).order_by("pk"):
                reversion.add_to_revision(obj)


def comment_of(revision) -> str:
    """A revision's comment as people read it, in their language."""
    if revision.comment == SAVED_OUTSIDE_ADMIN:
        return gettext(SAVED_OUTSIDE_ADMIN)
    return revision.get_comment()
