"""Embargoed distribution: a scheduled release sent to journalist lists before its public
time, each journalist with a personal link (`press.models.EmbargoLink`) that shows the
release until its minute, and is logged each time it opens.

* `check_sendable`: only a release under embargo (approved, its time ahead) may be sent;
  one already public, not scheduled, or withdrawn is refused with a reason.
* `send_under_embargo`: one link per journalist of the chosen lists (active, address not
  suppressed) who has none for this release yet, recorded in the request, and one task
  queued on commit (`send_to_lists`) that queues the mail of every link of theirs not
  mailed yet (`send_embargo_mail`); `resend` sends one link's mail again.
* `revoke`: links stop working (410).
* `open_token`: the link a token names, compared in constant time, or why it does not
  open (`Closed`).
* `shown_languages`, `embargo_notice`: what the mail and the page show, in the
  journalist's language when the release is ready in it, else in its launch language
  (never a language not ready), and until when: the latest time those languages go out.

The admin (`press.admin.distribution`) and the page (`press.embargo_views`) build on this;
must not import either.
"""

from __future__ import annotations

import html
import logging
import re
import zoneinfo
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.publishing import APPROVED, Status
from visits.tasks import enqueue_on_commit, object_task
from visits.text import LANGUAGE_CODES, translated_field, translation_of

from .alerts.links import site_url
from .models import EmbargoLink, EmbargoOpen, Journalist, JournalistList, PressRelease, visibility
from .models.distribution import USER_AGENT_LENGTH

logger = logging.getLogger(__name__)

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
#: The unambiguous form of an embargo time in every language: 2024-07-25 10:00 KST.
TIME_FORMAT = "%Y-%m-%d %H:%M"
#: A primary key in a URL has at most this many digits (a bigint has 19).
PK_DIGITS = 18


def parse_pk(value) -> int | None:
    """``value`` (from a URL) as a primary key, or None: ASCII digits only ("²" passes
    ``isdigit`` but not ``int``), and not so long that the database overflows."""
    value = str(value)
    if value.isascii() and value.isdigit() and len(value) <= PK_DIGITS:
        return int(value)
    return None


# --- what may be sent ---------------------------------------------------------------------


def under_embargo(release: PressRelease, now=None) -> bool:
    """Approved with a publication time still ahead: the only state that may be sent."""
    now = now or timezone.now()
    return (
        release.status in APPROVED
        and release.published_at is not None
        and release.published_at > now
    )


def check_sendable(*, release: PressRelease, now=None) -> None:
    """Raise `ValidationError` (code and message for the publisher) unless ``release`` is
    under embargo."""
    now = now or timezone.now()
    if release.status == Status.WITHDRAWN:
        raise ValidationError(
            _("“%(release)s” is withdrawn: it cannot be sent under embargo."),
            code="withdrawn",
            params={"release": release},
        )
    if release.status in APPROVED and release.published_at and release.published_at <= now:
        raise ValidationError(
            _(
                "“%(release)s” is already public: send its public address instead of an "
                "embargoed copy."
            ),
            code="public",
            params={"release": release},
        )
    if not under_embargo(release, now):
        raise ValidationError(
            _(
                "“%(release)s” is not scheduled: only an approved release with a publication "
                "time ahead can be sent under embargo. Schedule it first."
            ),
            code="not_scheduled",
            params={"release": release},
        )


# --- who gets it ------------------------------------------------------------------------------


def audience(lists):
    """The journalists of ``lists`` who may get mail (active, address not suppressed),
    each once."""
    return (
        Journalist.objects.receiving()
        .filter(lists__in=list(lists))
        .distinct()
        .select_related("outlet")
        .order_by("name", "pk")
    )


def audience_summary(lists) -> dict:
    """How many journalists ``lists`` reach, in all and per language, in one query."""
    languages = Counter(audience(lists).values_list("language", flat=True))
    return {"total": sum(languages.values()), "languages": dict(languages)}


@dataclass
class Sent:
    queued: int
    already: int


def not_to_mail(release: PressRelease, lists):
    """The links of ``release`` to journalists of ``lists`` that a send leaves alone: mailed
    already, or revoked. A link whose mail never left (the address suppressed then, or the
    mail failed for good) is mailed on the next send."""
    return EmbargoLink.objects.filter(release=release, journalist__in=audience(lists)).filter(
        Q(sent_at__isnull=False) | Q(revoked_at__isnull=False)
    )


