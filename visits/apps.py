from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Trips and itineraries")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes, revisions

        changes.connect()
        revisions.connect()
