"""Owners for rows made before items had one: the user of each item's first revision
(django-reversion), or none when that revision was saved outside the admin. Shared by
the ``owner`` migrations of visits and press; not a migration itself (the leading ``_``)."""


def owners_from_first_revisions(app_label: str, *model_names: str):
    def fill(apps, schema_editor):
        try:
            ContentType = apps.get_model("contenttypes", "ContentType")
            Version = apps.get_model("reversion", "Version")
        except LookupError:
            return
        for model_name in model_names:
            model = apps.get_model(app_label, model_name)
            content_type = ContentType.objects.filter(
                app_label=app_label, model=model_name.lower()
            ).first()
            if content_type is None:
                continue
            first: dict[int, int | None] = {}
            versions = (
                Version.objects.filter(content_type=content_type)
                .order_by("revision__date_created", "revision_id")
                .values_list("object_id", "revision__user_id")
            )
            for object_id, user_id in versions.iterator():
                if object_id.isdigit():
                    first.setdefault(int(object_id), user_id)
            by_user: dict[int, list[int]] = {}
            for pk, user_id in first.items():
                if user_id is not None:
                    by_user.setdefault(user_id, []).append(pk)
            for user_id, pks in by_user.items():
                for start in range(0, len(pks), 500):
                    model.objects.filter(pk__in=pks[start : start + 500]).update(owner_id=user_id)

    return fill
