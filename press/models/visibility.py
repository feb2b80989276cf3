"""When a press release, and each of its languages, is public: every rule written twice,
side by side, as a Python form for a release in hand (its page, the search index, the
sitemap's entries) and an SQL form for a query (lists, feeds, the sitemap index, the page
cache's horizon). Change one form, change its twin: tests/test_visibility.py checks on a
grid of states and times that every pair agrees.

The rule every publishable model shares (approved, and its time has come) is
`visits.publishing.public_at` / `public_q`. A release adds:

* when a language goes out (`out_at` / `out_at_expression`): once it is marked ready, at
  the later of the release's time and the language's own;
* whether a language's own part is out (`language_out` / `language_out_q`); a release is
  out in a language when it is public and that holds (`out_in` /
  `PressReleaseQuerySet.out_in`, what a language's feeds and search carry);
* the languages a reader may see (`public_languages`; its query is `out_in`);
* the launch language (`has_launch_language` / `launch_language_q`, a database
  constraint): an approved release has a language that goes out with it;
* withdrawn, after having been public, once the withdrawal time has come
  (`withdrawn_by` / `withdrawn_q`); a release page opens when public or so withdrawn
  (`on_record` / `on_record_q`);
* when a public release last went out in some language (`last_out` /
  `last_out_expression`, the sitemap's lastmod), and the newest time a language went out
  among releases (`newest_out_at` and `newest_out`, the feeds' validators and entries,
  both SQL whose twin is ``max(out_at(...))``);
* the next moments at which releases change by time alone (`release_moments`, the page
  cache's horizon; the test checks that nothing visible changes before them).

Imports no model (the model modules import it), only the readiness fields' names and
`visits.publishing`.
"""

from datetime import UTC, datetime

from django.db.models import Case, DateTimeField, F, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from visits.publishing import APPROVED, Status, public_at, public_q
from visits.text import LANGUAGE_CODES

from .fields import language_time_field, ready_field


def _now(now):
    return timezone.now() if now is None else now


def is_ready(release, code: str) -> bool:
    return getattr(release, ready_field(code))


def own_time(release, code: str):
    """The language's own later publication time, or None (it goes with the release)."""
    return getattr(release, language_time_field(code))


# --- when a language goes out ---------------------------------------------------------


def out_at(release, code: str):
    """When ``release`` goes out in ``code``: the later of the release's time and the
    language's own (None while the language is not ready or the release has no time)."""
    if not is_ready(release, code) or release.published_at is None:
        return None
    own = own_time(release, code)
    return max(release.published_at, own) if own else release.published_at


def out_at_expression(code: str):
    """`out_at` in SQL (``PressReleaseQuerySet.language_times`` annotates it)."""
    with_release = Greatest("published_at", Coalesce(language_time_field(code), "published_at"))
    return Case(
        When(Q(**{ready_field(code): True, "published_at__isnull": False}), then=with_release),
        default=Value(None),
        output_field=DateTimeField(),
    )


def language_out(release, code: str, moment) -> bool:
    """The language's own part is out at ``moment``: it is ready and its own time, if it
    has one, has come (the release's own time is `public_at`'s part)."""
    own = own_time(release, code)
    return is_ready(release, code) and (own is None or own <= moment)


def language_out_q(code: str, now=None) -> Q:
    """`language_out` in SQL, at ``now`` (by default the present)."""
    own = language_time_field(code)
    return Q(**{ready_field(code): True}) & (
        Q(**{f"{own}__isnull": True}) | Q(**{f"{own}__lte": _now(now)})
    )


def out_in(release, code: str, moment) -> bool:
    """Whether readers of ``code`` see ``release`` at ``moment`` (in lists, feeds and
    search); in SQL, ``PressRelease.objects.out_in(code)``."""
    return public_at(release.status, release.published_at, moment) and language_out(
        release, code, moment
    )


def public_languages(release, moment) -> tuple[str, ...]:
    """The languages whose text a reader may see at ``moment``: those out by then, and
    of a withdrawn release, those out by its withdrawal (nothing later ever shows). A
    public release's are the languages ``out_in`` finds it in."""
    cutoff = min(moment, release.withdrawn_at or moment)
    return tuple(
        code
        for code in LANGUAGE_CODES
        if (at := out_at(release, code)) is not None and at <= cutoff
    )


# --- the launch language ----------------------------------------------------------------


def has_launch_language(release) -> bool:
    """Some language is ready to go out with the release itself (no later time of its
    own): a scheduled or published release needs one."""
    return any(is_ready(release, code) and not own_time(release, code) for code in LANGUAGE_CODES)


def launch_language_q() -> Q:
    """`has_launch_language` in SQL (the table's constraint holds it for approved rows)."""
    return Q(
        *[
            Q(**{ready_field(code): True, f"{language_time_field(code)}__isnull": True})
            for code in LANGUAGE_CODES
        ],
        _connector=Q.OR,
    )


