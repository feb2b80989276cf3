from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0007_read_model"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentChange",
            fields=[
                (
                    "version",
                    models.PositiveBigIntegerField(
                        primary_key=True, serialize=False, verbose_name="content version"
                    ),
                ),
                ("changed_at", models.DateTimeField(verbose_name="time of the change")),
                ("tags", models.TextField(verbose_name="tags")),
            ],
            options={
                "verbose_name": "content change",
                "verbose_name_plural": "content changes",
                "ordering": ["version"],
            },
        ),
    ]
