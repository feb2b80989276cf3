"""Production: secrets, hosts and services come from the environment, or it refuses to start.

Several app servers (gunicorn with config/gunicorn.py) behind a load balancer share
nothing but PostgreSQL (DATABASE_URL), Redis (REDIS_URL: the page cache and the admin
sign-in limit) and the media storage: an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME
is set, otherwise a folder they all mount. Each serves the static files itself
(whitenoise) from what `manage.py collectstatic` wrote. The README's "Production" section
lists every variable.
"""

import ipaddress
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import redis.connection
from django.core.exceptions import ImproperlyConfigured

from config.environment import malformed, s3_media

from .base import *  # noqa: F403
from .base import (
    CONTENT_SECURITY_POLICY,
    DATABASES,
    MEDIA_ROOT,
    MIDDLEWARE,
    PRESSROOM_MEDIA_ORIGIN,
    STATIC_ROOT,
)


def require_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


SECRET_KEY = require_env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("DJANGO_ALLOWED_HOSTS").split(",")]

# --- Database: PostgreSQL --------------------------------------------------------------
# base.py has read DATABASE_URL already (dj-database-url refuses an unknown scheme). SQLite
# is refused here: each app server would write a database of its own.
DATABASE_URL = require_env("DATABASE_URL")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise malformed("DATABASE_URL", DATABASE_URL, "postgres://user:password@host:5432/name")
if not DATABASES["default"]["NAME"]:
    raise malformed("DATABASE_URL", DATABASE_URL, "a URL that names the database")
# Persistent connections, checked before each request reuses one (psycopg 3).
DATABASES["default"]["CONN_MAX_AGE"] = 600
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# --- Cache: Redis, shared by every app server --------------------------------------------
# The page cache and the sign-in rate limit (visits/adminkit/site.py) must be the same on
# every app server: a per-process cache would let an attacker make five guesses per
# worker, and every worker would build every page itself.
REDIS_URL = require_env("REDIS_URL")
try:
    _redis = redis.connection.parse_url(REDIS_URL)  # what redis-py itself will accept
except ValueError as error:
    raise malformed(
        "REDIS_URL", REDIS_URL, "redis://host:6379/0, rediss://… or unix://…"
    ) from error
if "path" not in _redis and not (
    _redis.get("host") and re.fullmatch(r"/?[0-9]*", urlsplit(REDIS_URL).path)
):
    raise malformed("REDIS_URL", REDIS_URL, "redis://host:port/<database number>")
# Keys of this site, apart from any other site or environment using the same Redis.
PRESSROOM_CACHE_PREFIX = os.environ.get("PRESSROOM_CACHE_PREFIX", "pressroom").strip()
if not re.fullmatch(r"[A-Za-z0-9._-]{1,64}", PRESSROOM_CACHE_PREFIX):
    raise malformed(
        "PRESSROOM_CACHE_PREFIX", PRESSROOM_CACHE_PREFIX, "up to 64 letters, digits, '.', '_', '-'"
    )
CACHES = {
    "default": {
        # Django's own backend, keeping its clients (config/redis_cache.py); redis-py parses
        # replies with hiredis (pinned) when installed.
        "BACKEND": "config.redis_cache.NewsroomRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": PRESSROOM_CACHE_PREFIX,
        # The backend's own timeouts and pause apply (TIMEOUTS, PAUSE): a Redis that stops
        # answering costs a worker half a second, then is left alone for five seconds,
        # instead of holding every request until gunicorn kills the worker.
        "OPTIONS": {
            # A pooled connection idle this long is pinged before use (proxies and Redis's
            # own `timeout` close idle connections).
            "health_check_interval": 30,
        },
    }
}
# Sessions stay in the database (Django's default): they must outlive a cache flush.