def send_under_embargo(*, release: PressRelease, lists, user=None, now=None) -> Sent:
    """Give every journalist of ``lists`` without a link to ``release`` one, and queue one
    task (after the commit) that queues the mail of each of their links not mailed yet.
    Those mailed already are counted, not mailed again. The request only checks and
    records; a list of thousands costs it a few queries."""
    check_sendable(release=release, now=now)
    lists = list(lists)
    with transaction.atomic():
        new = []
        without = audience(lists).exclude(embargo_links__release=release)
        for journalist in without.iterator(chunk_size=2000):
            link = EmbargoLink(release=release, journalist=journalist, sent_by=user)
            link.copy_journalist(journalist)
            new.append(link)
        # A second publisher sending at the same moment: the unique pair keeps one link.
        EmbargoLink.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
        already = not_to_mail(release, lists).count()
        total = audience(lists).count()
        enqueue_on_commit(send_to_lists, release.pk, sorted(item.pk for item in lists))
    return Sent(queued=total - already, already=already)


@object_task("press.PressRelease", retries=1, retry_on=(OSError,))
def send_to_lists(release: PressRelease, list_pks: list) -> int:
    """Queue the mail of every link of ``release`` to a journalist of the lists that is
    neither mailed nor revoked: one task per send, so the request queues one, whatever the
    lists' size. Each mail task claims its link, so a link queued twice goes once."""
    if not under_embargo(release):
        return 0
    lists = JournalistList.objects.filter(pk__in=list_pks)
    pending = EmbargoLink.objects.filter(
        release=release,
        journalist__in=audience(lists),
        sent_at__isnull=True,
        revoked_at__isnull=True,
    ).values_list("pk", flat=True)
    count = 0
    # The links are committed (this runs after the send's commit): queued at once.
    for pk in pending.iterator(chunk_size=2000):
        send_embargo_mail.enqueue(pk)
        count += 1
    return count


def resend(*, link: EmbargoLink, user=None, now=None) -> None:
    """Send ``link``'s mail once more (a publisher's explicit choice). A revoked link is
    refused: revoking is meant to last."""
    check_sendable(release=link.release, now=now)
    if link.is_revoked:
        raise ValidationError(
            _("The link of %(journalist)s was revoked; it is not sent again."),
            code="revoked",
            params={"journalist": link.journalist or link.recipient},
        )
    enqueue_on_commit(send_embargo_mail, link.pk, again=True)


def revoke(*, links, user) -> int:
    """Stop ``links`` (a queryset) from opening; returns how many were open."""
    return links.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_by=user)


# --- the mail -------------------------------------------------------------------------------


def launch_language(release: PressRelease) -> str | None:
    """The language the release goes out in first: ready (with a title, if any has one),
    the earliest `out_at`; the original language among equals, then the settings' order."""
    ready = [code for code in LANGUAGE_CODES if visibility.out_at(release, code) is not None]
    titled = [code for code in ready if translation_of(release, "title", code).strip()]
    candidates = titled or ready
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda code: (
            visibility.out_at(release, code),
            code != release.original_language,
            LANGUAGE_CODES.index(code),
        ),
    )


def shown_languages(release: PressRelease, language: str) -> tuple[str, ...]:
    """The languages a journalist of ``language`` reads the release in: theirs when it is
    ready in it, and the launch language (the fallback). Never a language not ready: its
    text is a draft nobody approved."""
    wanted = set()
    if (launch := launch_language(release)) is not None:
        wanted.add(launch)
    if release.is_ready(language) and translation_of(release, "title", language).strip():
        wanted.add(language)
    return tuple(code for code in LANGUAGE_CODES if code in wanted)


def embargo_time(release: PressRelease, languages=()):
    """Until when ``languages`` are under embargo: the latest time one of them goes out
    (a language with a later time of its own is later than the release); the release's
    time when none is given."""
    times = [at for code in languages if (at := visibility.out_at(release, code)) is not None]
    return max(times, default=release.published_at)


def shows_until_public(release: PressRelease, languages, now=None) -> bool:
    """Whether every language of ``languages`` is public at ``now``: then the link gives
    way to the public page, which shows them all."""
    public = visibility.public_languages(release, now or timezone.now())
    return all(code in public for code in languages)


def zone_time(moment, zone) -> str:
    local = moment.astimezone(zone)
    name = local.tzname() or ""
    if name[:1] in "+-":  # zones without an abbreviation: +04 → UTC+04
        name = f"UTC{name}"
    return f"{local.strftime(TIME_FORMAT)} {name}".strip()


def embargo_notice(release: PressRelease, zone, languages=()) -> str:
    """EMBARGOED UNTIL <time in the reader's zone> (<time in Seoul>), in the active
    language; the time once when the reader is in Seoul's zone. The time is when the
    ``languages`` shown are all out (`embargo_time`)."""
    moment = embargo_time(release, languages)
    seoul = zone_time(moment, SEOUL)
    local = zone_time(moment, zone)
    if local == seoul:
        return gettext("EMBARGOED UNTIL %(seoul)s") % {"seoul": seoul}
    return gettext("EMBARGOED UNTIL %(local)s (%(seoul)s)") % {"local": local, "seoul": seoul}


