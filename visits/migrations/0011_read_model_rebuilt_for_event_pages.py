"""The stored pages and cards were built by the templates before event pages: without the
event links, the counts on the itinerary, the language labels of cards, the change notes.
They are dropped, so that pages are served by their views (always right, slower) until
the workers have built them again: ``migrate`` queues the build of every item when it
finds content and no read model (`visits.readmodel.upkeep.build_if_empty`)."""

from django.db import migrations


def drop_read_model(apps, schema_editor):
    apps.get_model("visits", "ReadTag").objects.all().delete()
    apps.get_model("visits", "ReadRow").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0010_event_slugs"),
    ]

    operations = [
        migrations.RunPython(drop_read_model, migrations.RunPython.noop, elidable=True),
    ]
