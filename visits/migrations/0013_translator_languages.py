"""The languages each translator is assigned (visits.translators). Whoever is in the
Translator group already keeps translating every language (tick fewer on their user
page); a translator added later starts with none."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def assign_every_language(apps, schema_editor):
    TranslatorLanguages = apps.get_model("visits", "TranslatorLanguages")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    codes = [code for code, _name in settings.LANGUAGES]
    for user in User.objects.filter(groups__name="Translator").distinct():
        TranslatorLanguages.objects.get_or_create(user=user, defaults={"languages": codes})


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0012_owner'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TranslatorLanguages',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('languages', models.JSONField(blank=True, default=list, help_text='The languages this person translates. A translator changes and marks ready only these; with none ticked, they can translate nothing. Editors and publishers are not limited by it.', verbose_name='languages')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='translator_languages', to=settings.AUTH_USER_MODEL, verbose_name='user')),
            ],
            options={
                'verbose_name': 'translator languages',
                'verbose_name_plural': 'translator languages',
                'ordering': ('user__username',),
            },
        ),
        migrations.RunPython(assign_every_language, migrations.RunPython.noop),
    ]
