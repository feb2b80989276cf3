"""The models' own rules, applied by `manage.py restore` itself: Django saves deserialised
rows raw, skipping every field's ``pre_save`` and every ``full_clean()``, so an archive (a
file from elsewhere, perhaps edited) could otherwise store what no form, import or script
can.

- `check_rows`, before anything is written: every file a row names is an image of a kind
  the site writes (an archived copy of an article: a WARC, PDF or PNG file under
  ``archives/``, which no public route serves; a photo never names a file there; a
  document: a file of an accepted kind under ``documents/`` whose first bytes are that
  kind's, `press.document_checks`), and
  every stored value passes its own field's checks (validators and
  choices: an outside link is http(s) only, `visits.links`). Rows that fail are named and
  nothing is restored.
- `sanitise_rich_text`, on each row as it is loaded: rich text is reduced to the
  allow-list, as `RichTextField.pre_save` does on every other way in.

Cross-field rules (a model's ``clean()``) are not run: they read related rows, which a
restore loads in no particular order.
"""

import io
import json
from functools import cache

from django.core.exceptions import ValidationError
from django.db.models import FileField

from . import document_checks
from .backup import DATA, READ_ERRORS, ArchiveError, Quiet, backed_up_models
from .document_media import PREFIX as DOCUMENT_PREFIX
from .images import media_type
from .models import ARCHIVE_PREFIX, ArchivedCopy, Document, RichTextField
from .sanitize import sanitize_html

#: How many refused rows a message names.
NAMED = 5


def file_fields() -> dict[str, list[str]]:
    """{model label: names of its file fields} for the backed-up models that have any."""
    found = {}
    for model in backed_up_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, FileField)]
        if names:
            found[model._meta.label_lower] = names
    return found


def checked_fields() -> dict[str, list]:
    """{model label: fields whose values `check_rows` checks}: every stored field but the
    primary key and relations (the database checks those), files (checked as images) and
    rich text (sanitised, not refused)."""
    found = {}
    for model in backed_up_models():
        fields = [
            field
            for field in model._meta.concrete_fields
            if not field.primary_key
            and not field.is_relation
            and not getattr(field, "generated", False)
            and not isinstance(field, FileField | RichTextField)
        ]
        if fields:
            found[model._meta.label_lower] = fields
    return found


def check_rows(archive, members, heads: dict[str, bytes], progress=None) -> None:
    """Refuse the archive, naming the rows, if a row names a file that is not an image of a
    kind the newsroom writes (by its name and, when the archive holds it, by its bytes: the
    media route would never serve anything else, and a row naming an HTML file is someone's
    attempt to have it served), or holds a value its field refuses. Raises ArchiveError
    before anything is written; ``progress`` hears the number of rows read."""
    files, fields = file_fields(), checked_fields()
    not_images, refused = [], []
    progress = progress or Quiet()
    try:
        stream = io.TextIOWrapper(archive.extractfile(members[DATA]), encoding="utf-8")
        for number, line in enumerate(stream, 1):
            progress.update(number)
            row = json.loads(line) if line.strip() else None
            if not isinstance(row, dict) or not isinstance(row.get("fields"), dict):
                continue  # loading the rows reports it
            label = row.get("model")
            for field in files.get(label, ()):
                judge = JUDGES.get(label, not_an_image)
                why = judge(row["fields"].get(field), heads)
                if why:
                    not_images.append(f"{label} {row.get('pk')} {field} {why}")
            for field in fields.get(label, ()):
                why = refusal(field, row["fields"].get(field.name))
                if why:
                    refused.append(f"{label} {row.get('pk', '')} {field.name} {why}".strip())
    except READ_ERRORS as error:
        raise ArchiveError(f"{DATA} cannot be read: {error}.") from None
    if not_images:
        raise refused_rows(
            not_images,
            "name files that are not photos (or archived copies, or documents), which the "
            "site would never serve",
        )
    if refused:
        raise refused_rows(refused, "hold values the site refuses")


