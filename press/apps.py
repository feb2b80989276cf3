from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "press"
    verbose_name = _("Press office")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from anymail.signals import tracking

        from visits import changes
        from visits.changes import pagecache
        from visits.tasks import queue

        from . import linkcheck
        from .alerts import sending
        from .alerts.tracking import suppress_on_tracking
        from .models import next_release_moments
        from .search import register_press

        register_press()
        pagecache.register_moments(next_release_moments)
        # A coverage item saved with a new address has its link checked after the commit;
        # a deleted archived copy takes its file with it.
        changes.watch(queue.TOPIC, linkcheck.queue_check)
        changes.watch(changes.WORK, linkcheck.remove_archive_file)
        # A release or language scheduled ahead gets a dispatch of its alerts at its
        # minute; the provider's bounces and complaints stop mail to their address.
        changes.watch(queue.TOPIC, sending.schedule_dispatch)
        tracking.connect(suppress_on_tracking, dispatch_uid="press.alerts.suppress")
