"""The publishing workflow of every publishable model, as keyword-only functions that the
admin's actions call, and commands and the API may: submitting for review, publishing,
scheduling, unpublishing and withdrawing.

Each checks who may (``<app>.publish_<model>``, declared in the model's Meta.permissions;
submitting needs the add and change rights), changes the item, checks it as a form would
(`full_clean`: the model's rules and the table's constraints) and saves it, so the
change is a revision, bumps the lock number (`visits.publishing.locking.EditConflict` if
someone saved meanwhile) and goes through the change pipeline. A refusal raises
`PermissionDenied` or `ValidationError`, with a message in the user's language for the
caller to show. A model's own rules (a release's languages and photos) are its app's
services, which call these.

Imports nothing of the project but `visits.publishing` (no admin, no trip domain, no press).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .publishable import Status

NOT_A_PUBLISHER = _(
    "Only a publisher may publish, schedule, unpublish or withdraw this. Ask someone in "
    "the Publisher group."
)


def publish_permission(model) -> str:
    """``press.publish_pressrelease``: the right to change what the public sees."""
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def may_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def may_submit(user, model) -> bool:
    """Writers (who may add and change) submit drafts for review."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def require_publisher(user, item) -> None:
    if not may_publish(user, type(item)):
        raise PermissionDenied(NOT_A_PUBLISHER)


def save_checked(item) -> None:
    """Save ``item`` once it passes the checks a form makes (its rules and constraints)."""
    with transaction.atomic():
        item.full_clean()
        item.save()


def submit_for_review(*, item, user):
    """A draft goes to review: a publisher then schedules or publishes it."""
    if not may_submit(user, type(item)):
        raise PermissionDenied(_("Only editors who write drafts may submit them for review."))
    if item.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."), code="not_draft")
    item.status = Status.IN_REVIEW
    save_checked(item)
    return item


def publish(*, item, user, now=None):
    """Published at its publication time, or at ``now`` (the present) when it has none:
    a time still ahead keeps it under embargo until then."""
    require_publisher(user, item)
    if item.status == Status.PUBLISHED:
        raise ValidationError(_("It is published already."), code="published")
    item.status = Status.PUBLISHED
    item.published_at = item.published_at or now or timezone.now()
    save_checked(item)
    return item


def schedule(*, item, user, at):
    """Approved to go public at ``at``, with no one having to do anything then."""
    require_publisher(user, item)
    if at is None:
        raise ValidationError(
            {"published_at": _("Give the time at which this item should be published.")}
        )
    item.status = Status.SCHEDULED
    item.published_at = at
    save_checked(item)
    return item


def unpublish(*, item, user):
    """Back to draft: the public no longer sees it (and a withdrawal is undone)."""
    return move_to(item, user, Status.DRAFT, already=_("It is a draft already."))


def withdraw(*, item, user):
    """Withdrawn: it stops being public. (A press release has rules of its own:
    `press.services.withdraw_release`.)"""
    return move_to(item, user, Status.WITHDRAWN, already=_("It is withdrawn already."))


def move_to(item, user, status, *, already):
    """A publisher moves ``item`` to ``status``; ``already`` refuses it when it is there."""
    require_publisher(user, item)
    if item.status == status:
        raise ValidationError(already, code=status)
    item.status = status
    save_checked(item)
    return item
