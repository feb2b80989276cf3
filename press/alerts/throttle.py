"""The subscribe form's flood limit: valid requests counted in the cache per address and
per client address, as the admin's sign-in limit counts failures (visits/adminkit/site.py,
whose `client_address` reads X-Forwarded-For only from ``PRESSROOM_TRUSTED_PROXIES``).

Every valid request counts, whatever the address's state (new, waiting, subscribed,
stopped, suppressed), so the limit says nothing about whether an address is subscribed.
An address is counted by its digest (of its mailbox: the "+tag" taken off, the domain in
ASCII), an IPv6 client by its /64: the cache never holds an address. When the cache cannot be
reached the request is refused (`Unavailable`) rather than let through uncounted.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core.cache import cache

from visits.adminkit.site import client_address

from ..models import normalise_address


class Unavailable(Exception):
    """The cache that counts requests cannot be reached."""


def limits() -> tuple[int, int, int]:
    """(requests per address, requests per client address, window in seconds)."""
    return (
        getattr(settings, "PRESSROOM_ALERT_SUBSCRIBE_PER_ADDRESS", 3),
        getattr(settings, "PRESSROOM_ALERT_SUBSCRIBE_PER_IP", 20),
        getattr(settings, "PRESSROOM_ALERT_SUBSCRIBE_WINDOW", 3600),
    )


def mailbox(address: str) -> str:
    """The mailbox an address reaches, as the limit counts it: ``victim+1@example.org`` and
    ``victim+2@example.org`` are one (the "+tag" most services ignore). Only for counting:
    the subscription keeps the address as typed."""
    local, at, domain = normalise_address(address).rpartition("@")
    return f"{local.partition('+')[0]}{at}{domain}"


def network(client: str) -> str:
    """The client as the limit counts it: an IPv4 address, or the /64 of an IPv6 one (one
    home or one server has a whole /64 to pick addresses from)."""
    try:
        ip = ipaddress.ip_address(client)
    except ValueError:
        return client
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


def _keys(request, address: str) -> tuple[str, str]:
    digest = hashlib.sha256(mailbox(address).encode()).hexdigest()[:32]
    return (
        f"alert-subscribe:address:{digest}",
        f"alert-subscribe:ip:{network(client_address(request))}",
    )


def _count(key: str, window: int) -> int:
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired in between
        cache.add(key, 1, window)
        return 1


def over_limit(request, address: str) -> bool:
    """Count this request for ``address`` and the client; whether either is now past its
    limit."""
    per_address, per_ip, window = limits()
    address_key, ip_key = _keys(request, address)
    try:
        by_address, by_ip = _count(address_key, window), _count(ip_key, window)
    except Exception as error:
        raise Unavailable from error
    return by_address > per_address or by_ip > per_ip
