"""manage.py backup and restore: a round trip loses nothing, and bad archives are refused."""

import gzip
import hashlib
import importlib
import io
import json
import tarfile

import pytest
import reversion
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation

from press import backup
from press.models import PressRelease
from tests.document_samples import DocumentFactory, hwp
from tests.factories import (
    CoverageFactory,
    EngagementFactory,
    OrganizationFactory,
    PersonFactory,
    PhotoFactory,
    PlaceFactory,
    PressContactFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
    png_file,
)
from tests.test_progress import Terminal, clock, screen  # noqa: F401 (clock: a fixture)
from tests.test_xss import rewrite_rows
from visits.models import ContentVersion, ReadRow, Visit
from visits.search.entries import SearchEntry

LANGUAGES = {"en": "Seoul", "ko": "서울", "zh_hans": "首尔", "ja": "ソウル"}


def in_every_language(field, text):
    return {f"{field}_{code}": f"{text} {word}" for code, word in LANGUAGES.items()}


def make_content():
    """Content of every kind, in all four languages, with photos, revisions and users."""
    org = OrganizationFactory(**in_every_language("name", "Agency"))
    mayor = PersonFactory(organization=org, **in_every_language("name", "Mayor"))
    trip = VisitFactory(legs=2, official=mayor, **in_every_language("title", "Trip"))
    place = PlaceFactory(latitude="48.856600", longitude="2.352200")
    PlaceFactory(parent=place, city=place.city)
    leg = trip.legs.first()
    engagement = EngagementFactory(
        leg=leg, people=[mayor], organizations=[org], **in_every_language("title", "Meeting")
    )
    photos = [
        PhotoFactory(
            visit=trip,
            image=png_file(f"p{n}.png", size=(40, 30), color=(n * 60, 90, 160)),
            **in_every_language("caption", f"Photo {n}"),
        )
        for n in range(2)
    ]
    topic = TopicFactory(**in_every_language("name", "Smart city"))
    release = PressReleaseFactory(
        visit=trip,
        topics=[topic],
        engagements=[engagement],
        photos=photos,
        contact=PressContactFactory(),
        **in_every_language("title", "Release"),
        **in_every_language("lead", "Lead"),
        **in_every_language("body", "<p>Body</p>"),
    )
    with translation.override("ko"):  # the original column holds Korean text
        PressReleaseFactory(visit=trip, draft=True, title_ko="초안", title_en="")
    PressReleaseFactory(visit=trip, withdrawn=True)
    CoverageFactory(visit=trip, releases=[release], engagements=[engagement])
    # Documents: a Korean HWP of the release, an English PDF of the trip on an event.
    DocumentFactory(
        file=ContentFile(hwp(), name="보도자료.hwp"),
        language="ko",
        releases=[release],
        visit=trip,
        **in_every_language("title", "Press release"),
    )
    DocumentFactory(visit=trip, events=[engagement], **in_every_language("title", "Fact sheet"))
    editors = Group.objects.create(name="Night desk")
    editors.permissions.add(Permission.objects.get(codename="change_pressrelease"))
    user = User.objects.create_user("jiwoo", "jiwoo@example.org", "secret-words")
    user.groups.add(editors, Group.objects.get(name="Publisher"))
    user.user_permissions.add(Permission.objects.get(codename="view_visit"))
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment("Edited")
        trip.summary_ja = "まとめ"
        trip.save()
    LogEntry.objects.log_actions(
        user.pk, [release], ADDITION, change_message="Added", single_object=True
    )


# --- comparing -----------------------------------------------------------------------

NATURAL = {"auth.user", "auth.group", "auth.permission", "contenttypes.contenttype"}


def tables():
    """Every backed-up model and its many-to-many tables, plus the search index."""
    found = {}
    for model in [*backup.backed_up_models(), SearchEntry]:
        found[model._meta.label_lower] = model
        for field in model._meta.many_to_many:
            if field.remote_field.through._meta.auto_created:
                through = field.remote_field.through
                found[through._meta.label_lower] = through
    return found


