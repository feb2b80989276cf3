"""The three roles of the newsroom as groups (see visits/adminkit/base.py "Roles").

Run again safely: a group gets exactly the permissions listed here added (nothing an
administrator added by hand is taken away).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("visits", "press")
CONTENT = {
    "visits": ("city", "organization", "person", "place", "visit", "leg", "engagement"),
    "press": ("topic", "outlet", "presscontact", "photo", "pressrelease", "releasephoto", "coverage"),
}
#: Rows edited inside another item's form (legs, engagements, gallery rows).
INLINE = {("visits", "leg"), ("visits", "engagement"), ("press", "releasephoto")}


def codenames():
    """(app, codename) of each group's permissions."""
    every = [(app, model) for app, models in CONTENT.items() for model in models]
    view = [(app, f"view_{model}") for app, model in every]
    editor = [
        *view,
        *[(app, f"{verb}_{model}") for app, model in every for verb in ("add", "change")],
        *[(app, f"delete_{model}") for app, model in INLINE],
    ]
    translator = [
        *view,
        *[(app, f"change_{model}") for app, model in every if (app, model) not in INLINE],
        ("press", "translate_pressrelease"),
    ]
    publisher = [
        *view,
        *[
            (app, f"{verb}_{model}")
            for app, model in every
            for verb in ("add", "change", "delete")
        ],
        ("visits", "publish_visit"),
        ("press", "publish_pressrelease"),
        ("press", "translate_pressrelease"),
        ("press", "publish_coverage"),
    ]
    return {"Editor": editor, "Translator": translator, "Publisher": publisher}


def make_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; groups need them now.
    for label in APPS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in codenames().items():
        group, _created = Group.objects.get_or_create(name=name)
        for app, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=codenames()).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("visits", "0003_workflow"),
        ("press", "0004_workflow"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
