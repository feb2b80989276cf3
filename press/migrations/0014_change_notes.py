"""Public change notes on published releases (press/models/notes.py), and who writes
them: publishers, who alone change a published release, add, change and delete them;
translators translate them; editors, for whom a published release is read-only, see
them (see 0005_roles)."""

import django.db.models.deletion
import django.utils.timezone
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

GROUPS = {
    "Editor": ("view",),
    "Translator": ("view", "change"),
    "Publisher": ("view", "add", "change", "delete"),
}


def give_groups_notes(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need these now.
    app_config = apps.get_app_config("press")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        for verb in GROUPS[group.name]:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="press", codename=f"{verb}_changenote"
                )
            )


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('press', '0013_coverage_link_checks'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChangeNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.TextField(help_text="One or two sentences readers see under the release's date, e.g. “The time of the signing ceremony was corrected.” Only for changes that matter to readers; a typo needs no note.", max_length=500, verbose_name='note')),
                ('note_en', models.TextField(help_text="One or two sentences readers see under the release's date, e.g. “The time of the signing ceremony was corrected.” Only for changes that matter to readers; a typo needs no note.", max_length=500, null=True, verbose_name='note')),
                ('note_ko', models.TextField(help_text="One or two sentences readers see under the release's date, e.g. “The time of the signing ceremony was corrected.” Only for changes that matter to readers; a typo needs no note.", max_length=500, null=True, verbose_name='note')),
                ('note_zh_hans', models.TextField(help_text="One or two sentences readers see under the release's date, e.g. “The time of the signing ceremony was corrected.” Only for changes that matter to readers; a typo needs no note.", max_length=500, null=True, verbose_name='note')),
                ('note_ja', models.TextField(help_text="One or two sentences readers see under the release's date, e.g. “The time of the signing ceremony was corrected.” Only for changes that matter to readers; a typo needs no note.", max_length=500, null=True, verbose_name='note')),
                ('noted_at', models.DateTimeField(default=django.utils.timezone.now, help_text="When the release changed (Seoul time by default). Shown as “Updated”, and dates the release's entries in feeds and the sitemap. Not in the future.", verbose_name='changed at')),
                ('release', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='change_notes', to='press.pressrelease', verbose_name='press release')),
            ],
            options={
                'verbose_name': 'change note',
                'verbose_name_plural': 'change notes',
                'ordering': ['-noted_at', '-pk'],
                'get_latest_by': 'noted_at',
                'indexes': [models.Index(fields=['release', '-noted_at'], name='changenote_latest')],
            },
        ),
        migrations.RunPython(give_groups_notes, migrations.RunPython.noop),
    ]
