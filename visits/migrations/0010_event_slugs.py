"""Events get their own pages: a slug each, unique within its trip, made for the events
already recorded from their first available title before the constraint is added."""

from django.db import migrations, models

from visits.text import ascii_slug

#: The title's columns in fallback order (English, Korean, then the rest).
TITLE_COLUMNS = ("title_en", "title_ko", "title_zh_hans", "title_ja")


def fill_slugs(apps, schema_editor):
    """Streamed and written a thousand at a time: a large archive has tens of thousands."""
    Engagement = apps.get_model("visits", "Engagement")
    taken: dict[int, set[str]] = {}
    for visit_id, slug in Engagement.objects.exclude(slug="").values_list("visit_id", "slug"):
        taken.setdefault(visit_id, set()).add(slug)
    pending = Engagement.objects.filter(slug="").order_by("visit_id", "date", "pk")
    changed = []
    for engagement in pending.only("pk", "visit_id", "title", *TITLE_COLUMNS).iterator(2000):
        title = next(
            (
                value
                for column in TITLE_COLUMNS
                if (value := (getattr(engagement, column) or "").strip())
            ),
            engagement.title or "",
        )
        base = ascii_slug(title) or "event"
        used = taken.setdefault(engagement.visit_id, set())
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base[: 80 - len(str(n)) - 1].rstrip('-')}-{n}"
        used.add(candidate)
        engagement.slug = candidate
        changed.append(engagement)
        if len(changed) >= 1000:
            Engagement.objects.bulk_update(changed, ["slug"])
            changed = []
    Engagement.objects.bulk_update(changed, ["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0009_read_model_cards_and_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="engagement",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "The last part of the event page's web address, unique within the trip. "
                    "Leave empty to make one from the title; once the trip is public, "
                    "changing it breaks links."
                ),
                max_length=90,
                verbose_name="slug",
            ),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="engagement",
            constraint=models.UniqueConstraint(
                fields=("visit", "slug"),
                name="engagement_unique_slug_per_trip",
                violation_error_message="Another event of this trip has this slug.",
            ),
        ),
    ]