#: The model whose files are archived copies, not images.
ARCHIVES = ArchivedCopy._meta.label_lower
#: The first bytes of each kind of archived copy, by its name's ending.
ARCHIVE_HEADS = {".warc.gz": b"\x1f\x8b", ".pdf": b"%PDF-", ".png": b"\x89PNG\r\n\x1a\n"}


def not_an_archive(name, heads: dict[str, bytes]) -> str:
    """Why the file an archived copy's row names is not one, or ""."""
    if not name or not isinstance(name, str):
        return ""
    ending = next((end for end in ARCHIVE_HEADS if name.endswith(end)), None)
    if not name.startswith(ARCHIVE_PREFIX) or ending is None:
        return f"{name!r} (not a WARC, PDF or PNG file under {ARCHIVE_PREFIX})"
    if name in heads and not heads[name].startswith(ARCHIVE_HEADS[ending]):
        return f"{name!r} (the archive's {name} is not the file its name says)"
    return ""


def not_a_document(name, heads: dict[str, bytes]) -> str:
    """Why the file a document's row names is not one the site accepts, or ""."""
    if not name or not isinstance(name, str):
        return ""
    extension = name.rpartition(".")[2].lower()
    kind = next(
        (kind for kind, (_l, _t, exts) in document_checks.KINDS.items() if extension in exts),
        None,
    )
    if not name.startswith(DOCUMENT_PREFIX) or kind is None:
        return f"{name!r} (not a document of an accepted kind under {DOCUMENT_PREFIX})"
    if name in heads and not document_checks.begins_as(kind, heads[name]):
        return f"{name!r} (the archive's {name} is not the document its name says)"
    return ""


def not_an_image(name, heads: dict[str, bytes]) -> str:
    """Why the file a row names is no image the site serves, or ""."""
    if not name or not isinstance(name, str):
        return ""
    if name.startswith(ARCHIVE_PREFIX):
        return f"{name!r} (an archived copy, never a photo)"
    if media_type(name) is None:
        return f"{name!r} (not a JPEG, PNG, WebP or AVIF name)"
    if name in heads and media_type(name, heads[name]) is None:
        return f"{name!r} (the archive's {name} is not the image its name says)"
    return ""


#: How the file of a row of each model is judged (others: as a photo).
JUDGES = {ARCHIVES: not_an_archive, Document._meta.label_lower: not_a_document}


def refusal(field, value) -> str:
    """Why ``field`` refuses the stored ``value`` (its validators, its choices), or ""."""
    if value in field.empty_values:
        return ""  # whether a field may be empty is the database's to say
    try:
        field.clean(value, None)
    except ValidationError as error:
        shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:79] + "…"
        return f"{shown} ({' '.join(error.messages)})"
    return ""


def refused_rows(rows: list[str], what: str) -> ArchiveError:
    return ArchiveError(
        f"Nothing was restored: {len(rows)} row(s) {what}: "
        + "; ".join(rows[:NAMED])
        + ("; …" if len(rows) > NAMED else "")
        + f". Correct or remove those rows in the archive's {DATA} (and its size and "
        "SHA-256 in the manifest) and try again."
    )


@cache
def rich_text_columns(model) -> tuple[str, ...]:
    """Attnames of every rich-text column of ``model``, each language's included."""
    return tuple(
        field.attname for field in model._meta.concrete_fields if isinstance(field, RichTextField)
    )


def sanitise_rich_text(obj) -> None:
    """Sanitise ``obj``'s rich text before a raw save, as `RichTextField.pre_save` would.

    The stored values are changed where the deserialiser put them (the instance's
    ``__dict__``): modeltranslation's descriptor would answer for the original column
    (``body``) with the active language's text."""
    for name in rich_text_columns(type(obj)):
        value = obj.__dict__.get(name)
        if value:
            obj.__dict__[name] = sanitize_html(value)