def natural_keys():
    """{label: {pk: natural key}} for the rows whose ids a restore may change."""
    return {
        label: {obj.pk: obj.natural_key() for obj in apps.get_model(label)._base_manager.all()}
        for label in NATURAL
    }


def snapshot():
    """Every stored column of every row (raw SQL: no descriptor, no language), ids of
    users, groups, permissions and content types replaced by their natural keys; and the
    SHA-256 of every media file."""
    keys = natural_keys()
    rows = {}
    for label, model in tables().items():
        fields = model._meta.concrete_fields
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {model._meta.db_table}")
            fetched = cursor.fetchall()
        converted = []
        for values in fetched:
            row = {}
            for field, value in zip(fields, values, strict=True):
                target = field.related_model._meta.label_lower if field.is_relation else None
                if field.primary_key and (
                    label in NATURAL | {"visits.searchentry"} or model._meta.auto_created
                ):
                    continue  # matched by natural key; the index is rebuilt; a link is its pair
                natural = target in NATURAL and value is not None
                row[field.column] = keys[target][value] if natural else value
            converted.append(row)
        rows[label] = sorted(converted, key=repr)
    files = {
        name: hashlib.sha256(default_storage.open(name).read()).hexdigest()
        for name in backup.storage_files(default_storage)
    }
    return rows, files


def empty_like_a_fresh_database():
    """Every table emptied but those ``migrate`` fills (content types, permissions, the
    migration record), which keep their ids: ``flush`` would make new content types, and
    ContentType's cache (per process) would then point later tests at ids that are gone."""
    kept = {"django_content_type", "auth_permission", "django_migrations"}
    names = connection.introspection.django_table_names(only_existing=True)
    statements = connection.ops.sql_flush(
        no_style(), [name for name in names if name not in kept], reset_sequences=True
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def manifest_of(path):
    with tarfile.open(path) as tar:
        return json.load(tar.extractfile(backup.MANIFEST))


def clear_storage():
    for name in list(backup.storage_files(default_storage)):
        default_storage.delete(name)


# --- the round trip ------------------------------------------------------------------


@pytest.mark.on_commit
@pytest.mark.django_db(transaction=True)
def test_round_trip_loses_nothing(tmp_path):
    # The roles a migration made: an earlier test on a live server (transactional, like
    # this one) empties every table when it ends, the roles' groups with the rest.
    importlib.import_module("press.migrations.0005_roles").make_groups(apps, None)
    clear_storage()
    make_content()
    before_rows, before_files = snapshot()
    assert any(name.startswith("renditions/") for name in before_files)
    assert len(before_rows["reversion.version"]) > 5
    assert len(before_rows["visits.searchentry"]) > 10
    korean = PressRelease.objects.get(title_ko="초안")
    assert (
        PressRelease.objects.filter(pk=korean.pk)
        .rewrite(False)
        .values_list("title", flat=True)
        .get()
        == "초안"
    )  # the original column, not English

    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    manifest = manifest_of(archive)
    assert manifest["format_version"] == backup.FORMAT_VERSION
    assert manifest["models"]["press.pressrelease"] == 3
    assert manifest["models"]["press.document"] == 2
    assert sum(name.startswith("documents/") for name in before_files) == 2
    assert {entry["name"] for entry in manifest["files"]} == set(before_files)

    empty_like_a_fresh_database()
    clear_storage()
    # What migrations make, as in a freshly migrated database: the roles, the version row.
    importlib.import_module("press.migrations.0005_roles").make_groups(apps, None)
    ContentVersion.objects.get_or_create(pk=1)
    assert not Visit.objects.exists() and not list(backup.storage_files(default_storage))

    call_command("restore", str(archive), verbosity=0)

    after_rows, after_files = snapshot()
    assert after_files == before_files
    assert after_rows.keys() == before_rows.keys()
    for label in before_rows:
        assert after_rows[label] == before_rows[label], label

    # The read model is not in the archive: the restore queues every page's rows (built
    # at once in tests).
    assert "visits.readrow" not in manifest["models"]
    on_record = set(PressRelease.objects.on_record().values_list("pk", flat=True))
    built = ReadRow.objects.filter(kind="press.pressrelease").values_list("object_id", flat=True)
    assert on_record and set(built) == on_record

    # New rows get new ids (PostgreSQL's sequences follow the restored rows).
    newest = max(PressRelease.objects.values_list("pk", flat=True))
    assert PressReleaseFactory(visit=Visit.objects.get(title_en="Trip Seoul")).pk > newest
    assert User.objects.create_user("new-user").pk


# --- refusals ------------------------------------------------------------------------


@pytest.fixture
def archive(db, tmp_path):
    """A backup of a database with a photo (its original file only)."""
    PhotoFactory()
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), verbosity=0)
    return path


