"""Embargoed distribution: journalists, their lists, personal links and their opens; and
the Publisher group's permissions on them (editors and translators get none: only
publishers keep the lists and send under embargo)."""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
import press.models.distribution
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PUBLISHER = [
    *[
        f"{verb}_{model}"
        for model in ("journalistlist", "journalist")
        for verb in ("add", "change", "delete", "view")
    ],
    "add_embargolink",
    "change_embargolink",
    "view_embargolink",
    "view_embargoopen",
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("press")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Publisher")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="press", codename__in=PUBLISHER)
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Publisher").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="press", codename__in=PUBLISHER)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0018_alert_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="JournalistList",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="name")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="Who is on this list and why; only the press office sees it.",
                        verbose_name="description",
                    ),
                ),
            ],
            options={
                "verbose_name": "journalist list",
                "verbose_name_plural": "journalist lists",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Journalist",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "outlet_name",
                    models.CharField(
                        blank=True,
                        help_text="For an outlet that is not in the newsroom's list (or a freelancer).",
                        max_length=200,
                        verbose_name="outlet name",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        help_text="Kept in lower case; one journalist per address.",
                        max_length=254,
                        unique=True,
                        verbose_name="email address",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("en", "English"),
                            ("ko", "Korean"),
                            ("zh-hans", "Simplified Chinese"),
                            ("ja", "Japanese"),
                        ],
                        default="en",
                        help_text="Embargoed mail and its page come in this language when the release is ready in it, otherwise in the language the release goes out in first.",
                        max_length=8,
                        verbose_name="language",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        default="Asia/Seoul",
                        help_text="Where the journalist works, as an IANA name (Asia/Seoul, Europe/London, America/New_York): the embargo time is given in it, and in Seoul's.",
                        max_length=64,
                        validators=[press.models.distribution.validate_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "active",
                    models.BooleanField(
                        default=True,
                        help_text="Untick to stop all embargoed mail to this journalist without deleting.",
                        verbose_name="active",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="added"
                    ),
                ),
                (
                    "outlet",
                    models.ForeignKey(
                        blank=True,
                        help_text="The outlet from the newsroom's list, when it is there.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="journalists",
                        to="press.outlet",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "lists",
                    models.ManyToManyField(
                        blank=True,
                        related_name="journalists",
                        to="press.journalistlist",
                        verbose_name="lists",
                    ),
                ),
            ],
            options={
                "verbose_name": "journalist",
                "verbose_name_plural": "journalists",
                "ordering": ["name", "email"],
            },
        ),
        migrations.CreateModel(
            name="EmbargoLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "key",
                    models.CharField(
                        default=press.models.distribution.new_link_key,
                        editable=False,
                        help_text="The secret part of the personal link.",
                        max_length=64,
                        verbose_name="key",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="created"
                    ),
                ),
                (
                    "sent_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When the mail left; empty while it is queued or when it was skipped.",
                        null=True,
                        verbose_name="mailed",
                    ),
                ),
                (
                    "revoked_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="From then on the link answers “no longer available”.",
                        null=True,
                        verbose_name="revoked",
                    ),
                ),
                (
                    "release",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="embargo_links",
                        to="press.pressrelease",
                        verbose_name="release",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="revoked by",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="sent by",
                    ),
                ),
                (
                    "journalist",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="embargo_links",
                        to="press.journalist",
                        verbose_name="journalist",
                    ),
                ),
                (
                    "journalist_name",
                    models.CharField(
                        blank=True, editable=False, max_length=200, verbose_name="name"
                    ),
                ),
                (
                    "journalist_email",
                    models.EmailField(
                        blank=True, editable=False, max_length=254, verbose_name="email address"
                    ),
                ),
                (
                    "journalist_outlet",
                    models.CharField(
                        blank=True, editable=False, max_length=200, verbose_name="outlet"
                    ),
                ),
            ],
            options={
                "verbose_name": "embargoed link",
                "verbose_name_plural": "embargoed links",
                "ordering": ["-created_at", "-pk"],
                "get_latest_by": "created_at",
            },
        ),
        migrations.CreateModel(
            name="EmbargoOpen",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "opened_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="opened"
                    ),
                ),
                (
                    "ip_address",
                    models.GenericIPAddressField(
                        blank=True,
                        help_text="The reader's address as the site's trusted proxies saw it.",
                        null=True,
                        verbose_name="address",
                    ),
                ),
                (
                    "user_agent",
                    models.CharField(blank=True, max_length=300, verbose_name="browser"),
                ),
                (
                    "link",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="opens",
                        to="press.embargolink",
                        verbose_name="link",
                    ),
                ),
            ],
            options={
                "verbose_name": "embargoed link opened",
                "verbose_name_plural": "embargoed links opened",
                "ordering": ["-opened_at", "-pk"],
                "get_latest_by": "opened_at",
                "indexes": [
                    models.Index(
                        fields=["link", "opened_at"], name="press_embar_link_id_a1c2af_idx"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="embargolink",
            constraint=models.UniqueConstraint(
                fields=("release", "journalist"), name="one_embargo_link_per_journalist"
            ),
        ),
        migrations.AddConstraint(
            model_name="embargolink",
            constraint=models.UniqueConstraint(fields=("key",), name="embargo_link_key_unique"),
        ),
        migrations.AddConstraint(
            model_name="embargolink",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("revoked_at__isnull", True),
                    ("revoked_at__gte", models.F("created_at")),
                    _connector="OR",
                ),
                name="embargo_link_revoked_after_created",
            ),
        ),
        migrations.AddConstraint(
            model_name="journalist",
            constraint=models.CheckConstraint(
                condition=models.Q(("email", django.db.models.functions.text.Lower("email"))),
                name="journalist_email_lower_case",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
