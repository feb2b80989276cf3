"""The newsroom's admin site: Django's, with sign-in attempts rate-limited.

Failed sign-ins are counted in the cache (shared by every app server once the cache is
Redis) per account and per address. Past the limit, the login page refuses every
attempt for that account or from that address, even with the right password, until the
window has passed: a password cannot be guessed at the speed of a script.
"""

from copy import copy

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.utils.translation import gettext


def _limits() -> tuple[int, int, int]:
    """(failures per account, failures per address, window in seconds)."""
    return (
        getattr(settings, "PRESSROOM_LOGIN_FAILURES_PER_ACCOUNT", 5),
        getattr(settings, "PRESSROOM_LOGIN_FAILURES_PER_ADDRESS", 20),
        getattr(settings, "PRESSROOM_LOGIN_WINDOW", 15 * 60),
    )


def client_address(request) -> str:
    """The visitor's address. Behind ``PRESSROOM_TRUSTED_PROXIES`` proxies (each appending
    to X-Forwarded-For), it is the entry the outermost trusted proxy added; entries before
    it come from the client and may be forged."""
    hops = getattr(settings, "PRESSROOM_TRUSTED_PROXIES", 0)
    if hops:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [entry.strip() for entry in forwarded if entry.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


def _keys(request, username: str) -> tuple[str, str]:
    address = client_address(request)
    return (
        f"login-failures:account:{username.strip().casefold()}",
        f"login-failures:address:{address}",
    )


def is_throttled(request, username: str) -> bool:
    per_account, per_address, _window = _limits()
    account, address = _keys(request, username)
    counts = cache.get_many([account, address])
    return counts.get(account, 0) >= per_account or counts.get(address, 0) >= per_address


def _count_failure(sender, credentials, request=None, **kwargs):
    if request is None:
        return
    *_counts, window = _limits()
    for key in _keys(request, credentials.get("username", "")):
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, window)


def _forget_failures(sender, request, user, **kwargs):
    cache.delete(_keys(request, user.get_username())[0])


user_login_failed.connect(_count_failure, dispatch_uid="pressroom-login-failed")
user_logged_in.connect(_forget_failures, dispatch_uid="pressroom-logged-in")


class NewsroomAdminSite(admin.AdminSite):
    def login(self, request, extra_context=None):
        if request.method == "POST" and is_throttled(request, request.POST.get("username", "")):
            *_counts, window = _limits()
            messages.error(
                request,
                gettext(
                    "Too many failed sign-ins for this account or from this address. "
                    "Try again in %(minutes)d minutes."
                )
                % {"minutes": max(1, window // 60)},
            )
            again = copy(request)
            again.method = "GET"  # the empty form, with the message above it
            response = super().login(again, extra_context)
            response.status_code = 429
            return response
        return super().login(request, extra_context)


class NewsroomAdminConfig(AdminConfig):
    default_site = "visits.admin_site.NewsroomAdminSite"
