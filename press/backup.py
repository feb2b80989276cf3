"""Back up and restore everything: the rows (JSON Lines) and every media file, in one
gzipped tar archive with a manifest (`manage.py backup`, `manage.py restore`).

Archive members, in this order:

- ``data.jsonl``: every row of the backed-up models, one JSON object a line (Django's
  ``jsonl`` serializer, natural keys for users, groups, permissions and content types,
  so the archive does not depend on the database's content type ids);
- ``media/<name>``: every file of the default storage (originals and renditions);
- ``manifest.json``: format, time, Django version, applied migrations, row counts per
  model, and the size and SHA-256 of ``data.jsonl`` and of every file.

Rows and files are streamed: neither side holds the whole content in memory. A failing
media storage (a full disk, a missing S3 bucket, a refused access) is the commands' own
message, not a traceback (`media_storage`); each step shows its progress on a terminal.
What a restore checks in the rows themselves is `press.restoring`'s.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import posixpath
import tarfile
import zlib
from contextlib import contextmanager

from django.apps import apps
from django.core import serializers
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from modeltranslation.fields import TranslationFieldDescriptor

from visits.progress import Progress

from .images import HEAD_BYTES

FORMAT = "pressroom-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
MEDIA = "media/"
CHUNK = 1024 * 1024

#: Apps whose rows are backed up.
APPS = ("auth", "admin", "reversion", "visits", "press")
#: Rows made again elsewhere: permissions by ``migrate``; the search index and the read
#: model from the rows (a restore rebuilds the one and queues the other); the record of
#: which tags each content version touched, which only the page cache reads.
EXCLUDED = {
    "auth.permission",
    "visits.searchentry",
    "visits.readrow",
    "visits.readtag",
    "visits.contentchange",
}
#: Rows a freshly migrated database already has (made by migrations), which a restore
#: overwrites: the role groups (matched by name) and the one content version row.
MIGRATION_MADE = {"auth.group", "visits.contentversion"}


class ArchiveError(CommandError):
    """The file is not a backup this code can restore."""


def backed_up_models() -> list:
    """The models whose rows are backed up, in an order that loads: a model whose rows
    others refer to by natural key comes first."""
    chosen = []
    for label in APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        models = [
            model
            for model in config.get_models()
            if model._meta.label_lower not in EXCLUDED
            and model._meta.managed
            and not model._meta.proxy
        ]
        chosen.append((config, models))
    return serializers.sort_dependencies(chosen, allow_cycles=True)


def migration_state(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """{app label: sorted names of its applied migrations} for the backed-up apps."""
    applied = MigrationRecorder(connections[using]).applied_migrations()
    state: dict[str, list[str]] = {}
    for app_label, name in applied:
        if app_label in APPS:
            state.setdefault(app_label, []).append(name)
    return {label: sorted(names) for label, names in sorted(state.items())}


# --- translated fields ---------------------------------------------------------------


def raw_translated_fields(model) -> list[str]:
    """Attnames of ``model``'s original translated columns (``title`` beside ``title_en``).

    modeltranslation reads and writes those through a descriptor that answers with the
    active language's column; the backup keeps the column's own stored value."""
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(getattr(model, field.attname, None), TranslationFieldDescriptor)
    ]


class Encoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder keeps milliseconds, as ECMA-262 does)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(serializers.get_serializer("jsonl")):
    """Django's JSON Lines serializer, keeping times to the microsecond and the stored
    value of modeltranslation's original columns (not the active language's text that
    its descriptor answers with)."""

    def _init_options(self):
        self.options.setdefault("cls", Encoder)
        super()._init_options()

    def handle_field(self, obj, field):
        if isinstance(getattr(type(obj), field.attname, None), TranslationFieldDescriptor):
            value = obj.__dict__.get(field.attname)
            self._current[field.name] = value if value is None else str(value)
        else:
            super().handle_field(obj, field)


# --- streams -------------------------------------------------------------------------


class HashingReader(io.RawIOBase):
    """Reads ``source`` while counting the bytes and hashing them (SHA-256)."""

    def __init__(self, source):
        self.source = source
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self):
        return True

    def read(self, size=-1):
        chunk = self.source.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk

    def readinto(self, buffer):
        chunk = self.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _storage_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [OSError]
    try:  # S3 (django-storages) raises boto3's errors: a missing bucket, a refused access
        from botocore.exceptions import BotoCoreError, ClientError
    except ImportError:
        pass
    else:
        errors += [BotoCoreError, ClientError]
    return tuple(errors)


#: What the media storage raises when it cannot be used: OSError on a disk, botocore's
#: errors (ClientError, EndpointConnectionError and every BotoCoreError) on S3.
STORAGE_ERRORS = _storage_errors()


class StorageError(CommandError):
    """The media storage failed; the message says what was being done."""


@contextmanager
def media_storage(doing: str):
    """Turns any failure of the media storage inside the block into a `StorageError`
    saying "<doing>: <the storage's reason>.", so each command reports a full disk, a
    missing bucket or a refused access the same way, wherever the storage is touched."""
    try:
        yield
    except STORAGE_ERRORS as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise StorageError(f"{doing}: {str(reason).rstrip('.')}.") from None


class StorageReader(io.RawIOBase):
    """A media file's stream whose read failures are `StorageError`s (a stream from S3
    can fail half-way), so they are not taken for failures of the archive's side."""

    def __init__(self, file, name: str):
        self.file = file
        self.name = name

    def readable(self):
        return True

    def read(self, size=-1):
        with media_storage(f"Cannot read the media file {self.name}"):
            return self.file.read(size)


