"""Shared previews: a signed, expiring link that shows a draft release to a reviewer who
has no account (the mayor's office), in one language.

A link is ``/<lang>/preview/<token>/``. The token is signed with ``SECRET_KEY`` (salt
``press.preview``) over the release's id, the language and the release's `preview_key`,
with the time it was made. It stops working when

- it is older than ``PRESSROOM_PREVIEW_MAX_AGE`` (a timedelta or seconds; 7 days);
- the release's `preview_key` changes (`PressRelease.revoke_previews()`: the admin's
  "revoke all links now", and the publishing paths);
- the release leaves draft and review: scheduled, public (`PressRelease.objects
  .published()`) or withdrawn. `PressRelease.save()` revokes the links then; the view
  checks again, so the rule holds even for a code path that forgets (``update()``).
  Once the release is public its page is the one to read, and a dead link points to it.

Each link carries one language and opens only under that language's prefix; under
another prefix it redirects to its own (a language switcher click leads back to the
text the press office chose to share, never to an error).
"""

import json
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import quote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.crypto import constant_time_compare
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods

from visits.publishing import Status
from visits.publishing.locking import EditConflict
from visits.text import LANGUAGE_CODES

from .models import PressRelease
from .views import ReleaseDetailView

SALT = "press.preview"
#: The states in which a release may be shared for review.
OPEN_FOR_REVIEW = (Status.DRAFT, Status.IN_REVIEW)
DEFAULT_MAX_AGE = timedelta(days=7)
#: The admin route the lead adds to `PressReleaseAdmin.get_urls` (see `revoke_view`).
REVOKE_URL_NAME = "admin:press_pressrelease_revoke_previews"


def max_age() -> timedelta:
    """How long a shared link works: ``PRESSROOM_PREVIEW_MAX_AGE`` (timedelta or seconds)."""
    value = getattr(settings, "PRESSROOM_PREVIEW_MAX_AGE", DEFAULT_MAX_AGE)
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


class PreviewSigner(signing.TimestampSigner):
    def issued_at(self, token: str) -> datetime:
        """When a token whose signature is good was made (checked again here)."""
        value = signing.Signer.unsign(self, token)
        return datetime.fromtimestamp(signing.b62_decode(value.rsplit(self.sep, 1)[1]), tz=UTC)


def signer() -> PreviewSigner:
    return PreviewSigner(salt=SALT)


def preview_token(release: PressRelease, language: str) -> str:
    return signer().sign_object([release.pk, language, release.preview_key.hex])


def preview_url(release: PressRelease, language: str) -> str:
    """The path of a new shared preview of ``release`` in ``language``."""
    return preview_path(preview_token(release, language), language)


def preview_path(token: str, language: str) -> str:
    with translation.override(language):
        return reverse("press:release_preview", kwargs={"token": token})


# --- opening a link -------------------------------------------------------------------


@dataclass
class Link:
    release: PressRelease
    language: str
    expires_at: datetime


class Unavailable(Exception):
    """A link that shows no release: why, and (if it is public now) the release."""

    def __init__(self, reason: str, release: PressRelease | None = None):
        self.reason = reason
        self.release = release
        super().__init__(reason)

    @property
    def status(self) -> int:
        return 404 if self.reason == "invalid" else 410


def open_link(token: str, queryset) -> Link:
    """The release and language a token opens, or `Unavailable`.

    The release is read in one query from ``queryset``, with ``is_listed``: whether
    `published()` holds it (the one door of public visibility, not a copy of its rule).
    An expired link is still read, so that its reader can be sent to the public page.
    """
    try:
        payload = signer().unsign_object(token)
        issued_at = signer().issued_at(token)
    except (signing.BadSignature, ValueError, UnicodeError):
        raise Unavailable("invalid") from None
    try:
        pk, language, key = payload
    except (TypeError, ValueError):
        raise Unavailable("invalid") from None
    if not isinstance(pk, int) or language not in LANGUAGE_CODES or not isinstance(key, str):
        raise Unavailable("invalid")
    listed = PressRelease.objects.published().filter(pk=OuterRef("pk"))
    release = queryset.annotate(is_listed=Exists(listed)).filter(pk=pk).first()
    if release is None:
        raise Unavailable("gone")
    if release.is_listed:
        raise Unavailable("public", release)
    if release.status not in OPEN_FOR_REVIEW:
        raise Unavailable("gone")
    if not constant_time_compare(release.preview_key.hex, key):
        raise Unavailable("revoked")
    expires_at = issued_at + max_age()
    if timezone.now() >= expires_at:
        raise Unavailable("expired")
    return Link(release, language, expires_at)


