"""The newsroom's admin site: Django's, with sign-in attempts rate-limited.

Failed sign-ins are counted in the cache (shared by every app server once the cache is
Redis) per account and per address. Past the limit, the login page refuses every
attempt for that account or from that address, even with the right password, until the
window has passed: a password cannot be guessed at the speed of a script. When the cache
cannot be reached, sign-in is refused with a 503 that says so, rather than let attempts
through uncounted.

The address is the one the trusted reverse proxies saw (``PRESSROOM_TRUSTED_PROXIES``):
whatever a client writes into X-Forwarded-For itself counts for nothing.

Branded "Pressroom" with the office's name (``PRESSROOM_OFFICE_NAME``, translated when the
catalogues know it); its start page is the newsroom dashboard (`visits.adminkit.dashboard`),
with the apps below it, the newsroom's first.

Must not import any admin class or model of ours: ``INSTALLED_APPS`` names
`NewsroomAdminConfig`, which Django imports before the apps are ready.
"""

import functools
import ipaddress
import logging
from copy import copy

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop, pgettext

logger = logging.getLogger(__name__)


class LimitUnavailable(Exception):
    """The cache that counts failed sign-ins cannot be reached."""


def _limits() -> tuple[int, int, int]:
    """(failures per account, failures per address, window in seconds)."""
    return (
        getattr(settings, "PRESSROOM_LOGIN_FAILURES_PER_ACCOUNT", 5),
        getattr(settings, "PRESSROOM_LOGIN_FAILURES_PER_ADDRESS", 20),
        getattr(settings, "PRESSROOM_LOGIN_WINDOW", 15 * 60),
    )


@functools.lru_cache(maxsize=8)
def _proxy_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _ip(text: str):
    """The address in ``text`` (an IPv4 address mapped into IPv6 as itself), or None."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def client_address(request) -> str:
    """The visitor's address: the right-most entry of X-Forwarded-For that no trusted
    proxy (``PRESSROOM_TRUSTED_PROXIES``) sent, walking back from the connection's own
    peer. Each proxy appends the address it was reached from, so entries left of that one
    were written by the client and may be forged; a client that reaches the app server
    directly is its own peer, and its X-Forwarded-For is not read at all. A peer that is no
    IP address is a Unix socket, which only the proxy on this machine can reach."""
    networks = _proxy_networks(tuple(getattr(settings, "PRESSROOM_TRUSTED_PROXIES", ())))
    address = request.META.get("REMOTE_ADDR", "")
    peer = _ip(address)
    if peer is not None and not any(peer in network for network in networks):
        return address
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop = _ip(entry)
        if hop is None:
            break  # no proxy writes this: what is left of it came from the client
        address = entry.strip()
        if not any(hop in network for network in networks):
            break
    return address


def _keys(request, username: str) -> tuple[str, str]:
    address = client_address(request)
    return (
        f"login-failures:account:{username.strip().casefold()}",
        f"login-failures:address:{address}",
    )


def is_throttled(request, username: str) -> bool:
    per_account, per_address, _window = _limits()
    account, address = _keys(request, username)
    try:
        counts = cache.get_many([account, address])
    except Exception as error:
        raise LimitUnavailable from error
    return counts.get(account, 0) >= per_account or counts.get(address, 0) >= per_address


def _count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    *_counts, window = _limits()
    try:
        for key in _keys(request, credentials.get("username", "")):
            if not cache.add(key, 1, window):
                try:
                    cache.incr(key)
                except ValueError:  # expired in between
                    cache.add(key, 1, window)
    except Exception as error:
        # Raised through authenticate() to the login view: a failure that cannot be
        # counted is not let through as if it had been.
        raise LimitUnavailable from error


def _forget_failures(sender, request, user, **kwargs):
    try:
        cache.delete(_keys(request, user.get_username())[0])
    except Exception:
        # The sign-in itself succeeded; the count runs out with its window.
        logger.exception("Could not clear the failed sign-ins of %s.", user.get_username())


user_login_failed.connect(_count_failure, dispatch_uid="pressroom-login-failed")
user_logged_in.connect(_forget_failures, dispatch_uid="pressroom-logged-in")


#: The office's name when ``PRESSROOM_OFFICE_NAME`` does not give one (translated).
DEFAULT_OFFICE_NAME = gettext_noop("Seoul Metropolitan Government International Press Office")
#: Apps listed first on the start page, in this order; the others follow by name.
NEWSROOM_APPS = ("press", "visits")


def office_name() -> str:
    """The press office's name in the active language."""
    return gettext(getattr(settings, "PRESSROOM_OFFICE_NAME", "") or DEFAULT_OFFICE_NAME)


def _site_header() -> str:
    return pgettext("site header: product, office", "Pressroom · %(office)s") % {
        "office": office_name()
    }


def _index_title() -> str:
    return gettext("Newsroom dashboard: %(office)s") % {"office": office_name()}


class NewsroomAdminSite(admin.AdminSite):
    site_title = lazy(lambda: pgettext("product name", "Pressroom"), str)()
    site_header = lazy(_site_header, str)()
    index_title = lazy(_index_title, str)()
    index_template = "admin/dashboard.html"

    def get_app_list(self, request, app_label=None):
        """The newsroom's apps first (`NEWSROOM_APPS`), then the others by name."""
        apps = super().get_app_list(request, app_label)
        first = {label: rank for rank, label in enumerate(NEWSROOM_APPS)}
        return sorted(apps, key=lambda app: first.get(app["app_label"], len(first)))

    def index(self, request, extra_context=None):
        from ..timezone import newsroom_zone
        from .dashboard import ZONE_COOKIE, sections, viewer_zone

        context = {
            "sections": sections(self, request),
            "viewer_zone": viewer_zone(request),
            "zone_cookie": ZONE_COOKIE,
            "newsroom_zone": str(newsroom_zone()),
            **(extra_context or {}),
        }
        return super().index(request, context)

    def login(self, request, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        try:
            if is_throttled(request, request.POST.get("username", "")):
                *_counts, window = _limits()
                message = gettext(
                    "Too many failed sign-ins for this account or from this address. "
                    "Try again in %(minutes)d minutes."
                ) % {"minutes": max(1, window // 60)}
                return self.refused(request, extra_context, message, 429)
            return super().login(request, extra_context)
        except LimitUnavailable:
            logger.exception("Sign-in refused: failed attempts cannot be counted.")
            message = gettext(
                "Signing in is not possible for the moment, because failed attempts cannot "
                "be counted. Please try again in a few minutes."
            )
            response = self.refused(request, extra_context, message, 503)
            response["Retry-After"] = "60"
            return response

    def refused(self, request, extra_context, message: str, status: int):
        """The empty login form, with ``message`` above it, answered with ``status``."""
        messages.error(request, message)
        again = copy(request)
        again.method = "GET"
        response = super().login(again, extra_context)
        response.status_code = status
        return response


class NewsroomAdminConfig(AdminConfig):
    default_site = "visits.adminkit.site.NewsroomAdminSite"
