"""The press app's background work (`visits.tasks`): a photo's renditions.

Queued by `Photo.save()` once its transaction commits; run by ``manage.py db_worker``.
Must not import the admin or the views.
"""

import logging

from visits.tasks import object_task

from . import renditions

logger = logging.getLogger(__name__)


@object_task("press.Photo", rerun="manage.py make_renditions")
def make_photo_renditions(photo) -> int:
    """Make the photo's missing renditions and record in its row that they are made, so
    pages switch from its original to them; returns how many files were written.

    Run twice, it writes nothing the second time. A photo deleted before the task runs
    ends it quietly (`object_task`); one deleted, or given another image, while it ran
    may have had its files removed before these were written, so they are removed again.
    """
    made = renditions.make_renditions(photo)
    rows = type(photo)._base_manager
    if not rows.filter(pk=photo.pk, image=photo.image.name).exists():
        renditions.delete_files(photo)
        logger.info(
            "make_photo_renditions: press.Photo #%s lost %s while its renditions were "
            "made; they were removed again.",
            photo.pk,
            photo.image.name,
        )
    return made
