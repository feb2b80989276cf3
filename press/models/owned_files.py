"""A row that owns one stored file (a document's file, a video's poster): a file replaced
by a save, or left by a deleted row, leaves the storage once the change is committed,
unless another row still names it (a restored twin). Photos have their own rule, which
takes their renditions too (`photos.remove_photo_files`).
"""

from functools import partial

from django.core.files.storage import default_storage
from django.db.models.signals import post_delete

from visits import changes


class OwnsFile:
    """Mixed into a model whose ``owned_file`` field names its file."""

    owned_file: str

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The file as stored, so that a save replacing it can delete the old one.
        instance._stored_name = dict(zip(field_names, values, strict=True)).get(cls.owned_file)
        return instance

    def save(self, *args, **kwargs):
        replaced = getattr(self, "_stored_name", None)
        super().save(*args, **kwargs)
        self._stored_name = getattr(self, self.owned_file).name
        if replaced and replaced != self._stored_name:
            changes.after_commit(partial(delete_unused, type(self), self.owned_file, replaced))


def delete_unused(model, field: str, name: str) -> None:
    if not model._default_manager.filter(**{field: name}).exists():
        default_storage.delete(name)


def remove_with_row(sender, instance, **kwargs):
    name = getattr(instance, sender.owned_file).name
    if name:
        changes.after_commit(partial(delete_unused, sender, sender.owned_file, name))


def files_go_with_rows(model) -> None:
    """A deleted row of ``model`` takes its file with it, once the deletion is committed."""
    post_delete.connect(remove_with_row, sender=model, dispatch_uid=f"owned-file-{model._meta}")
