"""Permanent identifiers for feed entries, and photo file sizes for feed enclosures.

Existing rows each get their own UUID (adding the field gives them all one default, so
each is replaced before the field becomes unique), and existing photos get the size of
their file on the storage.
"""

import uuid

from django.db import migrations, models


def give_uuids(apps, schema_editor):
    for name in ("PressRelease", "Coverage"):
        model = apps.get_model("press", name)
        for pk in model.objects.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(uuid=uuid.uuid4())


def measure_photos(apps, schema_editor):
    Photo = apps.get_model("press", "Photo")
    for photo in Photo.objects.filter(file_size=0).exclude(image=""):
        try:
            size = photo.image.size
        except (OSError, ValueError):
            continue
        Photo.objects.filter(pk=photo.pk).update(file_size=size)


def uuid_field(**kwargs):
    return models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="Never changes; feeds build their entry IDs from it.",
        verbose_name="permanent identifier",
        **kwargs,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="file_size",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="Kept so feeds can give an enclosure's length without asking the storage.",
                verbose_name="file size in bytes",
            ),
        ),
        migrations.AddField("pressrelease", "uuid", uuid_field(null=True)),
        migrations.AddField("coverage", "uuid", uuid_field(null=True)),
        migrations.RunPython(give_uuids, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(measure_photos, migrations.RunPython.noop, elidable=True),
        migrations.AlterField("pressrelease", "uuid", uuid_field(unique=True)),
        migrations.AlterField("coverage", "uuid", uuid_field(unique=True)),
    ]
