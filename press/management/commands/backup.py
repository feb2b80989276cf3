"""manage.py backup ARCHIVE [--force]: every row and every media file in one archive.

See `press.backup` for what the archive holds; `manage.py restore` reads it back.
"""

import contextlib
import json
import os
import tarfile
import tempfile
import time

import django
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone

from press import backup


class Command(BaseCommand):
    help = (
        "Write every row (trips, releases, photos, coverage, revisions, users, groups) and "
        "every media file (originals and renditions) into one gzipped tar archive with a "
        "manifest of counts and SHA-256 checksums. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive to write, e.g. /backups/news.tar.gz")
        parser.add_argument(
            "--force", action="store_true", help="Replace the archive if it exists."
        )

    def handle(self, *args, archive, force=False, verbosity=1, **options):
        path = os.path.abspath(archive)
        folder = os.path.dirname(path)
        if os.path.isdir(path):
            raise CommandError(f"{archive} is a directory; name the archive file to write.")
        if os.path.lexists(path) and not force:
            raise CommandError(f"{archive} exists; pass --force to replace it.")
        if not os.path.isdir(folder):
            raise CommandError(f"{folder} does not exist (or is not a folder).")
        started = time.monotonic()
        try:
            partial = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below)
                dir=folder, prefix=".backup-", suffix=".partial", delete=False
            )
        except OSError as error:
            raise CommandError(f"Cannot write in {folder}: {error.strerror or error}.") from None
        try:
            with partial:
                manifest = self.write(partial, folder, verbosity)
            os.replace(partial.name, path)
        except CommandError:
            _remove(partial.name)
            raise
        except OSError as error:
            _remove(partial.name)
            raise CommandError(f"Could not write {archive}: {error.strerror or error}.") from None
        except BaseException:
            _remove(partial.name)
            raise
        if verbosity:
            rows = sum(manifest["models"].values())
            size = sum(entry["size"] for entry in manifest["files"])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {rows} rows of {len(manifest['models'])} models and "
                    f"{len(manifest['files'])} media files ({size} bytes) to {archive} "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )

    def write(self, target, folder, verbosity=1) -> dict:
        """Write the archive to the open file ``target``; returns the manifest."""
        using = DEFAULT_DB_ALIAS
        manifest = {
            "format": backup.FORMAT,
            "format_version": backup.FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "django": django.get_version(),
            "database": connections[using].vendor,
            "migrations": {},
            "models": {},
            "data": {},
            "files": [],
        }
        with tarfile.open(fileobj=target, mode="w:gz") as archive:
            # One snapshot of the rows: a repeatable read on PostgreSQL (unless called
            # inside a transaction already), SQLite's own transaction.
            outer = connections[using].in_atomic_block
            with tempfile.TemporaryFile(dir=folder) as data, transaction.atomic(using=using):
                if connections[using].vendor == "postgresql" and not outer:
                    with connections[using].cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                manifest["migrations"] = backup.migration_state(using)
                manifest["models"] = self.dump_rows(data, using, verbosity)
                data.seek(0)
                manifest["data"] = self.add(archive, backup.DATA, data, data_size(data))
            with backup.media_storage("Cannot read the media files"):
                names = list(backup.storage_files(default_storage))
            progress = backup.progress(self.stdout, verbosity, "Media files", len(names), "files")
            with progress:
                for number, name in enumerate(names, 1):
                    with backup.media_storage(f"Cannot read the media file {name}"):
                        size = default_storage.size(name)
                        source = default_storage.open(name, "rb")
                    with source:
                        reader = backup.StorageReader(source, name)
                        entry = self.add(archive, backup.MEDIA + name, reader, size)
                    manifest["files"].append({"name": name, **entry})
                    progress.update(number, name)
            body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(backup.MANIFEST)
            info.size, info.mtime, info.mode = len(body), time.time(), 0o644
            archive.addfile(info, _bytes(body))
        return manifest

    def dump_rows(self, stream, using, verbosity=1) -> dict[str, int]:
        counts = {}
        text = _Utf8Writer(stream)
        models = backup.backed_up_models()
        try:
            total = None
            if verbosity:  # the counts cost a query a model: only for a progress line
                total = sum(model._base_manager.using(using).count() for model in models)
            with backup.progress(self.stdout, verbosity, "Rows", total, "rows") as progress:
                for model in models:
                    label, before = model._meta.label_lower, sum(counts.values())
                    counted = _Counted(
                        model._base_manager.using(using).order_by("pk"),
                        lambda n, label=label, before=before: progress.update(before + n, label),
                    )
                    backup.Serializer().serialize(
                        counted,
                        stream=text,
                        use_natural_foreign_keys=True,
                        use_natural_primary_keys=True,
                    )
                    counts[label] = counted.count
        except DatabaseError as error:
            raise CommandError(f"Could not read the database: {error}") from None
        return counts

    def add(self, archive, name, source, size) -> dict:
        """Add ``size`` bytes of ``source`` as ``name``; returns its size and SHA-256."""
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, time.time(), 0o644
        reader = backup.HashingReader(source)
        archive.addfile(info, reader)
        return {"size": reader.size, "sha256": reader.hexdigest()}


class _Counted:
    """Iterates a queryset in chunks, counting the rows (and telling ``counted``)."""

    def __init__(self, queryset, counted=None):
        self.queryset = queryset
        self.counted = counted
        self.count = 0

    def __iter__(self):
        for obj in self.queryset.iterator(chunk_size=500):
            self.count += 1
            if self.counted:
                self.counted(self.count)
            yield obj


class _Utf8Writer:
    """The text stream the serializer writes to, encoded into a binary file."""

    def __init__(self, binary):
        self.binary = binary

    def write(self, text):
        self.binary.write(text.encode())

    def flush(self):
        self.binary.flush()


def _bytes(body: bytes):
    import io

    return io.BytesIO(body)


def data_size(stream) -> int:
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _remove(path):
    with contextlib.suppress(OSError):
        os.unlink(path)
