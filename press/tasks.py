"""The press app's background work (`visits.tasks`): a photo's renditions, a coverage
link's check, a YouTube video's poster.

Renditions are queued by `Photo.save()` once its transaction commits; a link's check by
the change pipeline's watcher `press.linkcheck.queue_check`, once the transaction that
saved the item with a new address commits, and by ``manage.py check_coverage_links``.
Run by ``manage.py db_worker``. Must not import the admin or the views.
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


@object_task("press.Coverage", rerun="manage.py check_coverage_links")
def check_coverage_link(coverage) -> dict | None:
    """Check the item's address, archive the article when first seen alive, and record
    what was found (`press.linkcheck.check`); returns the command's JSON for the item.

    Every failure of the link (a bad address, a dead host, a loop, a huge answer) is a
    status, never an exception, so only the database or the storage failing is retried."""
    from .linkcheck.check import check_coverage

    outcome = check_coverage(coverage)
    return outcome.as_json() if outcome else None


@object_task("press.Video", retries=0)
def fetch_video_poster(video) -> bool:
    """Fetch a YouTube video's still as its poster (`press.video_posters`), queued by
    `Video.save()` for a YouTube link without a poster; True when one was stored. A
    failure of the fetch is logged and leaves the plain card: nothing to retry."""
    from .video_posters import fetch_poster

    return fetch_poster(video)