# --- Media: S3-compatible object storage, or a shared folder -----------------------------
S3_VARIABLES = (
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_CUSTOM_DOMAIN",
)
# The storage is built by config/environment.py, as the S3 tests build theirs.
_s3 = {name: os.environ.get(name, "").strip().rstrip("/") for name in S3_VARIABLES}
if _s3["AWS_STORAGE_BUCKET_NAME"]:
    # Credentials come from boto3's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
    # or the machine's role), never from settings.
    _media_storage, MEDIA_URL = s3_media(*_s3.values())
    # Pages show images from the bucket (or CDN): the policy's img-src must allow it.
    _media_origin = "/".join(MEDIA_URL.split("/")[:3])
    if not PRESSROOM_MEDIA_ORIGIN:
        PRESSROOM_MEDIA_ORIGIN = _media_origin
        _directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
        CONTENT_SECURITY_POLICY = {
            **CONTENT_SECURITY_POLICY,
            "DIRECTIVES": {**_directives, "img-src": [*_directives["img-src"], _media_origin]},
        }
    elif _media_origin != PRESSROOM_MEDIA_ORIGIN:
        raise ImproperlyConfigured(
            f"PRESSROOM_MEDIA_ORIGIN is {PRESSROOM_MEDIA_ORIGIN!r} but the media URLs are on "
            f"{_media_origin!r}: leave it unset, or set AWS_S3_CUSTOM_DOMAIN to the CDN's host."
        )
elif any(_s3.values()):
    raise ImproperlyConfigured(
        f"{', '.join(name for name, value in _s3.items() if value)} set without "
        "AWS_STORAGE_BUCKET_NAME: set it for media on object storage, or unset them for "
        "media files on disk."
    )
else:
    # Files in a folder every app server mounts, served by press/media.py (each only while
    # it is public); through nginx when PRESSROOM_MEDIA_ACCEL_REDIRECT names an internal
    # location mapped to MEDIA_ROOT.
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ROOT = Path(os.environ.get("PRESSROOM_MEDIA_ROOT", "").strip() or MEDIA_ROOT)
    PRESSROOM_MEDIA_ACCEL_REDIRECT = os.environ.get("PRESSROOM_MEDIA_ACCEL_REDIRECT", "").strip()
    if PRESSROOM_MEDIA_ACCEL_REDIRECT and not re.fullmatch(
        r"/([A-Za-z0-9._~-]+/)+", PRESSROOM_MEDIA_ACCEL_REDIRECT
    ):
        raise malformed(
            "PRESSROOM_MEDIA_ACCEL_REDIRECT",
            PRESSROOM_MEDIA_ACCEL_REDIRECT,
            "a path such as /protected-media/",
        )

# --- Static files: whitenoise -----------------------------------------------------------
# `collectstatic` writes each file under a name with its content's hash (and a .gz copy);
# pages name those, so browsers and CDNs may keep them forever. A template that
# names a file missing from the manifest fails loudly (tests/test_settings.py renders
# every page with it).
STATIC_ROOT = Path(os.environ.get("PRESSROOM_STATIC_ROOT", "").strip() or STATIC_ROOT)
STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Right after SecurityMiddleware (whitenoise's documented place): static answers skip the
# rest of the stack but still get the security headers.
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_security:],
]

# --- HTTPS behind reverse proxies -------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The reverse proxies in front of the app servers, each appending to X-Forwarded-For: the
# sign-in rate limit counts the address the outermost one saw, never one a client wrote
# (visits/adminkit/site.py). The same proxies gunicorn believes for X-Forwarded-Proto, unless
# told otherwise; "*" would believe any client, so it is refused here.
_proxy_variable = (
    "PRESSROOM_TRUSTED_PROXIES"
    if "PRESSROOM_TRUSTED_PROXIES" in os.environ
    else "FORWARDED_ALLOW_IPS"
)
_proxies = os.environ.get(_proxy_variable, "127.0.0.1,::1")
PRESSROOM_TRUSTED_PROXIES = [proxy.strip() for proxy in _proxies.split(",") if proxy.strip()]
_expected = "the proxies' IP addresses or networks, comma-separated (10.0.0.5,10.1.0.0/16)"
if _proxy_variable == "FORWARDED_ALLOW_IPS":
    _expected += ", or PRESSROOM_TRUSTED_PROXIES must list those (the sign-in limit needs them)"
