"""The newsroom dashboard, the admin's start page: what goes out next and what waits for
whom, in sections (`GROUPS`: an ``<h2>`` each) made of lists (`Part`: an ``<h3>``, at
most `LIMIT` lines with their total, and a "see all" link to the changelist filtered to
the same rows).

Apps register their lists when their admin is imported: `register()` for one list,
`register_per_language()` for one list per language a user translates
(`languages_for`). Trips register theirs in `visits.admin_dashboard`, releases and
coverage in `press.admin.dashboard`: this module knows no model.

Each list is one query (its rows and, through a window, their total), so the page costs
the same number of queries whatever the number of items. A user sees only the lists of
models they may view; a translator (`Part.first_for`) sees the translation section first.

Must not import the trip domain (`visits.models`) or `press`; imported by the admin site
(`visits.adminkit.site`) only when the page is drawn.
"""

import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlencode

from django.db.models import Case, Count, Value, When, Window
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..text import LANGUAGE_CODES

#: Lines a list shows at most; its heading gives the total.
LIMIT = 10
#: The cookie in which the browser tells its own time zone (static/js/dashboard.js).
ZONE_COOKIE = "pressroom_tz"


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    order: int


#: The sections, in their order on the page.
GROUPS = {
    group.key: group
    for group in (
        Group("next", _("Going out next"), 10),
        Group("review", _("Waiting for review"), 20),
        Group("translation", _("Waiting for translation"), 30),
        Group("drafts", _("Drafts by their owner"), 40),
        Group("coverage", _("Coverage that needs attention"), 50),
        Group("trips", _("Trips under way or coming up"), 60),
    )
}


@dataclass
class Row:
    """One line: the item, with what the reader needs to know of it."""

    label: str
    url: str = ""
    details: list[str] = field(default_factory=list)
    #: (label, moment) pairs, shown in Seoul time and the viewer's.
    times: list[tuple[str, datetime]] = field(default_factory=list)
    #: Since when the item waits (its age is shown).
    since: datetime | None = None
    #: The owner's name, "" for nobody's; None where the list does not say.
    owner: str | None = None


@dataclass
class Part:
    """One list of the dashboard.

    ``queryset(request, now)`` gives its rows, filtered, ordered and joined;
    ``describe(obj, now)`` makes a `Row` of each (the item's link is added here);
    ``see_all`` is the query string of the changelist that shows every row.
    ``first_for(user)``: whether this list's section comes first for the user.
    """

    group: str
    title: str
    model: type
    queryset: Callable
    describe: Callable
    see_all: dict = field(default_factory=dict)
    first_for: Callable | None = None
    order: int = 0


_parts: list[Part] = []
_per_language: list[tuple[str, Callable[[str], Part]]] = []


def register(part: Part) -> Part:
    _parts.append(part)
    return part


def register_per_language(group: str, make: Callable[[str], Part]) -> None:
    """``make(code)`` gives the list of items waiting for language ``code``."""
    _per_language.append((group, make))


def languages_for(user) -> tuple[str, ...]:
    """The languages whose translation lists ``user`` sees, in order: a translator's
    own (`visits.translators.editable_languages`), every language for writers and for
    anyone who translates none (a reader sees what waits, even if not for them)."""
    from ..translators import editable_languages  # a model module: the site imports this one

    return editable_languages(user) or LANGUAGE_CODES


@functools.cache
def _zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def viewer_zone(request):
    """The viewer's own time zone, as their browser reported it (`ZONE_COOKIE`), or None
    while it has not (first visit, or no JavaScript). The script percent-encodes the
    name ("Europe%2FParis"), which Django's cookie parsing leaves as it is."""
    name = unquote(request.COOKIES.get(ZONE_COOKIE, ""))
    if not name or len(name) > 64 or name not in _zone_names():
        return None
    return zoneinfo.ZoneInfo(name)


def _may_view(admin_site, request, model) -> bool:
    model_admin = admin_site._registry.get(model)
    return model_admin is not None and model_admin.has_view_or_change_permission(request)