def members_of(path):
    with tarfile.open(path) as tar:
        return [(member, tar.extractfile(member).read()) for member in tar.getmembers()]


def write_archive(path, members):
    with tarfile.open(path, "w:gz") as tar:
        for member, body in members:
            member.size = len(body)
            tar.addfile(member, io.BytesIO(body))


def empty_database():
    PressRelease.objects.all().delete()
    for model in reversed(backup.backed_up_models()):
        if model._meta.label_lower not in backup.MIGRATION_MADE:
            model._base_manager.all().delete()
    clear_storage()


def test_backup_refuses_to_overwrite_without_force(archive):
    with pytest.raises(CommandError, match="exists; pass --force"):
        call_command("backup", str(archive), verbosity=0)
    call_command("backup", str(archive), force=True, verbosity=0)
    assert tarfile.is_tarfile(archive)


def test_backup_to_a_missing_folder_is_an_error(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("backup", str(tmp_path / "nowhere" / "b.tar.gz"), verbosity=0)
    with pytest.raises(CommandError, match="is a directory"):
        call_command("backup", str(tmp_path), verbosity=0)


def test_restore_refuses_a_database_with_content(archive):
    with pytest.raises(CommandError, match="database is not empty"):
        call_command("restore", str(archive), verbosity=0)


def test_restore_refuses_files_already_in_the_storage(archive):
    name = manifest_of(archive)["files"][0]["name"]
    empty_database()
    default_storage.save(name, png_file())
    with pytest.raises(CommandError, match="storage already holds"):
        call_command("restore", str(archive), verbosity=0)


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda data: b"just some text\n", "not a backup archive"),
        (lambda data: data[: len(data) // 2], "truncated or damaged"),
        (lambda data: data[:-40], "truncated or damaged|cannot be read"),
    ],
)
def test_restore_refuses_a_damaged_file(archive, damage, message):
    archive.write_bytes(damage(archive.read_bytes()))
    empty_database()
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), verbosity=0)
    assert not Visit.objects.exists()


def test_restore_refuses_a_changed_file_and_writes_nothing(archive):
    members = members_of(archive)
    for index, (member, body) in enumerate(members):
        if member.name.startswith(backup.MEDIA):
            members[index] = (member, body[:-1] + bytes([body[-1] ^ 1]))
    write_archive(archive, members)
    empty_database()
    with pytest.raises(CommandError, match="is damaged"):
        call_command("restore", str(archive), verbosity=0)
    assert not Visit.objects.exists()
    assert not list(backup.storage_files(default_storage))


def test_restore_refuses_another_format_version(archive):
    members = members_of(archive)
    for index, (member, body) in enumerate(members):
        if member.name == backup.MANIFEST:
            manifest = json.loads(body) | {"format_version": 99}
            members[index] = (member, json.dumps(manifest).encode())
    write_archive(archive, members)
    empty_database()
    with pytest.raises(CommandError, match="format version 99"):
        call_command("restore", str(archive), verbosity=0)


def test_restore_refuses_a_gzip_that_is_not_a_tar(db, tmp_path):
    path = tmp_path / "b.tar.gz"
    path.write_bytes(gzip.compress(b"hello"))
    with pytest.raises(CommandError, match="not a backup archive"):
        call_command("restore", str(path), verbosity=0)
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"), verbosity=0)


