"""A withdrawn release keeps its page only if it was public when it was withdrawn
(`PressRelease.was_public`); before, any withdrawn release whose time had come by its
withdrawal kept one, drafts and releases in review included.

For the rows withdrawn already, the revision history decides where it has the state
before the withdrawal (the last version that is not withdrawn): public if it was
scheduled or published, with its time come by the withdrawal. A history in which the
release was never anything but withdrawn says it never was. Rows without a history
(made by a script or an import) are taken to have been public when their publication
time came before their withdrawal: the way most withdrawals happen, and what their pages
showed until now. Either way the row's own times must allow it (the new constraint).
"""

import json

from django.db import migrations, models
from django.db.models import F, Q
from django.utils.dateparse import parse_datetime

APPROVED = ("scheduled", "published")
WITHDRAWN = "withdrawn"


def state_before_withdrawal(versions) -> tuple | None:
    """(status, publication time) of the last version that is not withdrawn; (withdrawn,
    None) when every version is withdrawn; None without a readable history."""
    states = []
    for version in versions:
        if version.format != "json":
            continue
        try:
            fields = json.loads(version.serialized_data)[0]["fields"]
        except (ValueError, LookupError, TypeError):
            continue
        published_at = fields.get("published_at")
        states.append((fields.get("status"), parse_datetime(published_at or "")))
    if not states:
        return None
    before = [state for state in states if state[0] != WITHDRAWN]
    return before[-1] if before else (WITHDRAWN, None)


def record_public_withdrawals(apps, schema_editor):
    db = schema_editor.connection.alias
    PressRelease = apps.get_model("press", "PressRelease")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = (
        ContentType.objects.using(db).filter(app_label="press", model="pressrelease").first()
    )
    candidates = PressRelease.objects.using(db).filter(
        status=WITHDRAWN, published_at__isnull=False, published_at__lte=F("withdrawn_at")
    )
    public = []
    for pk, withdrawn_at in candidates.values_list("pk", "withdrawn_at").iterator():
        versions = Version.objects.using(db).none()
        if content_type is not None:
            versions = Version.objects.using(db).filter(
                content_type=content_type, object_id=str(pk)
            )
        before = state_before_withdrawal(versions.order_by("revision__date_created", "pk"))
        if before is not None:
            status, published_at = before
            if status not in APPROVED or published_at is None or published_at > withdrawn_at:
                continue
        public.append(pk)
    PressRelease.objects.using(db).filter(pk__in=public).update(was_public=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("press", "0007_list_indexes"),
        ("visits", "0004_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="pressrelease",
            name="was_public",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text=(
                    "Recorded when the release is withdrawn: whether it had gone public. "
                    "Only then does its page stay, under the withdrawal notice; otherwise "
                    "it is gone like a draft."
                ),
                verbose_name="public before its withdrawal",
            ),
        ),
        migrations.RunPython(record_public_withdrawals, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="pressrelease",
            constraint=models.CheckConstraint(
                condition=Q(was_public=False)
                | Q(
                    status=WITHDRAWN,
                    published_at__isnull=False,
                    published_at__lte=F("withdrawn_at"),
                ),
                name="pressrelease_was_public_before_withdrawal",
                violation_error_message=(
                    "Only a withdrawn release whose publication time came before its "
                    "withdrawal can have been public."
                ),
            ),
        ),
    ]
