from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Trips and itineraries")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes, revisions
        from .search import documents, indexing

        changes.connect()
        revisions.connect()
        documents.register_visits()
        indexing.connect()
        post_migrate.connect(indexing.index_if_empty, sender=self)