def test_a_failing_storage_leaves_nothing_behind(archive, monkeypatch):
    empty_database()

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(default_storage._wrapped), "_save", full)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("restore", str(archive), verbosity=0)
    monkeypatch.undo()
    assert not Visit.objects.exists()
    assert not list(backup.storage_files(default_storage))
    assert ContentType.objects.exists()


# --- rows naming files that are not photos (issue 16, item 7) -------------------------

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("model", "name", "body", "why"),
    [
        ("photo", "photos/page.html", HTML, "not a JPEG, PNG, WebP or AVIF name"),
        ("photo", "photos/page.jpg", HTML, "is not the image its name says"),
        ("photo", "photos/drawing.svg", None, "not a JPEG, PNG, WebP or AVIF name"),
        ("portrait", "people/face.svg", b"<svg><script>alert(1)</script></svg>", "name"),
        ("document", "documents/page.html", HTML, "not a document of an accepted kind"),
        ("document", "documents/page.pdf", HTML, "is not the document its name says"),
        ("document", "photos/report.pdf", b"%PDF-1.7\n", "not a document of an accepted"),
    ],
    ids=[
        "html",
        "html-named-jpg",
        "svg-not-in-archive",
        "svg-portrait",
        "html-document",
        "html-named-pdf",
        "document-outside-its-folder",
    ],
)
def test_restore_refuses_rows_naming_files_that_are_not_photos(
    db, tmp_path, model, name, body, why
):
    """Whatever put them there (a script, an edited archive), rows naming files the site
    would never serve are refused with the rows named, and nothing is written."""
    photo = PhotoFactory()
    if body is not None:
        name = default_storage.save(name, io.BytesIO(body))  # the archive holds the file
    if model == "photo":
        type(photo).objects.filter(pk=photo.pk).update(image=name)
    elif model == "document":
        document = DocumentFactory()
        type(document).objects.filter(pk=document.pk).update(file=name)
    else:
        person = PersonFactory()
        type(person).objects.filter(pk=person.pk).update(portrait=name)
    path = tmp_path / "backup.tar.gz"
    call_command("backup", str(path), verbosity=0)
    empty_database()
    groups = sorted(Group.objects.values_list("name", flat=True))

    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path), verbosity=0)

    message = str(refused.value)
    assert message.startswith("Nothing was restored")
    assert "not photos" in message and repr(name) in message and why in message
    assert not Visit.objects.exists() and not type(photo).objects.exists()
    assert not list(backup.storage_files(default_storage))
    assert sorted(Group.objects.values_list("name", flat=True)) == groups  # kept as they were


# --- what a save would have done (issue 16, follow-up) -----------------------------------

RICH_TEXT = [f"body_{code}" for code in LANGUAGES] + ["body"]
HOSTILE_BODY = (
    "<p>Kept</p><script>alert(1)</script><img src=x onerror=alert(2)>"
    '<a href="javascript:alert(3)">link</a><a href="data:text/html,x">data</a>'
)


def restore_edited(tmp_path, change):
    """Back up, edit every row with ``change(row)``, empty the database, restore."""
    path, edited = tmp_path / "backup.tar.gz", tmp_path / "edited.tar.gz"
    call_command("backup", str(path), verbosity=0)
    rewrite_rows(path, edited, change)
    empty_database()
    call_command("restore", str(edited), verbosity=0)


def test_a_restore_sanitises_rich_text_in_every_language(db, tmp_path):
    release = PressReleaseFactory(**in_every_language("body", "<p>Body</p>"))

    def hostile(row):
        if row["model"] == "press.pressrelease":
            row["fields"].update(dict.fromkeys(RICH_TEXT, HOSTILE_BODY))

    restore_edited(tmp_path, hostile)

    stored = PressRelease.objects.filter(pk=release.pk).rewrite(False).values(*RICH_TEXT).get()
    for column, html in stored.items():
        assert "<p>Kept</p>" in html, column
        for live in ("<script", "onerror", "javascript:", "data:"):
            assert live not in html, (column, live)


