"""Settings shared by every environment. dev, test and prod override a handful of values."""

import os
import re
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = "django-insecure-only-for-local-development"  # prod.py reads the real one
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "visits.adminkit.site.NewsroomAdminConfig",  # Django's admin, with rate-limited sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "django_prose_editor",
    "imagekit",
    "reversion",
    "django_tasks",  # Django 6's tasks framework, backported
    "django_tasks_db",  # its queue in the database, and `manage.py db_worker`
    "anymail",  # mail providers' backends and their tracking webhooks (prod.py)
    "ninja",  # the read API (press.api); here for Swagger UI in its static files
    "visits",
    "press",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # django-csp's, which leaves a page served from the page cache the policy stored with it.
    "visits.changes.pagecache.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Browser-side protections on every response (SecurityMiddleware, clickjacking); Django's
# defaults, stated so that a change is deliberate. HSTS and secure cookies: prod.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"  # outlets we link to learn nothing of our pages
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts only from our own
# origin, never inline. The one inline script that cannot be a file, the prose editor's
# import map, carries the response's nonce (BaseAdmin.render_change_form); JSON-LD and
# application/json blocks are data, which browsers do not execute. The one <style>, empty,
# carries it too (templates/admin/base_site.html: it stops Tiptap injecting one). The
# nonce is in the header only on responses that use it. Inline style attributes cannot
# take a nonce, so the templates have none. PRESSROOM_MEDIA_ORIGIN (e.g.
# https://media.example.org) allows images from a bucket or CDN serving MEDIA_URL.
PRESSROOM_MEDIA_ORIGIN = os.environ.get("PRESSROOM_MEDIA_ORIGIN", "").strip().rstrip("/")
if PRESSROOM_MEDIA_ORIGIN and not re.fullmatch(
    r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?", PRESSROOM_MEDIA_ORIGIN
):
    raise ImproperlyConfigured(
        "PRESSROOM_MEDIA_ORIGIN must be an origin such as https://media.example.org "
        f"(got {PRESSROOM_MEDIA_ORIGIN!r})."
    )
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, *([PRESSROOM_MEDIA_ORIGIN] if PRESSROOM_MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# DATABASE_URL picks the database; a fresh clone needs no server. Connections are kept
# for ten minutes (checked before a request reuses one) on SQLite as on PostgreSQL:
# opening SQLite's anew cost a page 1.4-2 ms (issue 20).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once: Django opens SQLite transactions as DEFERRED, so a save
    # that has read first must upgrade to a write lock, which SQLite refuses at once
    # ("database is locked", a 500) whatever the timeout. IMMEDIATE takes the write lock
    # when the transaction begins, where the timeout applies and the second save waits.
    # WAL lets readers go on while a save writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiling costs tens of milliseconds and pays off only for long reports: a
    # search or a page never runs long enough.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Adding one is a change here plus a migration (modeltranslation adds columns).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("zh-hans", _("Simplified Chinese")),
    ("ja", _("Japanese")),
]
LOCALE_PATHS = [BASE_DIR / "config" / "locale"]
# English dates in one style, the releases' own ("1 August 2024"): config/formats/en.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Seoul"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A field empty in the reader's language falls back to English, then Korean, then
# whatever exists, so a Japanese-only item still has a title for every reader.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "ko", "zh-hans", "ja")}
# No language is required: a release may exist only in Korean. Models check that
# at least one language is filled in.
MODELTRANSLATION_REQUIRED_LANGUAGES = ()
# jQuery UI for the tabbed translation forms comes from our own static files, not a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: reject before Pillow's own decompression-bomb warning would fire.
PRESSROOM_MAX_UPLOAD_BYTES = 25 * 1024 * 1024
PRESSROOM_MAX_IMAGE_PIXELS = 60_000_000
# Documents (press/document_checks.py): a file larger than this is refused on upload.
PRESSROOM_DOCUMENT_MAX_BYTES = 50 * 1024 * 1024
# The coverage desk (press/clippings/): a clipping file larger than this is refused. A saved
# article page is rarely over a few hundred kilobytes; 2 MiB leaves room for inline styles
# while keeping a wrong file (a PDF, an archive) from being read whole.
PRESSROOM_CLIPPING_MAX_BYTES = 2 * 1024 * 1024