def keep_private(response):
    """No cache keeps it, no search engine lists it, no other site learns its address."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


class SharedPreviewView(ReleaseDetailView):
    """The release page as the public will see it, in the link's language, with the
    translations that are not ready yet, for whoever holds the link.

    A link that does not open answers with a page in the reader's language:

    - 404 Not Found when the token's signature fails (mistyped, cut short, forged): we
      cannot tell it was ever a link, so it is like any unknown address;
    - 410 Gone when the link was genuine and has stopped working for good: expired,
      revoked, or its release is scheduled, public, withdrawn or deleted. "Gone" tells
      the reader, and any cache or crawler, that this address will not work again; the
      page says why, and links to the public release once there is one.

    The response is never stored (``private, no-store``), never indexed, and sends no
    Referer, so the token leaks neither through caches nor to the sites it links to.
    The staff preview's banner and admin link (`PublishedMixin`) are not used: the
    reader has no account.
    """

    template_name = "press/preview_release.html"
    unavailable_template_name = "press/preview_unavailable.html"

    def dispatch(self, request, *args, **kwargs):
        return keep_private(super().dispatch(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        try:
            self.link = open_link(kwargs["token"], self.get_base_queryset())
        except Unavailable as problem:
            return self.unavailable(problem)
        if self.link.language != translation.get_language():
            return redirect(preview_path(kwargs["token"], self.link.language))
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        release = self.link.release
        release.show_every_language = True
        return release

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shared_preview"] = True
        context["expires_at"] = self.link.expires_at
        return context

    def unavailable(self, problem: Unavailable):
        release = problem.release
        return TemplateResponse(
            self.request,
            self.unavailable_template_name,
            {
                "reason": problem.reason,
                "public_url": release.get_absolute_url() if release is not None else None,
            },
            status=problem.status,
        )


# --- admin ----------------------------------------------------------------------------


def can_share(user) -> bool:
    return (
        user is not None
        and user.is_active
        and user.is_staff
        and user.has_perm("press.change_pressrelease")
    )


def admin_preview_links(release: PressRelease | None, request) -> SafeString:
    """The "Share a preview" field of the release form: a new link per language with
    its expiry, a note on who may read them, and the way to revoke them all.

    New links are made each time the form is shown; all of them, old and new, work
    until they expire or are revoked. Only staff who may change releases get links.
    """
    context = {"release": release, "links": [], "revoke_url": None}
    if release is None or release.pk is None:
        context["unavailable"] = _("Save the release first; then links to share appear here.")
    elif not can_share(getattr(request, "user", None)):
        context["unavailable"] = _("Only editors who may change this release can share it.")
    elif release.is_public:
        context["unavailable"] = _("The release is public: share its public address instead.")
    elif release.status not in OPEN_FOR_REVIEW:
        context["unavailable"] = _(
            "Only drafts and releases in review can be shared; links shared before have "
            "stopped working."
        )
    else:
        expires_at = timezone.now() + max_age()
        with_text = release.languages()
        context["links"] = [
            {
                "code": code,
                "name": translation.get_language_info(code)["name_translated"],
                "url": request.build_absolute_uri(preview_url(release, code)),
                "expires_at": expires_at,
                "has_text": code in with_text,
                "is_ready": release.is_ready(code),
            }
            for code in LANGUAGE_CODES
        ]
        context["max_age_days"] = max(1, round(max_age() / timedelta(days=1)))
        with suppress(NoReverseMatch):  # until the admin route is installed
            context["revoke_url"] = reverse(REVOKE_URL_NAME, args=[quote(release.pk)])
    return render_to_string("admin/press/pressrelease/preview_links.html", context, request=request)


@csrf_protect
@require_http_methods(["GET", "POST"])
def revoke_view(request, pk):
    """Revoke every shared preview link of a release: GET asks, POST does it.

    Installed by `PressReleaseAdmin.get_urls`, before the admin's own URLs::

        path(
            "<int:pk>/revoke-previews/",
            self.admin_site.admin_view(previews.revoke_view),
            name="press_pressrelease_revoke_previews",
        )

    Needs ``press.change_pressrelease``. The release is read fresh and saved under its
    lock number (a form open elsewhere notices), so a stale copy saved later cannot
    bring the old key back. The change is kept as a revision and in the admin's log.
    """
    if not can_share(request.user):
        raise PermissionDenied
    try:
        release = PressRelease.objects.get(pk=pk)
    except (PressRelease.DoesNotExist, ValueError):
        raise Http404(gettext("No such press release.")) from None
    change_url = reverse("admin:press_pressrelease_change", args=[quote(release.pk)])
    if request.method == "GET":
        context = {
            **admin.site.each_context(request),
            "title": _("Revoke the preview links?"),
            "release": release,
            "opts": PressRelease._meta,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/press/pressrelease/revoke_previews.html", context)
    comment = gettext("Revoked every shared preview link.")
    release.revoke_previews()
    try:
        with transaction.atomic(), reversion.create_revision():
            release.save(update_fields=["preview_key", "updated_at"])
            reversion.set_user(request.user)
            reversion.set_comment(comment)
    except EditConflict:
        messages.error(request, gettext("Someone saved the release meanwhile; try again."))
        return HttpResponseRedirect(change_url)
    LogEntry.objects.log_actions(
        request.user.pk,
        [release],
        CHANGE,
        change_message=json.dumps([{"changed": {"fields": [comment]}}]),
        single_object=True,
    )
    messages.success(
        request,
        gettext("Every preview link shared so far has stopped working. New links are below."),
    )
    return HttpResponseRedirect(change_url)