@pytest.mark.parametrize(
    ("model", "field", "value", "why"),
    [
        ("press.coverage", "url", "javascript:alert(document.cookie)", "http:// or https://"),
        ("press.outlet", "website", "data:text/html,<script>alert(1)</script>", "https://"),
        ("visits.organization", "website", "ftp://files.example.org/", "https://"),
        ("press.pressrelease", "status", "live", "not a valid choice"),
    ],
    ids=["javascript-coverage", "data-outlet", "ftp-organisation", "unknown-status"],
)
def test_a_restore_refuses_values_the_models_refuse(db, tmp_path, model, field, value, why):
    """A form refuses these; a restore saves rows raw, so it checks each field itself."""
    CoverageFactory(visit=VisitFactory(), releases=[PressReleaseFactory()])
    OrganizationFactory(website="https://www.seoul.go.kr/")

    def hostile(row):
        if row["model"] == model:
            row["fields"][field] = value

    with pytest.raises(CommandError) as refused:
        restore_edited(tmp_path, hostile)

    message = str(refused.value)
    assert message.startswith("Nothing was restored: 1 row(s) hold values the site refuses: ")
    assert f"{model} " in message and f" {field} {value!r} (" in message and why in message
    assert not Visit.objects.exists() and not PressRelease.objects.exists()
    assert not list(backup.storage_files(default_storage))


# --- progress on a terminal ------------------------------------------------------------


@pytest.mark.usefixtures("clock")
def test_backup_and_restore_show_their_progress_on_a_terminal(db, tmp_path):
    """Each step of a long job says how far it is; the summary is all that stays."""
    clear_storage()
    PhotoFactory.create_batch(2)
    archive = tmp_path / "backup.tar.gz"
    out = Terminal()
    call_command("backup", str(archive), stdout=out)
    written = out.getvalue()
    assert "\rRows: " in written and " rows (" in written
    assert "\rMedia files: 1 of 2 files (50 %), photos/" in written
    [summary] = screen(written)
    assert summary.startswith("Backed up ")

    empty_database()
    out = Terminal()
    call_command("restore", str(archive), stdout=out)
    written = out.getvalue()
    for step in ("Checking the archive", "Checking the rows", "Rows", "Media files"):
        assert f"\r{step}: " in written, step
    assert "\rMedia files: 1 of 2 files (50 %), photos/" in written
    assert screen(written)[-1].startswith("Restored ")


# --- a storage that fails (S3's errors are not OSError) ----------------------------------


def client_error(code: str, operation: str):
    from botocore.exceptions import ClientError

    return ClientError({"Error": {"Code": code, "Message": "Access Denied"}}, operation)


def test_backup_from_a_storage_that_refuses_access_is_a_clear_error(db, tmp_path, monkeypatch):
    PhotoFactory()

    def refused(*args):
        raise client_error("AccessDenied", "ListObjectsV2")

    monkeypatch.setattr(type(default_storage._wrapped), "listdir", refused)
    with pytest.raises(CommandError, match=r"^Cannot read the media files: .*\(AccessDenied\)"):
        call_command("backup", str(tmp_path / "b.tar.gz"), verbosity=0)
    assert list(tmp_path.iterdir()) == []


def test_restore_into_an_unreachable_storage_is_a_clear_error(archive, monkeypatch):
    from botocore.exceptions import EndpointConnectionError

    empty_database()

    def unreachable(*args):
        raise EndpointConnectionError(endpoint_url="https://s3.example.org/media")

    monkeypatch.setattr(type(default_storage._wrapped), "_save", unreachable)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), verbosity=0)
    message = str(refused.value)
    assert message.startswith("Nothing was restored: the media file photos/")
    assert message.endswith(
        'could not be written: Could not connect to the endpoint URL: "https://s3.example.org/media".'
    )
    monkeypatch.undo()
    assert not Visit.objects.exists()