for _proxy in PRESSROOM_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise malformed(_proxy_variable, _proxies, _expected) from None
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# --- Mail: a provider through anymail, or SMTP ------------------------------------------
# Alerts (press/alerts/) are mailed by the task workers. Their links are absolute, on
# PRESSROOM_SITE_URL, and mail clients offer one-click unsubscribe only over HTTPS.
PRESSROOM_SITE_URL = require_env("PRESSROOM_SITE_URL").rstrip("/")
if not re.fullmatch(r"https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s?#]*)?", PRESSROOM_SITE_URL):
    raise malformed("PRESSROOM_SITE_URL", PRESSROOM_SITE_URL, "https://newsroom.example.org")
DEFAULT_FROM_EMAIL = require_env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "").strip() or DEFAULT_FROM_EMAIL


def _flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value not in ("", "0", "1", "true", "false", "yes", "no"):
        raise malformed(name, value, "1 or 0 (true or false)")
    return value in ("1", "true", "yes")


def _anymail_value(name: str, value: str):
    """An ANYMAIL_<NAME> variable as anymail wants it: anymail's flags as booleans ("false"
    is not true), its dicts (``*_PARAMS``, ``SEND_DEFAULTS``, ``*_ESP_EXTRA``) from JSON
    objects, anything else as the text given. A malformed value is refused, not hidden
    (the value is not repeated: it may hold a key)."""
    if name.endswith(
        ("IGNORE_RECIPIENT_STATUS", "IGNORE_UNSUPPORTED_FEATURES", "DEBUG_API_REQUESTS")
    ):
        return _flag(name)
    if name.endswith(("_PARAMS", "SEND_DEFAULTS", "_ESP_EXTRA")):
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            raise malformed(name, "…", 'a JSON object, such as {"region_name": "eu-west-1"}')
        return parsed
    return value


PRESSROOM_EMAIL_PROVIDER = os.environ.get("PRESSROOM_EMAIL_PROVIDER", "").strip().lower()
if PRESSROOM_EMAIL_PROVIDER:
    # anymail's backend of that provider (amazon_ses, mailgun, postmark, sendgrid, brevo,
    # …); its settings come from ANYMAIL_<NAME> variables, given to anymail without the
    # prefix (ANYMAIL_POSTMARK_SERVER_TOKEN → ANYMAIL["POSTMARK_SERVER_TOKEN"]).
    import importlib.util

    if not re.fullmatch(r"[a-z_]+", PRESSROOM_EMAIL_PROVIDER) or not importlib.util.find_spec(
        f"anymail.backends.{PRESSROOM_EMAIL_PROVIDER}"
    ):
        raise malformed(
            "PRESSROOM_EMAIL_PROVIDER",
            PRESSROOM_EMAIL_PROVIDER,
            "the name of an anymail backend (amazon_ses, mailgun, postmark, sendgrid, brevo, …)",
        )
    EMAIL_BACKEND = f"anymail.backends.{PRESSROOM_EMAIL_PROVIDER}.EmailBackend"
    ANYMAIL = {
        name.removeprefix("ANYMAIL_"): _anymail_value(name, value.strip())
        for name, value in os.environ.items()
        if name.startswith("ANYMAIL_") and value.strip()
    }
    # The tracking webhooks (/anymail/<provider>/tracking/: bounces and complaints stop
    # mail) refuse any request without this "user:password" (basic authentication).
    ANYMAIL["WEBHOOK_SECRET"] = require_env("ANYMAIL_WEBHOOK_SECRET")
    if ":" not in ANYMAIL["WEBHOOK_SECRET"]:
        raise malformed("ANYMAIL_WEBHOOK_SECRET", "…", "user:password (random, long)")
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip() or "localhost"
    _port = os.environ.get("EMAIL_PORT", "").strip() or "25"
    if not re.fullmatch(r"[0-9]{1,5}", _port):
        raise malformed("EMAIL_PORT", _port, "a port number (587, 465, 25)")
    EMAIL_PORT = int(_port)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "").strip()
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _flag("EMAIL_USE_TLS")
    EMAIL_USE_SSL = _flag("EMAIL_USE_SSL")
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured(
            "Set EMAIL_USE_TLS (STARTTLS, port 587) or EMAIL_USE_SSL (port 465), not both."
        )
    EMAIL_TIMEOUT = 30