def storage_files(storage, folder: str = ""):
    """Every file name in ``storage``, folder by folder (sorted, so archives compare)."""
    try:
        folders, names = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in sorted(names):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from storage_files(storage, posixpath.join(folder, sub) if folder else sub)


# --- reading an archive --------------------------------------------------------------

#: What reading a damaged, truncated or foreign file raises.
READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeDecodeError, ValueError)


def open_archive(path: str) -> tuple[tarfile.TarFile, dict, dict[str, tarfile.TarInfo]]:
    """Open a backup archive and check its manifest and member list (not the bytes yet:
    `verify_archive`). Raises CommandError with a reader's message."""
    try:
        archive = tarfile.open(path, "r:*")  # noqa: SIM115 (returned open)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise CommandError(f"{path} is a directory, not a backup archive.") from None
    except PermissionError:
        raise CommandError(f"{path}: permission denied.") from None
    except READ_ERRORS as error:
        raise ArchiveError(f"{path} is not a backup archive (a gzipped tar): {error}.") from None
    try:
        members = {member.name: member for member in archive.getmembers()}
    except READ_ERRORS as error:
        archive.close()
        raise ArchiveError(f"{path} is truncated or damaged: {error}.") from None
    try:
        manifest = read_manifest(archive, members)
        check_members(manifest, members)
    except BaseException:
        archive.close()
        raise
    return archive, manifest, members


def read_manifest(archive, members) -> dict:
    member = members.get(MANIFEST)
    if member is None or not member.isfile():
        raise ArchiveError(f"This is not a Pressroom backup: it has no {MANIFEST}.")
    try:
        manifest = json.load(archive.extractfile(member))
    except READ_ERRORS as error:
        raise ArchiveError(f"The archive's {MANIFEST} cannot be read: {error}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(f"This is not a Pressroom backup (its {MANIFEST} is another's).")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise ArchiveError(
            f"This backup has format version {version!r}; this code restores version "
            f"{FORMAT_VERSION} only."
        )
    for key, kind in (("data", dict), ("files", list), ("models", dict), ("migrations", dict)):
        if not isinstance(manifest.get(key), kind):
            raise ArchiveError(f"The archive's {MANIFEST} lacks its {key!r} entry.")
    return manifest


def check_members(manifest: dict, members: dict[str, tarfile.TarInfo]) -> None:
    """Every member the manifest lists is a regular file of that size, and no other."""
    expected = {DATA: manifest["data"]} | {
        MEDIA + entry["name"]: entry for entry in manifest["files"]
    }
    for name, entry in expected.items():
        member = members.get(name)
        if member is None or not member.isfile():
            raise ArchiveError(f"The archive lacks {name}, which its manifest lists.")
        if member.size != entry["size"]:
            raise ArchiveError(
                f"{name} has {member.size} bytes in the archive; the manifest says {entry['size']}."
            )
    extra = sorted(set(members) - set(expected) - {MANIFEST})
    if extra:
        raise ArchiveError(f"The archive holds files its manifest does not list: {extra[:5]}.")
    for entry in manifest["files"]:
        name = entry["name"]
        if not name or name.startswith("/") or ".." in name.split("/"):
            raise ArchiveError(f"The archive names a media file outside the storage: {name!r}.")


def verify_archive(archive, manifest, members, progress=None) -> dict[str, bytes]:
    """Read every byte once and compare the sizes and SHA-256 with the manifest; returns
    the first bytes of each media file, by its storage name (for `restoring.check_rows`).
    ``progress`` (a `Progress` over the archive's bytes) hears after each chunk."""
    expected = {DATA: manifest["data"]} | {
        MEDIA + entry["name"]: entry for entry in manifest["files"]
    }
    progress = progress or Quiet()
    heads = {}
    read = 0
    for member in archive.getmembers():  # archive order: one pass forward
        entry = expected.get(member.name)
        if entry is None:
            continue
        try:
            reader = HashingReader(archive.extractfile(member))
            head = reader.read(HEAD_BYTES)
            while reader.read(CHUNK):
                progress.update(read + reader.size, member.name)
            read += reader.size
        except READ_ERRORS as error:
            raise ArchiveError(f"{member.name} cannot be read: {error}.") from None
        if reader.size != entry["size"] or reader.hexdigest() != entry["sha256"]:
            raise ArchiveError(
                f"{member.name} is damaged: its SHA-256 differs from the manifest's."
            )
        if member.name.startswith(MEDIA):
            heads[member.name.removeprefix(MEDIA)] = head
    return heads


# --- progress ------------------------------------------------------------------------


class Quiet:
    """Progress that shows nothing (verbosity 0)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        pass

    def update(self, done: int, detail: str = "") -> None:
        pass

    def done(self) -> None:
        pass


def progress(out, verbosity: int, label: str, total: int | None, unit: str):
    """A `Progress` line for one step of a backup or a restore, or `Quiet` at verbosity 0."""
    return Progress(out, label, total, unit=unit) if verbosity else Quiet()


# --- loading -------------------------------------------------------------------------


@contextmanager
def muted_signals():
    """No save, delete or many-to-many signal while rows are loaded: the rows are a copy,
    not edits, so no revision, search entry or content version bump may follow from them
    (the search index is rebuilt afterwards). As factory_boy's ``mute_signals``."""
    signals = (pre_save, post_save, pre_delete, post_delete, m2m_changed)
    saved = []
    for signal in signals:
        with signal.lock:
            saved.append((signal, signal.receivers))
            signal.receivers = []
            signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in saved:
            with signal.lock:
                signal.receivers = receivers
                signal.sender_receivers_cache.clear()
