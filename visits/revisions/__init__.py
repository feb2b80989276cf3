"""Revisions: every save of a trip, release, coverage item or photo is kept, with who and
when, and can be compared and restored in the admin (django-reversion).

What is kept
    Models are registered where they are defined (``@reversion.register``); a trip
    follows its legs and engagements, a release its gallery rows, so a revision of an item
    holds the rows it owns too. The decorator runs before modeltranslation adds the
    per-language columns (``title_en``, ``title_ko``…), so reversion would keep only the
    untranslated ``title``, whose value is whichever language was active at the save.
    `connect()` (from ``VisitsConfig.ready``) completes the registrations with every
    language's column.

Who and when
    In the admin, reversion's views wrap each request in a revision with the user and the
    change message. Every other save (shell, management commands, services, an admin page
    without history) is caught by receivers of ``post_save``, ``m2m_changed`` and
    ``post_delete``: a change to a row an item owns counts as a change of the item, and
    when the transaction commits, each changed item gets one revision with its final state
    and the comment "Saved outside the admin" (one per transaction, not one per save: an
    import that saves a release, then its topics, then its gallery makes one revision).
    Raw saves (loaddata, reversion's own revert) are not revisions. `record_revision()`
    records one on request, e.g. after ``QuerySet.update()``, which sends no signal.

Comparing
    `compare()` turns two versions into what changed, field by field, in words: a
    translated field is one row with a line per language, rich text is compared as its
    text (markup-only changes are named as such), related rows by name, the rows an item
    owns as added, removed and changed. The history page
    (``templates/reversion/object_history.html``) picks two revisions without JavaScript;
    `RevisionAdmin.compare_view` shows them.

Restoring
    reversion's revision view reverts a revision inside a transaction, runs the change
    form on the reverted row and keeps the result only when the form is saved. Its revert
    is replaced by `restore()`: only the item and the rows it owns go back (a revision made
    by an admin action holds every item the action changed; restoring one must not restore
    the others); rows the item owns now but did not then are deleted; and the fields in
    `KEEP_ON_RESTORE` keep their current value. For ``lock_version`` that is the
    optimistic lock: the restore form carries the row's current number, so a restore is
    checked like any edit (refused when someone saves while it is open) and saving it bumps
    the number; without this the old number would be written back and the lock would count
    backwards. For ``preview_key`` it keeps revoked preview links revoked. A file that is
    gone from the storage (a photo's replaced image) is not brought back as a dead link:
    the current file stays, and a deleted photo, whose files went with it, is not
    recovered. Restoring rewrites every field, so it needs the right to change the whole
    item as it is now (`RevisionAdmin.has_restore_permission`; translators may not). Unlike
    reversion's view, a GET does not mute signals process-wide (a concurrent request would
    lose its own); the rolled-back transaction undoes what receivers wrote.

    A restore that clashes with the rows as they are now (two legs that swapped positions
    since) is refused with a message rather than half done.

Why not django-reversion-compare
    It is GPL-3 (copyleft for the whole product) and pulls in ``rich``; its templates use
    inline styles, which our coming Content Security Policy forbids; and it shows
    ``title_en``, ``title_ko``… as unrelated fields instead of one field in four languages.
"""

from .admin import RevisionAdmin
from .compare import compare, text_of, word_diff
from .recording import SAVED_OUTSIDE_ADMIN, comment_of, connect, record_revision
from .restore import KEEP_ON_RESTORE, restore

__all__ = [
    "KEEP_ON_RESTORE",
    "SAVED_OUTSIDE_ADMIN",
    "RevisionAdmin",
    "comment_of",
    "compare",
    "connect",
    "record_revision",
    "restore",
    "text_of",
    "word_diff",
]
