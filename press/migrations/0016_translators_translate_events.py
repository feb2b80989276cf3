"""Translators translate events: each event has its own public page since issue 21 and
its own admin form since issue 22, so its title and description are theirs to translate
like a trip's (see 0005_roles, which left engagements to the trip's inline form then).
As everywhere, a translator changes only their languages' fields
(visits.translators.editable_languages); the date, place and people stay the editors'."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def permission(apps):
    app_config = apps.get_app_config("visits")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label="visits", codename="change_engagement"
    )


def translators_change_events(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Translator"):
        group.permissions.add(permission(apps))


def undo(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Translator"):
        group.permissions.remove(permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("visits", "0013_translator_languages"),
        ("press", "0015_owner"),
    ]

    operations = [migrations.RunPython(translators_change_events, undo)]
