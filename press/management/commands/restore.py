"""manage.py restore ARCHIVE: load a `manage.py backup` archive into an empty database.

The database must be migrated (to the same migrations as the backup's) and hold no
content; the storage must not hold any of the archive's files. Every byte of the archive
is checked against its manifest, every file a row names must be a photo (an image of a
kind the site writes, by name and content) and every value must pass its field's checks,
before anything is written (`press.restoring`); the rows are loaded in one transaction,
their rich text sanitised as a save would, then the media files are written (removed
again if anything fails), then the search index is rebuilt, still inside the
transaction. On a terminal each step shows its progress.
"""

import contextlib
import io
import time

from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models.sql import UpdateQuery
from django.db.models.sql.constants import NO_RESULTS

from press import backup, restoring
from visits.readmodel import upkeep


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive into an empty, migrated database and "
        "storage: every row and every media file, checked against the manifest, then "
        "the search index rebuilt."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive `manage.py backup` wrote.")

    def handle(self, *args, archive, verbosity=1, **options):
        started = time.monotonic()
        self.verbosity = verbosity
        using = DEFAULT_DB_ALIAS
        tar, manifest, members = backup.open_archive(archive)
        with tar:
            self.check_target(manifest, using)
            rows = sum(n for n in manifest["models"].values() if isinstance(n, int))
            size = sum(entry["size"] for entry in [manifest["data"], *manifest["files"]])
            with self.progress("Checking the archive", size, "bytes") as progress:
                heads = backup.verify_archive(tar, manifest, members, progress)
            with self.progress("Checking the rows", rows, "rows") as progress:
                restoring.check_rows(tar, members, heads, progress)
            written: list[str] = []
            try:
                with transaction.atomic(using=using):
                    with self.progress("Rows", rows, "rows") as progress:
                        data = members[backup.DATA]
                        counts = self.load_rows(tar, data, manifest, using, progress)
                    with self.progress("Media files", len(manifest["files"]), "files") as progress:
                        self.write_files(tar, manifest, written, progress)
                    call_command(
                        "rebuild_search_index", verbosity=min(verbosity, 1), stdout=self.stdout
                    )
                    # Every page's rows are queued, built by the workers once this commits.
                    upkeep.queue_everything()
            except BaseException as error:
                for name in written:
                    with contextlib.suppress(*backup.STORAGE_ERRORS):
                        default_storage.delete(name)
                if isinstance(error, CommandError):
                    raise
                if isinstance(error, (DatabaseError, ValidationError, ObjectDoesNotExist)):
                    raise CommandError(f"Nothing was restored: {error}") from None
                raise
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {sum(counts.values())} rows and {len(written)} media files "
                    f"from {archive} (made {manifest['created']}) in "
                    f"{time.monotonic() - started:.1f} s."
                )
            )

    def progress(self, label, total, unit):
        return backup.progress(self.stdout, self.verbosity, label, total, unit)

    # --- before anything is written ----------------------------------------------------

    def check_target(self, manifest, using):
        here = backup.migration_state(using)
        there = manifest["migrations"]
        differ = sorted(
            label
            for label in set(here) | set(there)
            if set(here.get(label, ())) != set(there.get(label, ()))
        )
        if differ:
            details = "; ".join(
                f"{label}: backup {_last(there.get(label))}, database {_last(here.get(label))}"
                for label in differ
            )
            raise CommandError(
                f"The database's migrations differ from the backup's ({details}). Restore "
                "with the code (and `manage.py migrate`) of the backup's version."
            )
        known = {model._meta.label_lower for model in backup.backed_up_models()}
        unknown = sorted(set(manifest["models"]) - known)
        if unknown:
            raise CommandError(f"The backup holds rows of unknown models: {', '.join(unknown)}.")
        held = []
        for model in backup.backed_up_models():
            if model._meta.label_lower in backup.MIGRATION_MADE:
                continue
            count = model._base_manager.using(using).count()
            if count:
                held.append(f"{count} {model._meta.label_lower}")
        if held:
            raise CommandError(
                "The database is not empty (it holds "
                + ", ".join(held[:6])
                + (", …" if len(held) > 6 else "")
                + "). Restore into a freshly migrated database."
            )
        with backup.media_storage("Nothing was restored: the media storage cannot be read"):
            present = [
                entry["name"]
                for entry in manifest["files"]
                if default_storage.exists(entry["name"])
            ]
        if present:
            raise CommandError(
                f"The media storage already holds {len(present)} of the backup's files (such "
                f"as {present[0]}). Restore into an empty storage."
            )

    # --- rows ----------------------------------------------------------------------------

    def load_rows(self, tar, member, manifest, using, progress) -> dict[str, int]:
        connection = connections[using]
        counts: dict[str, int] = {}
        models = set()
        deferred = []
        loaded = 0
        stream = io.TextIOWrapper(tar.extractfile(member), encoding="utf-8")
        with backup.muted_signals(), connection.constraint_checks_disabled():
            try:
                for item in serializers.deserialize(
                    "jsonl", stream, using=using, handle_forward_references=True
                ):
                    model = type(item.object)
                    # A raw save runs no pre_save: the rich text is sanitised here, and
                    # before the original columns' stored values are kept aside below.
                    restoring.sanitise_rich_text(item.object)
                    raw = {
                        name: item.object.__dict__.get(name)
                        for name in backup.raw_translated_fields(model)
                    }
                    item.save(using=using)
                    self.keep_raw_columns(item.object, raw, using)
                    if item.deferred_fields:
                        deferred.append(item)
                    label = model._meta.label_lower
                    counts[label] = counts.get(label, 0) + 1
                    models.add(model)
                    loaded += 1
                    progress.update(loaded, label)
                for item in deferred:
                    item.save_deferred_fields(using=using)
            except DeserializationError as error:
                raise CommandError(
                    f"Nothing was restored; a row cannot be loaded: {error}"
                ) from None
        connection.check_constraints(table_names=[m._meta.db_table for m in models])
        expected = {label: count for label, count in manifest["models"].items() if count}
        if counts != expected:
            differ = sorted(
                label
                for label in set(counts) | set(expected)
                if counts.get(label) != expected.get(label)
            )
            raise CommandError(
                "Nothing was restored: the rows loaded differ from the manifest's counts "
                f"({', '.join(differ)})."
            )
        # PostgreSQL: the next new row's id follows the restored ones.
        statements = connection.ops.sequence_reset_sql(no_style(), list(models))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)
        return counts

    def keep_raw_columns(self, obj, raw, using):
        """Write modeltranslation's original columns as they were stored: saving writes
        the active language's text (with fallback) into them instead."""
        changed = {
            name: value
            for name, value in raw.items()
            if value != getattr(obj, name)  # what the save wrote
        }
        if not changed:
            return
        model = type(obj)
        query = UpdateQuery(model)
        query.add_update_values(
            {model._meta.get_field(name).name: value for name, value in changed.items()}
        )
        query.add_filter("pk", obj.pk)
        query.get_compiler(using).execute_sql(NO_RESULTS)

    # --- files -------------------------------------------------------------------------

    def write_files(self, tar, manifest, written, progress):
        expected = {backup.MEDIA + entry["name"]: entry for entry in manifest["files"]}
        for member in tar.getmembers():
            entry = expected.get(member.name)
            if entry is None:
                continue
            name = entry["name"]
            reader = backup.HashingReader(tar.extractfile(member))
            content = File(reader, name=name)
            content.size = member.size
            with backup.media_storage(
                f"Nothing was restored: the media file {name} could not be written"
            ):
                saved = default_storage.save(name, content)
            written.append(saved)
            progress.update(len(written), name)
            if saved != name:
                raise CommandError(
                    f"Nothing was restored: the storage saved {name} as {saved} (it exists)."
                )
            if reader.size != entry["size"] or reader.hexdigest() != entry["sha256"]:
                raise CommandError(f"Nothing was restored: {name} was not read back whole.")


def _last(names) -> str:
    return names[-1] if names else "none"
