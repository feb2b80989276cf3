from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press office")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from visits.changes import pagecache

        from .models import next_release_moments
        from .search import register_press

        register_press()
        pagecache.register_moments(next_release_moments)
