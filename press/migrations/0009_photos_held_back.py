"""Photos can be held back from their trip's pages (for a release not out yet), and only
publishers change a public photo or make one public: the ``publish_photo`` permission,
given to the Publisher group (see 0005_roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def give_publishers_photos(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs this one now.
    app_config = apps.get_app_config("press")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(content_type__app_label="press", codename="publish_photo")
    for group in Group.objects.filter(name="Publisher"):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("press", "0008_withdrawn_releases_were_public"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="photo",
            options={
                "get_latest_by": "uploaded_at",
                "ordering": ["visit", "order", "pk"],
                "permissions": [
                    ("publish_photo", "Can change public photos and make photos public")
                ],
                "verbose_name": "photo",
                "verbose_name_plural": "photos",
            },
        ),
        migrations.AddField(
            model_name="photo",
            name="held_back",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Keeps the photo off its trip's pages, even a public trip's, until a "
                    "public release shows it or a publisher unticks this: for photos meant "
                    "for a release that is not out yet."
                ),
                verbose_name="not public yet",
            ),
        ),
        migrations.RunPython(give_publishers_photos, migrations.RunPython.noop),
    ]
