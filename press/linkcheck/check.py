"""Checking one coverage item: fetch, judge, archive when alive, record; and which are due.

`check_coverage` never raises for anything the outlet, the network or the address does:
every failure is a status (`LinkStatus.ERROR` with its reason), so a worker never
crashes on a bad link. Writing the state is a content change (the public pages show a
gone or moved link) only when what the public sees changes: a status, the final
address, or the address checked; a check that finds what the last one found only moves
its time on, without retiring every cached page.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from press.models import (
    NEVER_CHECKED,
    ArchivedCopy,
    CaptureNote,
    Coverage,
    LinkState,
    LinkStatus,
    Reason,
)

from . import archive
from .config import setting
from .fetch import follow
from .network import CheckError
from .verdict import Verdict, decide

logger = logging.getLogger(__name__)


def check_url(url: str, headline: str = "") -> Verdict:
    """The verdict on ``url`` (see `verdict`); never raises."""
    try:
        return decide(url, headline, follow(url))
    except CheckError as error:
        return Verdict(LinkStatus.ERROR, "", error.http_status, error.reason, error.detail)
    except Exception as error:  # a bug or a library's surprise: a status, not a crash
        logger.exception("Checking %s failed unexpectedly.", url)
        return Verdict(LinkStatus.ERROR, "", None, Reason.CONNECT, f"{type(error).__name__}")


@dataclass
class Outcome:
    """One item's check, as the command prints it."""

    coverage_id: int
    url: str
    status: str
    final_url: str = ""
    http_status: int | None = None
    reason: str = ""
    detail: str = ""
    archived: list[str] = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        return str(Reason(self.reason).label) % {"detail": self.detail} if self.reason else ""

    def summary(self) -> str:
        """``ok``, ``moved <new url>``, ``gone <status>``, ``suspect: <reason>`` or
        ``error: <reason>``."""
        if self.status == LinkStatus.MOVED:
            return f"moved {self.final_url}"
        if self.status == LinkStatus.GONE:
            soft = self.reason in (Reason.HOME_PAGE, Reason.SECTION)
            return f"gone {self.http_status}" + (f": {self.reason_text}" if soft else "")
        if self.status in (LinkStatus.SUSPECT, LinkStatus.ERROR):
            return f"{self.status}: {self.reason_text}"
        return str(self.status)

    def line(self) -> str:
        return f"#{self.coverage_id} {self.url} {self.summary()}"

    def as_json(self) -> dict:
        return {
            "id": self.coverage_id,
            "url": self.url,
            "status": str(self.status),
            "final_url": self.final_url,
            "http_status": self.http_status,
            "archived": self.archived,
        }


def archived_kinds(coverage) -> list[str]:
    """The kinds of copy the item holds, its imported clipping included (``clipping``)."""
    kinds = set(ArchivedCopy.objects.filter(coverage=coverage).values_list("kind", flat=True))
    ordered = [kind for kind in ArchivedCopy.Kind.values if kind in kinds]
    if coverage.clippings.exists():
        ordered.append("clipping")
    return ordered


def check_coverage(coverage: Coverage, *, archive_alive: bool = True) -> Outcome | None:
    """Check the item's address, archive the page if it is alive and lacks copies, and
    record the state; None for an item without an address."""
    url = coverage.url
    if not url:
        return None
    verdict = check_url(url, coverage.headline)
    now = timezone.now()
    capture = None
    if verdict.alive and archive_alive:
        try:
            _made, note, detail = archive.capture(coverage, verdict.page, now)
            capture = (note, detail)
        except Exception as error:  # a full disk, a refused bucket: the check stands
            logger.exception("Archiving %s for coverage #%s failed.", url, coverage.pk)
            capture = (CaptureNote.FAILED, f"{type(error).__name__}: {error}"[:300])
    record(coverage, url, verdict, now, capture)
    return Outcome(
        coverage.pk,
        url,
        verdict.status,
        verdict.final_url,
        verdict.http_status,
        verdict.reason,
        verdict.detail,
        archived_kinds(coverage),
    )


def record(coverage, url: str, verdict: Verdict, now, capture=None) -> LinkState:
    """Write the item's `LinkState` (see the module for when it is a content change)."""
    values = {
        "url": url,
        "status": verdict.status,
        "final_url": verdict.final_url[:2000],
        "http_status": verdict.http_status,
        "reason": verdict.reason,
        "detail": verdict.detail[:300],
        "checked_at": now,
    }
    if capture is not None:
        values["capture_note"], values["capture_detail"] = capture
    state = LinkState.objects.filter(pk=coverage.pk).first()
    if state is None:
        try:
            with transaction.atomic():
                return LinkState.objects.create(coverage=coverage, changed_at=now, **values)
        except IntegrityError:  # another check of the same item got there first
            state = LinkState.objects.get(pk=coverage.pk)
    seen = (state.url, state.status, state.final_url)
    if seen != (url, verdict.status, values["final_url"]):
        if state.status != verdict.status or state.url != url:
            state.changed_at = now
        for name, value in values.items():
            setattr(state, name, value)
        state.save()  # a content change: the public pages show the new state
    else:
        LinkState.objects.filter(pk=coverage.pk).update(**values)
        for name, value in values.items():
            setattr(state, name, value)
    return state


# --- which items, for the command and the admin -----------------------------------------


def interval() -> dt.timedelta:
    return dt.timedelta(days=setting("PRESSROOM_LINK_CHECK_INTERVAL_DAYS"))


def never_checked_q() -> Q:
    """Items with an address and no state for it (the address changed since, or none)."""
    return ~Q(url="") & (Q(link_state__isnull=True) | ~Q(link_state__url=F("url")))


def status_q(value: str) -> Q:
    """Items whose link is ``value`` (a `LinkStatus`, or `NEVER_CHECKED`) at their
    present address."""
    if value == NEVER_CHECKED:
        return never_checked_q()
    return Q(link_state__status=value, link_state__url=F("url"))


def due(now=None):
    """Coverage whose link is due: never checked at its address, or last checked longer
    ago than ``PRESSROOM_LINK_CHECK_INTERVAL_DAYS``."""
    since = (now or timezone.now()) - interval()
    return (
        Coverage.objects.exclude(url="")
        .filter(never_checked_q() | Q(link_state__checked_at__lt=since))
        .order_by("pk")
    )