# Video links (press/video_links.py): host names of the city's own video channel, besides
# YouTube and Vimeo (e.g. ["tv.seoul.go.kr"]); https addresses on them are videos.
PRESSROOM_VIDEO_HOSTS: list[str] = []
# A YouTube link saved without a poster gets YouTube's still, fetched by a worker through
# the link checker's client and its network rule (press/video_posters.py) and served from
# our own media, so readers' browsers still ask YouTube for nothing. {id}: the video's id.
PRESSROOM_VIDEO_POSTER_FETCH = True
PRESSROOM_VIDEO_POSTER_URL = "https://i.ytimg.com/vi/{id}/hqdefault.jpg"
# Coverage link checks and archived copies (press/linkcheck/, `check_coverage_links`).
# Host names or addresses fetched even on a private, loopback or link-local network;
# empty: the checker never reaches the newsroom's own network.
PRESSROOM_LINK_CHECK_ALLOW_HOSTS: list[str] = []
# False: only the allowed hosts are fetched and nothing else leaves the machine (the tests,
# and development, where the demo's illustrative addresses would read as gone).
PRESSROOM_LINK_CHECK_OUTSIDE = True
# Check an address when a coverage item is saved with a new one, and again this long after.
PRESSROOM_LINK_CHECK_ON_SAVE = True
PRESSROOM_LINK_CHECK_INTERVAL_DAYS = 7
# Seconds to connect, to wait for each read, and for one whole answer (a server trickling
# a byte a second never reaches a read timeout); the most of one answer read.
PRESSROOM_LINK_CHECK_CONNECT_TIMEOUT = 5.0
PRESSROOM_LINK_CHECK_READ_TIMEOUT = 10.0
PRESSROOM_LINK_CHECK_TOTAL_TIMEOUT = 30.0
PRESSROOM_LINK_CHECK_MAX_BYTES = 5 * 1024 * 1024
# Names the newsroom, so an outlet knows who asks.
PRESSROOM_LINK_CHECK_USER_AGENT = (
    "PressroomLinkCheck/1.0 (the city press office's newsroom; checks its coverage links)"
)
# The headless browser that prints an archived copy's PDF and screenshot, and how long it
# may take; without it both are skipped (the WARC record is still kept) and the state says so.
PRESSROOM_CHROMIUM = os.environ.get("PRESSROOM_CHROMIUM", "/usr/bin/chromium")
PRESSROOM_LINK_CHECK_CAPTURE_TIMEOUT = 60.0

# Photo renditions (press/renditions.py): made when a photo is saved, never per request.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"

LOGIN_URL = "admin:login"
# Where sign-in leads when the form's `next` is missing or refused (another site's address):
# the admin, in the language of the login page.
LOGIN_REDIRECT_URL = "admin:index"
# Addresses or networks of the reverse proxies in front of the app servers, whose
# X-Forwarded-For entries are believed (the sign-in limit counts the visitor's address,
# visits/adminkit/site.py). None here: the address is the connection's own. Production reads
# the list from the environment.
PRESSROOM_TRUSTED_PROXIES: list[str] = []

# Background work (visits/tasks/): a queue in the database itself, so it needs no server of
# its own, works on SQLite, and on PostgreSQL lets workers on many machines claim tasks with
# SKIP LOCKED. `manage.py db_worker` runs them (one process per machine: README).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # A task that finds its object deleted says so at INFO (visits/tasks/objects.py).
    "loggers": {"visits.tasks": {"level": "INFO"}},
}

# Search: a query is counted and ranked among at most this many matching entries (the
# newest), which bounds its cost when a word is in nearly everything.
PRESSROOM_SEARCH_CANDIDATES = 2000

# Where the admin lives under each language prefix (/en/<path>): a path of one's own keeps
# the login page out of reach of scripts that try /admin/ on every site.
PRESSROOM_ADMIN_PATH = os.environ.get("PRESSROOM_ADMIN_PATH", "admin").strip().strip("/")
if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*", PRESSROOM_ADMIN_PATH):
    raise ImproperlyConfigured(
        "PRESSROOM_ADMIN_PATH must be a URL path of letters, digits, '.', '_', '~', '-' and "
        f"'/' (got {PRESSROOM_ADMIN_PATH!r})."
    )

# Public pages are kept whole in the cache for anonymous readers
# (visits/changes/pagecache.py) for at most this long; any change, and anything scheduled,
# retires them sooner. 0: not kept.
PRESSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("PRESSROOM_PAGE_CACHE_SECONDS", "600"))
# Each process also keeps the pages it served lately, up to this many bytes, and reads the
# shared generation again at most this often: an edit made through another app server
# shows here within that many seconds.
PRESSROOM_PAGE_CACHE_LOCAL_BYTES = 32 * 1024 * 1024
PRESSROOM_PAGE_CACHE_RECHECK = 1.0

# Email alerts (press/alerts/). Links in mail are built without a request, from this address
# (production sets it from the environment). A confirmation link works this many seconds.
PRESSROOM_SITE_URL = os.environ.get("PRESSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
PRESSROOM_ALERT_CONFIRM_MAX_AGE = 3 * 24 * 3600
# The public subscribe form (press/alerts/throttle.py): valid requests allowed per address
# and per client address (PRESSROOM_TRUSTED_PROXIES) within the window, in seconds; past
# them the form answers 429 until the window ends.
PRESSROOM_ALERT_SUBSCRIBE_PER_ADDRESS = 3
PRESSROOM_ALERT_SUBSCRIBE_PER_IP = 20
PRESSROOM_ALERT_SUBSCRIBE_WINDOW = 3600
# Throwaway mail domains the form refuses (their subdomains too).
PRESSROOM_ALERT_BLOCKED_DOMAINS = [
    "mailinator.com",
    "guerrillamail.com",
    "10minutemail.com",
    "tempmail.com",
    "temp-mail.org",
    "yopmail.com",
    "trashmail.com",
    "sharklasers.com",
    "dispostable.com",
    "getnada.com",
    "maildrop.cc",
    "throwawaymail.com",
]
# `manage.py send_alerts` sends the releases that went out in the last this many seconds
# (press/alerts/sending.py): a timer stopped for less than this loses no alert.
PRESSROOM_ALERT_LOOKBACK = 24 * 3600
# Mail: the console in development; production sets a provider or SMTP (prod.py).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Seoul Newsroom <newsroom@localhost>")
# anymail's tracking webhooks (/anymail/<provider>/tracking/) need its shared secret.
ANYMAIL = {"WEBHOOK_SECRET": os.environ.get("ANYMAIL_WEBHOOK_SECRET", "")}