def _url(admin_site, model, view: str, *args) -> str:
    opts = model._meta
    try:
        return reverse(f"{admin_site.name}:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return ""


def parts_for(request) -> list[Part]:
    parts = list(_parts)
    for code in languages_for(request.user):
        parts += [make(code) for _group, make in _per_language]
    return parts


def sections(admin_site, request, now=None) -> list[dict]:
    """The dashboard's sections for ``request``'s user: each a group with its lists,
    each list with its rows, total and "see all" link."""
    now = now or timezone.now()
    visible = [p for p in parts_for(request) if _may_view(admin_site, request, p.model)]
    groups: dict[str, dict] = {}
    for part in sorted(visible, key=lambda p: p.order):
        group = GROUPS[part.group]
        entry = groups.setdefault(
            group.key, {"key": group.key, "title": group.title, "order": group.order}
        )
        entry.setdefault("parts", []).append(_drawn(admin_site, request, part, now))
        if part.first_for is not None and part.first_for(request.user):
            entry["order"] = 0
    return sorted(groups.values(), key=lambda entry: entry["order"])


def _drawn(admin_site, request, part: Part, now) -> dict:
    queryset = part.queryset(request, now).annotate(dashboard_total=Window(Count("pk")))
    objects = list(queryset[:LIMIT])
    rows = []
    for obj in objects:
        row = part.describe(obj, now)
        row.url = row.url or _url(admin_site, part.model, "change", obj.pk)
        rows.append(row)
    see_all = _url(admin_site, part.model, "changelist")
    if see_all and part.see_all:
        see_all += "?" + urlencode(part.see_all)
    return {
        "title": part.title,
        "rows": rows,
        "total": objects[0].dashboard_total if objects else 0,
        "see_all": see_all,
        "model_name": part.model._meta.verbose_name_plural,
    }


def owner_name(user) -> str:
    """How a line names an item's owner: their full name, else their user name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


# --- lists every publishable model has -------------------------------------------------


def _label(obj) -> str:
    return str(obj)


def describe_with_owner(details=None) -> Callable:
    """A `Part`'s ``describe`` for lists of items by their owner (review, drafts): the
    item, ``details(obj)``, its owner and since when it waits."""

    def describe(obj, now):
        return Row(
            _label(obj),
            details=details(obj) if details else [],
            owner=owner_name(obj.owner),
            since=obj.updated_at,
        )

    return describe


def review_part(model, *, details=None, related=(), order: int = 0) -> Part:
    """Items submitted for review, the longest waiting first (a queue: with more than a
    list's ten lines, the oldest must not drop off the page)."""
    from ..publishing import Status

    def queryset(request, now):
        return (
            model._default_manager.filter(status=Status.IN_REVIEW)
            .select_related("owner", *related)
            .order_by("updated_at", "pk")
        )

    return Part(
        "review",
        model._meta.verbose_name_plural,
        model,
        queryset,
        describe_with_owner(details),
        see_all={"status__exact": Status.IN_REVIEW},
        order=order,
    )


def writes_but_does_not_publish(model) -> Callable:
    """``first_for`` of the drafts: editors, who write ``model``'s items and hand them
    to a publisher, find their own drafts first."""
    from ..publishing.services import publish_permission

    add = f"{model._meta.app_label}.add_{model._meta.model_name}"

    def first_for(user) -> bool:
        return user.has_perm(add) and not user.has_perm(publish_permission(model))

    return first_for


def drafts_part(model, *, details=None, related=(), order: int = 0) -> Part:
    """Drafts, the newest changed first, shown by their owner (the viewer's own first);
    the section comes first for editors (`writes_but_does_not_publish`)."""
    from ..publishing import Status

    def queryset(request, now):
        mine = Case(When(owner=request.user.pk, then=Value(0)), default=Value(1))
        return (
            model._default_manager.filter(status=Status.DRAFT)
            .select_related("owner", *related)
            .order_by(mine, "-updated_at", "-pk")
        )

    return Part(
        "drafts",
        model._meta.verbose_name_plural,
        model,
        queryset,
        describe_with_owner(details),
        see_all={"status__exact": Status.DRAFT},
        first_for=writes_but_does_not_publish(model),
        order=order,
    )


def translation_part(
    model,
    code: str,
    fields,
    *,
    ready_flags=False,
    details=None,
    related=(),
    first_for=None,
    order: int = 0,
) -> Part:
    """Items waiting for their ``code`` translation (`worklists.waiting_for_translation_q`),
    the longest waiting first (as `review_part`); the wait is counted from the item's
    last change."""
    from .worklists import LANGUAGE_NAMES, has_original_language, waiting_for_translation_q

    waiting = waiting_for_translation_q(
        fields, code, ready_flags=ready_flags, original=has_original_language(model)
    )

    def queryset(request, now):
        return (
            model._default_manager.filter(waiting)
            .select_related("owner", *related)
            .order_by("updated_at", "pk")
        )

    def describe(obj, now):
        return Row(
            _label(obj),
            details=[obj.get_status_display(), *(details(obj) if details else [])],
            since=obj.updated_at,
        )

    title = _("%(language)s: %(items)s") % {
        "language": LANGUAGE_NAMES[code],
        "items": model._meta.verbose_name_plural,
    }
    return Part(
        "translation",
        title,
        model,
        queryset,
        describe,
        see_all={"waiting": code},
        first_for=first_for,
        # Language by language, each model's list in ``order`` within its language.
        order=(LANGUAGE_CODES.index(code) if code in LANGUAGE_CODES else 0) * 100 + order,
    )
