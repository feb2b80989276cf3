"""Renditions are made by a task after the save, so a photo's row says when they are made
(`press.renditions.key`); pages show the original until then.

Every photo stored before this migration had its renditions made in the request that saved
it, so each is recorded as made, with the key of the recipes of that time (copied here, as
the module's may change). One whose renditions failed then still links files that are not
there, as before: `manage.py make_renditions` makes them.
"""

import hashlib

from django.db import migrations, models
from PIL import features


def key(name: str, focal_x: int, focal_y: int) -> str:
    """`press.renditions.key` with RECIPES = 1."""
    formats = "AVIF,WEBP" if features.check("avif") else "WEBP"
    made_from = f"1|{formats}|{name}|{focal_x}|{focal_y}"
    return hashlib.blake2b(made_from.encode(), digest_size=8).hexdigest()


def record_made(apps, schema_editor):
    Photo = apps.get_model("press", "Photo")
    photos = Photo.objects.using(schema_editor.connection.alias).exclude(image="")
    for pk, name, focal_x, focal_y in photos.values_list("pk", "image", "focal_x", "focal_y"):
        Photo.objects.using(schema_editor.connection.alias).filter(pk=pk).update(
            renditions_key=key(name, focal_x, focal_y)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0010_outside_links_are_http"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="renditions_key",
            field=models.CharField(
                blank=True, editable=False, max_length=16, verbose_name="renditions made for"
            ),
        ),
        migrations.RunPython(record_made, migrations.RunPython.noop, elidable=True),
    ]
