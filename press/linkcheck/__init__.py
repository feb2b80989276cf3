"""Proof of coverage: each coverage link checked when saved and then every week, and the
article archived when it is first seen alive (issue 19).

Modules, in the order a check runs through them:

* `config`: the settings and their defaults (``PRESSROOM_LINK_CHECK_*``).
* `network`: the network rule (http(s) only, no private, loopback or link-local address
  unless allowed) and one request per host at a time (`network.host_lock`).
* `fetch`: the requests, redirects followed by hand, HEAD then GET, time-outs and caps.
* `verdict`: ok, moved, gone (soft 404s included), suspect or error, from the answers.
* `archive`: the WARC record, PDF and screenshot, stored whole or not at all;
  `browser` and `socks` run headless Chromium under the same network rule.
* `check`: one coverage item checked and its `LinkState` recorded; which items are due.
* `admin`: the pieces the coverage admin shows (the filter, the status, the copies and
  their downloads); `public`: what the public pages say of a gone or moved link.

The task is `press.tasks.check_coverage_link`, queued on commit when an item is saved
with an address that has no state yet (`queue_check`, a watcher of the change pipeline)
and by ``manage.py check_coverage_links``. Must not import the views or `press.admin`.
"""

from __future__ import annotations

from .config import setting


def queue_check(change, instance):
    """The change pipeline's watcher (``PressConfig.ready``): a coverage item saved with
    an address that was never checked gets a check, queued when its transaction commits.
    Returns nothing to gather: `enqueue_on_commit` joins the same batch itself."""
    from press.models import Coverage, LinkState
    from visits.changes import SAVED
    from visits.tasks import enqueue_on_commit

    if change.kind != SAVED or change.model is not Coverage or instance is None:
        return ()
    if not instance.url or not setting("PRESSROOM_LINK_CHECK_ON_SAVE"):
        return ()
    if LinkState.objects.filter(pk=instance.pk, url=instance.url).exists():
        return ()
    from press.tasks import check_coverage_link

    enqueue_on_commit(check_coverage_link, instance.pk)
    return ()


def remove_archive_file(change, instance):
    """The change pipeline's watcher: a deleted `ArchivedCopy` (its coverage item deleted
    with it, too) takes its file with it, after the commit (work topic)."""
    from functools import partial

    from django.core.files.storage import default_storage

    from press.models import ArchivedCopy
    from visits.changes import DELETED

    if change.kind != DELETED or change.model is not ArchivedCopy or instance is None:
        return ()
    if not instance.file.name:
        return ()
    return [partial(_delete_file, default_storage, instance.file.name)]


def _delete_file(storage, name: str) -> None:
    import logging

    try:
        storage.delete(name)
    except Exception:
        logging.getLogger(__name__).exception("Could not remove the archived copy %s.", name)