# --- withdrawn, and on record ------------------------------------------------------------


def withdrawn_by(release, moment) -> bool:
    """Withdrawn after having been public (`was_public`, recorded at the withdrawal),
    and the withdrawal time has come by ``moment``: the page shows the notice."""
    return (
        release.status == Status.WITHDRAWN
        and release.was_public
        and release.withdrawn_at is not None
        and release.withdrawn_at <= moment
    )


def withdrawn_q(now=None) -> Q:
    """`withdrawn_by` in SQL, at ``now`` (by default the present)."""
    return Q(status=Status.WITHDRAWN, was_public=True, withdrawn_at__lte=_now(now))


def on_record(release, moment) -> bool:
    """Whether the release's page opens at ``moment``: public, or withdrawn after it was."""
    return public_at(release.status, release.published_at, moment) or withdrawn_by(release, moment)


def on_record_q(now=None) -> Q:
    """`on_record` in SQL."""
    return public_q(now=now) | withdrawn_q(now)


# --- the latest and newest times something went out -----------------------------------


def last_out(release, moment):
    """When a public release last went out in some language by ``moment``: its time, or
    a later own time of a ready language that has come (a time still ahead is not
    counted). The sitemap dates a release by it."""
    times = [
        at for code in LANGUAGE_CODES if (at := out_at(release, code)) is not None and at <= moment
    ]
    return max(times, default=release.published_at)


def last_out_expression(now=None):
    """`last_out` in SQL, for public releases (the sitemap's items)."""
    now = _now(now)
    went_out = [
        Case(
            When(
                Q(**{ready_field(code): True, f"{language_time_field(code)}__lte": now}),
                then=F(language_time_field(code)),
            ),
            default=F("published_at"),
        )
        for code in LANGUAGE_CODES
    ]
    return Greatest("published_at", *went_out)


def newest_out_at(releases, code: str):
    """The newest `out_at` in ``code`` among ``releases`` (all out in ``code``), as an
    expression, without working it out row by row: the later of the newest release time
    and the newest own time of the language among them, each an index-friendly top-1
    query. Its Python twin is ``max(out_at(release, code) for release in releases)``."""
    own = language_time_field(code)
    newest_release = releases.order_by("-published_at").values("published_at")[:1]
    newest_own = releases.filter(**{f"{own}__isnull": False}).order_by(f"-{own}").values(own)[:1]
    # Greatest is NULL on SQLite when either is (no own time among them).
    return Coalesce(
        Greatest(Subquery(newest_release), Subquery(newest_own)), Subquery(newest_release)
    )


def newest_out(items, count: int, code: str):
    """The ``count`` of ``items`` (releases out in ``code``, annotated with ``out_at`` by
    ``language_times(code)``) that went out last, newest first, without dating and sorting
    them all.

    ``out_at`` is worked out row by row, so no index is in its order. But it is never
    earlier than the release time: with ``bound`` the ``count``-th newest release time
    among ``items``, at least ``count`` of them went out at ``bound`` or later, so one that
    went out earlier has ``count`` above it and is not wanted. What is left went out
    between ``bound`` and now: its release time or its own time is in that range. The
    indexes on both find those (about ``count`` rows), and only they are dated and sorted.
    With fewer than ``count`` items there is no bound.

    ``now`` only closes the ranges, which tells the planners they are narrow (SQLite
    would otherwise rather scan every public release): the items are out, so none went
    out later than the time they were filtered by, and ``now`` is taken after that.
    """
    own = language_time_field(code)
    by_release_time = items.order_by("-published_at").values("published_at")
    bound = Coalesce(
        Subquery(by_release_time[count - 1 : count]), Value(datetime.min.replace(tzinfo=UTC))
    )
    now = timezone.now()
    may_be_newest = Q(published_at__range=(bound, now)) | Q(**{f"{own}__range": (bound, now)})
    return items.filter(may_be_newest).order_by("-out_at", "-pk")[:count]


# --- the next moments -----------------------------------------------------------------


def release_moments(releases, now) -> dict:
    """When a release next changes by time alone after ``now`` (``releases`` is the
    release model's manager): a ready language's own time, and a withdrawal of a public
    release dated ahead, each a queryset whose first value is the next one (the page
    cache's horizon; the releases' own times are counted with every publishable model's).
    """
    approved = releases.filter(status__in=APPROVED)
    moments = {}
    for code in LANGUAGE_CODES:
        field = language_time_field(code)
        moments[f"release_{field}"] = (
            approved.filter(**{ready_field(code): True, f"{field}__gt": now})
            .order_by(field)
            .values_list(field, flat=True)
        )
    moments["release_withdrawn_at"] = (
        releases.filter(status=Status.WITHDRAWN, was_public=True, withdrawn_at__gt=now)
        .order_by("withdrawn_at")
        .values_list("withdrawn_at", flat=True)
    )
    return moments