def link_path(link: EmbargoLink, language: str) -> str:
    with translation.override(language):
        return reverse("press:embargoed_release", kwargs={"token": link.token})


def plain_text(rich: str) -> str:
    """A rich-text field as plain text: a blank line between blocks, no tags, no entities."""
    spaced = re.sub(r"(?i)</(p|h[1-6]|li|blockquote)>|<br\s*/?>", "\n\n", rich)
    text = html.unescape(strip_tags(spaced))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def embargo_message(link: EmbargoLink) -> EmailMultiAlternatives:
    journalist, release = link.journalist, link.release
    language = journalist.language if journalist.language in LANGUAGE_CODES else "en"
    release.shown_languages = shown_languages(release, language)
    with translation.override(language):
        notice = embargo_notice(release, journalist.zone(), release.shown_languages)
        context = {
            "release": release,
            "journalist": journalist,
            "notice": notice,
            "url": site_url() + link_path(link, language),
            "language": language,
            "body_text": plain_text(translated_field(release, "body", language).text),
        }
        title = translated_field(release, "title", language).text
        # No line break of any kind in a header (a title may hold a "\r").
        subject = " ".join(f"{notice} — {title}".split())
        text = render_to_string("press/distribution/embargo_mail.txt", context)
        html = render_to_string("press/distribution/embargo_mail.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[journalist.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Auto-Submitted"] = "auto-generated"
    return message


@object_task("press.EmbargoLink", retries=1, retry_on=(OSError,))
def send_embargo_mail(link: EmbargoLink, again: bool = False) -> str:
    """Mail ``link`` to its journalist, once: the row is claimed (``sent_at`` set) before
    the mail leaves, so a second worker or a repeated task finds it taken; a failed send
    gives the claim back. Nothing goes once the release is public, withdrawn or
    unscheduled, nor to a revoked link, an inactive journalist or a suppressed address."""
    link = EmbargoLink.objects.select_related("release", "journalist__outlet").get(pk=link.pk)
    if link.is_revoked:
        return "revoked"
    if not under_embargo(link.release):
        return "not under embargo"
    if not Journalist.objects.receiving().filter(pk=link.journalist_id).exists():
        return "skipped"
    claim = EmbargoLink.objects.filter(pk=link.pk)
    if not again:
        claim = claim.filter(sent_at__isnull=True)
    previous = link.sent_at
    link.copy_journalist(link.journalist)
    copies = {
        "journalist_name": link.journalist_name,
        "journalist_email": link.journalist_email,
        "journalist_outlet": link.journalist_outlet,
    }
    if not claim.update(sent_at=timezone.now(), **copies):
        return "already sent"
    try:
        embargo_message(link).send()
    except Exception:
        EmbargoLink.objects.filter(pk=link.pk).update(sent_at=previous)
        raise
    return "sent"


# --- opening a link ---------------------------------------------------------------------------


class Closed(Exception):
    """A token that shows no release: ``reason`` is "invalid" (404), "revoked" (410: the
    link revoked, its journalist deactivated or deleted, the release unscheduled or
    withdrawn) or "public" (a redirect to ``release``'s page)."""

    def __init__(self, reason: str, release: PressRelease | None = None):
        super().__init__(reason)
        self.reason = reason
        self.release = release


def open_token(token: str, language: str | None = None) -> EmbargoLink:
    """The link ``token`` names, with its release and journalist, if it shows the release
    now to a reader of ``language`` (default: the active one); `Closed` otherwise. The key
    is compared in constant time. Once the release is public the link still shows it
    while a language it shows (`shown_languages`) has a later time of its own."""
    pk_text, dot, key = str(token).partition(".")
    pk = parse_pk(pk_text)
    if not dot or pk is None or not key:
        raise Closed("invalid")
    link = (
        EmbargoLink.objects.select_related("release__visit__official", "release__contact")
        .select_related("journalist")
        .filter(pk=pk)
        .first()
    )
    if link is None or not constant_time_compare(link.key, key):
        raise Closed("invalid")
    release = link.release
    language = language or translation.get_language()
    if (
        release.status in APPROVED
        and not under_embargo(release)
        and shows_until_public(release, shown_languages(release, language))
    ):
        raise Closed("public", release)
    journalist = link.journalist
    if link.is_revoked or release.status not in APPROVED or not (journalist and journalist.active):
        raise Closed("revoked")
    return link


def log_open(link: EmbargoLink, request) -> EmbargoOpen:
    from visits.adminkit.site import client_address

    address = client_address(request) or None
    try:
        EmbargoOpen._meta.get_field("ip_address").clean(address, None)
    except ValidationError:
        address = None
    return EmbargoOpen.objects.create(
        link=link,
        ip_address=address,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
    )
