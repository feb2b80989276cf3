"""Two versions of an item in words: what changed, field by field and language by
language, and among the rows the item owns (see the package's docstring)."""

import datetime
import difflib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.dateformat import time_format
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django_prose_editor.fields import ProseEditorField
from reversion.models import Version
from reversion.revisions import _get_options

from .recording import owned_relations

#: Bookkeeping fields: never shown as a change.
NOISE = frozenset({"lock_version", "updated_at", "preview_key"})
#: Shown for an empty value.
NONE = "\N{EN DASH}"
LANGUAGE_NAMES = dict(settings.LANGUAGES)
LANGUAGE_ORDER = {code: index for index, code in enumerate(LANGUAGE_NAMES)}

_CJK = (
    "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
)
#: Words, single CJK characters (Chinese and Japanese put no spaces between words),
#: punctuation and runs of white space.
_TOKENS = re.compile(rf"\s+|[{_CJK}]|[^\W{_CJK}]+|[^\w\s]")
#: Unchanged text longer than this is shortened to its ends around a change.
_CONTEXT = 80


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``[(kind, text)]`` with kind "same", "del" or "ins": ``old`` made into ``new``
    word by word (character by character in Chinese and Japanese)."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    chunks: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            chunks.append(["same", before, after])
        elif chunks and chunks[-1][0] == "change":
            chunks[-1][1] += before
            chunks[-1][2] += after
        else:
            chunks.append(["change", before, after])
    # A lone space between two changed words belongs to the change: "<del>a b</del>", not
    # "<del>a</del> <del>b</del>".
    merged: list[list[str]] = []
    for chunk in chunks:
        if (
            chunk[0] == "change"
            and len(merged) >= 2
            and merged[-1][0] == "same"
            and not merged[-1][1].strip()
            and merged[-2][0] == "change"
            and (merged[-2][1] + chunk[1]).strip()
            and (merged[-2][2] + chunk[2]).strip()
        ):
            space = merged.pop()[1]
            merged[-1][1] += space + chunk[1]
            merged[-1][2] += space + chunk[2]
        else:
            merged.append(chunk)
    segments = []
    for index, (kind, before, after) in enumerate(merged):
        if kind == "same":
            first, last = index == 0, index == len(merged) - 1
            segments.append(("same", _shorten(before, keep_head=not first, keep_tail=not last)))
            continue
        if before:
            segments.append(("del", before))
        if after:
            segments.append(("ins", after))
    return segments


def _shorten(text: str, keep_head: bool, keep_tail: bool) -> str:
    """Long unchanged text, cut to the ends that touch a change."""
    if len(text) <= 2 * _CONTEXT + 20:
        return text
    head = text[:_CONTEXT].rsplit(" ", 1)[0] if keep_head else ""
    tail = text[-_CONTEXT:].split(" ", 1)[-1] if keep_tail else ""
    return f"{head} \N{HORIZONTAL ELLIPSIS} {tail}".strip(" ") if head or tail else ""


