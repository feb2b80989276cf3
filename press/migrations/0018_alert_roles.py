"""Publishers look after the email alerts (see visits/adminkit/base.py "Roles"): they see,
add, change and delete subscribers and suppressed addresses, and see the log of alerts
sent, which nobody edits. Editors and translators see none of it: readers' addresses are
not theirs to handle."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISHER = [
    *(f"{verb}_subscriber" for verb in ("view", "add", "change", "delete")),
    *(f"{verb}_suppressedaddress" for verb in ("view", "add", "change", "delete")),
    "view_alertdelivery",
]


def permissions(apps):
    app_config = apps.get_app_config("press")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="press", codename__in=PUBLISHER
    )


def publishers_handle_alerts(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="Publisher"):
        group.permissions.add(*permissions(apps))


def undo(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="Publisher"):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("press", "0017_alerts"),
    ]

    operations = [migrations.RunPython(publishers_handle_alerts, undo)]
