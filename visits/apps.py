from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Trips and itineraries")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes, revisions
        from .readmodel import upkeep
        from .search import documents, indexing
        from .tasks import queue

        # The change pipeline's listeners, in the order they hear of each commit (see
        # visits.changes): the version and the page cache, revisions, search, the read
        # model (which queues its builds), tasks.
        changes.connect()
        revisions.connect()
        documents.register_visits()
        indexing.connect()
        upkeep.connect()
        changes.listen(queue.enqueue_noted, topic=queue.TOPIC)
        post_migrate.connect(indexing.index_if_empty, sender=self)
        post_migrate.connect(upkeep.build_if_empty, sender=self)