class _TextParser(HTMLParser):
    """Collects the text of sanitised rich text, ending a line after each block."""

    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre"}
        | {"ul", "ol", "table", "figure", "figcaption"}
    )

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "hr"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html: str) -> str:
    """What a reader reads in rich text: its words, a line per paragraph, no markup."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


@dataclass
class Line:
    """One value's change as ``segments`` of (kind, text), kind "same", "del" or "ins":
    inline pieces of text, the old and new value, or the items of a list."""

    label: str
    kind: str  # "text", "value" (old → new) or "list"
    segments: list[tuple[str, str]] = field(default_factory=list)
    lang: str = ""
    note: str = ""


@dataclass
class Change:
    """A changed field: one line, or one per language for a translated field."""

    label: str
    lines: list[Line]
    translated: bool = False
    source: models.Field | None = None


@dataclass
class OwnedRows:
    """What changed among the rows an item owns (a trip's legs)."""

    label: str
    added: list[str]
    removed: list[str]
    changed: list[tuple[str, list[str]]]

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


def recorded_fields(version) -> set[str] | None:
    """Names of the fields ``version`` stored (older versions lack some), None if unknown."""
    if version.format != "json":
        return None
    try:
        return set(json.loads(version.serialized_data)[0]["fields"])
    except (ValueError, LookupError, TypeError):
        return None


def field_groups(model) -> list[tuple[models.Field, list[models.Field] | None]]:
    """The fields of ``model`` that a comparison shows, in form order: (field, None), or
    (translated field, its per-language columns in settings order)."""
    registered = set(_get_options(model).fields)
    languages = defaultdict(list)
    for f in model._meta.concrete_fields:
        original = getattr(f, "translated_field", None)
        if original is not None and f.name in registered:
            languages[original.name].append(f)
    groups = []
    for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if f.primary_key or f.name in NOISE or f.name not in registered:
            continue
        if getattr(f, "translated_field", None) is not None:
            continue
        if f.name in languages:  # the untranslated mirror column stands for the group
            columns = sorted(languages[f.name], key=lambda c: LANGUAGE_ORDER.get(c.language, 99))
            groups.append((f, columns))
        elif not f.many_to_many or f.remote_field.through._meta.auto_created:
            groups.append((f, None))
    return groups


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return sorted(value, key=str)
    return value


def _language_label(f, column) -> str:
    return gettext("%(field)s — %(language)s") % {
        "field": capfirst(f.verbose_name),
        "language": LANGUAGE_NAMES.get(column.language, column.language),
    }


def _changed(model, old, new):
    """(field, column or None, old value, new value) of each changed value, in order."""
    old_recorded, new_recorded = recorded_fields(old), recorded_fields(new)
    for f, columns in field_groups(model):
        for column in columns or [f]:
            if any(r is not None and column.name not in r for r in (old_recorded, new_recorded)):
                continue  # a version from before the field was kept: nothing to compare
            before = old.field_dict.get(column.attname)
            after = new.field_dict.get(column.attname)
            if _plain(before) != _plain(after):
                yield f, (column if columns else None), before, after


def _display(f, value, names) -> str:
    if value is None or value == "" or value == []:
        return NONE
    if f.many_to_one or f.one_to_one:
        return names.get(f.related_model, {}).get(value) or gettext("deleted (#%(id)s)") % {
            "id": value
        }
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return yesno(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value)
    if isinstance(value, datetime.time):
        return time_format(value)
    if isinstance(value, FieldFile):
        return value.name
    return str(value)


def _names(pairs) -> dict[type[models.Model], dict[object, str]]:
    """Names of the related rows in ``pairs`` of (field, value): one query per model."""
    wanted = defaultdict(set)
    for f, value in pairs:
        if f.many_to_many:
            wanted[f.related_model].update(value or ())
        elif (f.many_to_one or f.one_to_one) and value is not None:
            wanted[f.related_model].add(value)
    return {
        model: {pk: str(obj) for pk, obj in model._base_manager.in_bulk(pks).items()}
        for model, pks in wanted.items()
        if pks
    }


def _line(f, column, before, after, names) -> Line:
    label = _language_label(f, column) if column is not None else capfirst(f.verbose_name)
    lang = column.language if column is not None else ""
    if f.many_to_many:
        old_set, new_set = set(before or ()), set(after or ())
        name = names.get(f.related_model, {})

        def named(pk):
            return name.get(pk) or gettext("deleted (#%(id)s)") % {"id": pk}

        items = [("same" if pk in old_set else "ins", named(pk)) for pk in after or ()]
        items += [("del", named(pk)) for pk in before or () if pk not in new_set]
        return Line(label, "list", items)
    if isinstance(f, ProseEditorField):
        old_text, new_text = text_of(before or ""), text_of(after or "")
        if old_text == new_text:
            return Line(
                label, "text", [("same", new_text)], lang, gettext("Only the formatting changed.")
            )
        return Line(label, "text", word_diff(old_text, new_text), lang)
    if isinstance(f, models.CharField | models.TextField) and not f.choices:
        return Line(label, "text", word_diff(before or "", after or ""), lang)
    return Line(
        label, "value", [("del", _display(f, before, names)), ("ins", _display(f, after, names))]
    )


def compare(model, old, new) -> tuple[list[Change], list[OwnedRows]]:
    """What changed from version ``old`` to version ``new`` of an item of ``model``:
    the changed fields, and the changes among the rows it owns."""
    changed = list(_changed(model, old, new))
    pairs = []
    for f, _column, before, after in changed:
        if f.many_to_many:
            pairs.append((f, [*(before or ()), *(after or ())]))
        else:
            pairs += [(f, before), (f, after)]
    names = _names(pairs)
    changes: list[Change] = []
    for f, column, before, after in changed:
        line = _line(f, column, before, after, names)
        if changes and column is not None and changes[-1].source is f:
            changes[-1].lines.append(line)
        else:
            changes.append(Change(capfirst(f.verbose_name), [line], column is not None, f))
    return changes, owned_changes(model, old, new)


def owned_changes(model, old, new) -> list[OwnedRows]:
    """Rows the item owns, added, removed or changed between two of its versions."""
    relations = owned_relations(model)
    if not relations:
        return []
    content_types = ContentType.objects.get_for_models(*(r.related_model for r in relations))
    rows = Version.objects.filter(
        revision_id__in={old.revision_id, new.revision_id},
        content_type__in=content_types.values(),
    )
    by_revision = defaultdict(list)
    for row in rows:
        by_revision[row.revision_id].append(row)
    summaries = []
    for relation in relations:
        child = relation.related_model
        content_type = content_types[child]
        attname = relation.field.attname

        def owned(version, content_type=content_type, attname=attname):
            return {
                row.object_id: row
                for row in by_revision[version.revision_id]
                if row.content_type_id == content_type.pk
                and str(row.field_dict.get(attname)) == str(version.object_id)
            }

        before, after = owned(old), owned(new)
        changed = []
        for key in after.keys() & before.keys():
            labels = [
                _language_label(f, column) if column is not None else capfirst(f.verbose_name)
                for f, column, _b, _a in _changed(child, before[key], after[key])
                if f.attname != attname
            ]
            if labels:
                changed.append((after[key].object_repr, labels))
        summary = OwnedRows(
            capfirst(child._meta.verbose_name_plural),
            added=[after[key].object_repr for key in sorted(after.keys() - before.keys())],
            removed=[before[key].object_repr for key in sorted(before.keys() - after.keys())],
            changed=sorted(changed),
        )
        if summary:
            summaries.append(summary)
    return summaries
