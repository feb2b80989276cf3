from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press office")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from visits import changes
        from visits.changes import pagecache
        from visits.tasks import queue

        from . import linkcheck
        from .models import next_release_moments
        from .search import register_press

        register_press()
        pagecache.register_moments(next_release_moments)
        # A coverage item saved with a new address has its link checked after the commit;
        # a deleted archived copy takes its file with it.
        changes.watch(queue.TOPIC, linkcheck.queue_check)
        changes.watch(changes.WORK, linkcheck.remove_archive_file)
