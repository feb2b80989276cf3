"""Production settings refuse to start without their secrets and services, or with a
malformed one; with them, the deploy checks are clean, media goes to S3 exactly when its
variables say so, every page renders with the hashed static files `collectstatic` wrote,
and gunicorn reads its configuration file."""

import json
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import RequestFactory
from django.views.defaults import server_error
from gunicorn.config import Config

from tests.test_admin import admin_url
from tests.test_pages import build_world, class_data, public_pages

ROOT = Path(__file__).resolve().parent.parent

#: Everything production requires, none of it reached at import: nothing connects to the
#: database or Redis before a request needs it.
PRODUCTION = {
    "DJANGO_SECRET_KEY": "k" * 20 + "Z9!q" * 12,
    "DJANGO_ALLOWED_HOSTS": "newsroom.example.org",
    "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/pressroom",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "PRESSROOM_SITE_URL": "https://newsroom.example.org",
    "DEFAULT_FROM_EMAIL": "Seoul Newsroom <newsroom@example.org>",
}
#: The variables a test environment starts without, whatever the caller's shell has.
OURS = (
    "DJANGO_",
    "DATABASE_",
    "REDIS_",
    "PRESSROOM_",
    "AWS_",
    "WEB_CONCURRENCY",
    "BIND",
    "FORWARDED_ALLOW_IPS",
    "EMAIL_",
    "ANYMAIL_",
    "DEFAULT_FROM_EMAIL",
    "SERVER_EMAIL",
)
WHITENOISE_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(OURS)}


def import_prod(
    env: dict[str, str], code: str = "import config.settings.prod"
) -> subprocess.CompletedProcess:
    """Runs ``code`` in a fresh interpreter with ``env`` and none of the caller's settings
    variables; REDIS_URL is PRODUCTION's unless ``env`` gives one (an empty one unsets it),
    so a test about the older variables need not know of it."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_environment() | {"REDIS_URL": PRODUCTION["REDIS_URL"]} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def in_production(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    """Runs ``code`` after django.setup() with production settings and PRODUCTION + env."""
    return import_prod(
        {"DJANGO_SETTINGS_MODULE": "config.settings.prod"} | PRODUCTION | env,
        "import django; django.setup(); " + code,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "example.org"}, "DATABASE_URL"),
        (PRODUCTION | {"REDIS_URL": ""}, "REDIS_URL"),
        (PRODUCTION | {"REDIS_URL": "  "}, "REDIS_URL"),
    ],
)
def test_production_refuses_to_start_without_required_variable(env, missing):
    result = import_prod(env)
    assert result.returncode != 0
    assert f"ImproperlyConfigured: Set the {missing} environment variable" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REDIS_URL", "http://cache.internal:6379/0"),
        ("REDIS_URL", "cache.internal:6379"),
        ("REDIS_URL", "redis://cache.internal:port/0"),
        ("REDIS_URL", "redis://cache.internal/zero"),
        ("REDIS_URL", "redis://"),
        ("DATABASE_URL", "sqlite:////srv/pressroom/db.sqlite3"),
        ("DATABASE_URL", "postgres://u:p@db.internal:5432"),
        ("PRESSROOM_CACHE_PREFIX", "press room"),
        ("PRESSROOM_TRUSTED_PROXIES", "one"),
        ("PRESSROOM_TRUSTED_PROXIES", "1"),  # a count, as it once was: it cannot be checked
        ("PRESSROOM_TRUSTED_PROXIES", "*"),  # any client's X-Forwarded-For believed
        ("FORWARDED_ALLOW_IPS", "*"),  # gunicorn takes it; the sign-in limit cannot
        ("PRESSROOM_MEDIA_ACCEL_REDIRECT", "protected"),
    ],
)
def test_production_refuses_a_malformed_variable(name, value):
    result = import_prod(PRODUCTION | {name: value})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name} must be" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("REDIS_URL", "redis://:hunter2@cache.internal:port/0"),
        ("DATABASE_URL", "sqlite://admin:hunter2@/srv/db.sqlite3"),
    ],
)
def test_the_message_about_a_malformed_url_leaves_out_its_password(name, url):
    result = import_prod(PRODUCTION | {name: url})
    assert f"{name} must be" in result.stderr
    assert "hunter2" not in result.stderr


@pytest.mark.parametrize(
    ("env", "proxies"),
    [
        ({}, "127.0.0.1,::1"),  # gunicorn's own default: a proxy on the same machine
        ({"FORWARDED_ALLOW_IPS": "10.0.0.5, 10.1.0.0/16"}, "10.0.0.5,10.1.0.0/16"),
        ({"FORWARDED_ALLOW_IPS": "*", "PRESSROOM_TRUSTED_PROXIES": "10.0.0.5"}, "10.0.0.5"),
        ({"PRESSROOM_TRUSTED_PROXIES": ""}, ""),  # reached directly: no proxy believed
    ],
)
def test_the_trusted_proxies_are_gunicorns_unless_told_otherwise(env, proxies):
    code = "from django.conf import settings as s; print(','.join(s.PRESSROOM_TRUSTED_PROXIES))"
    result = in_production(env, code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == proxies


def test_production_starts_with_everything_set():
    result = in_production(
        {
            "DJANGO_ALLOWED_HOSTS": "newsroom.example.org, www.example.org",
            "REDIS_URL": "rediss://:secret@cache.internal:6380/2",
            "PRESSROOM_CACHE_PREFIX": "newsroom-staging",
        },
        "from django.conf import settings as s; from django.core.cache import cache; "
        "import json; print(json.dumps({'hosts': s.ALLOWED_HOSTS, 'cache': s.CACHES, "
        "'db': {k: s.DATABASES['default'][k] for k in ('ENGINE', 'NAME', 'CONN_MAX_AGE', "
        "'CONN_HEALTH_CHECKS')}, 'parser': cache._cache._pool_options['parser_class'].__name__, "
        "'middleware': s.MIDDLEWARE[:3], 'static': s.STORAGES['staticfiles']['BACKEND']}))",
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["hosts"] == ["newsroom.example.org", "www.example.org"]
    cache = found["cache"]["default"]
    assert cache["BACKEND"] == "config.redis_cache.NewsroomRedisCache"
    assert cache["LOCATION"] == "rediss://:secret@cache.internal:6380/2"
    assert cache["KEY_PREFIX"] == "newsroom-staging"
    assert found["parser"] == "_HiredisParser"
    assert found["db"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "pressroom",
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
    }
    # Whitenoise right after SecurityMiddleware, with hashed and compressed static files.
    assert found["middleware"] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "visits.changes.pagecache.CSPMiddleware",
    ]
    assert found["static"] == WHITENOISE_STORAGE


def test_the_cache_prefix_defaults_to_the_sites_name():
    result = in_production({}, "from django.conf import settings as s; print(s.CACHES)")
    assert "'KEY_PREFIX': 'pressroom'" in result.stdout, result.stderr


def test_languages_and_time_zone():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ko", "zh-hans", "ja"]
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "Asia/Seoul"


def run_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean_environment() | {"DJANGO_SETTINGS_MODULE": "config.settings.test"} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_admin_path_is_configurable():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "from django.utils import translation; translation.activate('ko'); "
        "print(reverse('admin:index'))"
    )
    result = run_with({"PRESSROOM_ADMIN_PATH": "/newsroom-desk/"}, code)
    assert result.stdout.strip() == "/ko/newsroom-desk/", result.stderr
    result = run_with({"PRESSROOM_ADMIN_PATH": "../x?y"}, code)
    assert result.returncode != 0
    assert "PRESSROOM_ADMIN_PATH must be a URL path" in result.stderr


def test_deploy_checks_are_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean_environment() | PRODUCTION | {"DJANGO_SETTINGS_MODULE": "config.settings.prod"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# --- media storage --------------------------------------------------------------------

#: What a test learns of the media storage production settings chose.
DESCRIBE_MEDIA = (
    "import json; from django.conf import settings as s; "
    "from django.core.files.storage import storages; from press.media import serves_media; "
    "d = storages['default']; print(json.dumps({"
    "'storage': f'{type(d).__module__}.{type(d).__qualname__}', "
    "'url': d.url('photos/2024/10/pier 1.jpg'), 'media_url': s.MEDIA_URL, "
    "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'served_by_site': serves_media(), "
    "'signed': getattr(d, 'querystring_auth', None), "
    "'overwrites': getattr(d, 'file_overwrite', None), "
    "'acl': getattr(d, 'default_acl', 'n/a')}))"
)
#: Credentials boto3 finds in the environment; nothing here talks to a network.
FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_EC2_METADATA_DISABLED": "true",
}


def media_in_production(env: dict[str, str]) -> dict:
    result = in_production(FAKE_AWS | env, DESCRIBE_MEDIA)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_files_stay_on_disk_without_a_bucket():
    media = media_in_production({"PRESSROOM_MEDIA_ROOT": "/srv/pressroom/media"})
    assert media["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert media["url"] == "/media/photos/2024/10/pier%201.jpg"
    # ...served by press/media.py, each file only while it is public.
    assert media["served_by_site"] is True
    assert media["img_src"] == ["'self'"]


@pytest.mark.parametrize(
    ("env", "media_url"),
    [
        (
            {"AWS_STORAGE_BUCKET_NAME": "press-media", "AWS_S3_REGION_NAME": "ap-northeast-2"},
            "https://press-media.s3.ap-northeast-2.amazonaws.com/",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "press-media", "AWS_S3_REGION_NAME": "us-east-1"},
            "https://press-media.s3.us-east-1.amazonaws.com/",
        ),
        (  # a dot in the name would not match the certificate of *.s3…amazonaws.com
            {"AWS_STORAGE_BUCKET_NAME": "media.example.org", "AWS_S3_REGION_NAME": "eu-west-1"},
            "https://s3.eu-west-1.amazonaws.com/media.example.org/",
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "press-media",
                "AWS_S3_ENDPOINT_URL": "https://objects.example.org:9000/",
            },
            "https://objects.example.org:9000/press-media/",
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "press-media",
                "AWS_S3_REGION_NAME": "ap-northeast-2",
                "AWS_S3_CUSTOM_DOMAIN": "media.example.org",
            },
            "https://media.example.org/",
        ),
    ],
)
def test_media_files_go_to_the_bucket_when_one_is_named(env, media_url):
    media = media_in_production(env)
    assert media["storage"] == "storages.backends.s3.S3Storage"
    assert media["media_url"] == media_url
    # The storage's own URLs are where MEDIA_URL says, plain (not signed, so they stay valid
    # in cached pages and in the rendition URL memo), and the policy lets pages show them.
    assert media["url"] == f"{media_url}photos/2024/10/pier%201.jpg"
    assert media["signed"] is False
    assert media["img_src"] == ["'self'", "/".join(media_url.split("/")[:3])]
    assert media["overwrites"] is False
    assert media["acl"] is None
    assert media["served_by_site"] is False


def test_an_explicit_media_origin_must_be_where_the_files_are():
    bucket = {"AWS_STORAGE_BUCKET_NAME": "press-media", "AWS_S3_REGION_NAME": "ap-northeast-2"}
    same = media_in_production(
        bucket | {"PRESSROOM_MEDIA_ORIGIN": "https://press-media.s3.ap-northeast-2.amazonaws.com"}
    )
    assert same["img_src"] == ["'self'", "https://press-media.s3.ap-northeast-2.amazonaws.com"]
    result = in_production(
        FAKE_AWS | bucket | {"PRESSROOM_MEDIA_ORIGIN": "https://cdn.example.org"}, DESCRIBE_MEDIA
    )
    assert result.returncode != 0
    assert "PRESSROOM_MEDIA_ORIGIN is 'https://cdn.example.org' but the media URLs" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"AWS_S3_REGION_NAME": "ap-northeast-2"}, "set without AWS_STORAGE_BUCKET_NAME"),
        ({"AWS_S3_CUSTOM_DOMAIN": "media.example.org"}, "set without AWS_STORAGE_BUCKET_NAME"),
        ({"AWS_STORAGE_BUCKET_NAME": "press-media"}, "Set AWS_S3_REGION_NAME"),
        (
            {"AWS_STORAGE_BUCKET_NAME": "Press_Media", "AWS_S3_REGION_NAME": "ap-northeast-2"},
            "AWS_STORAGE_BUCKET_NAME must be",
        ),
        (
            {"AWS_STORAGE_BUCKET_NAME": "press-media", "AWS_S3_ENDPOINT_URL": "objects:9000"},
            "AWS_S3_ENDPOINT_URL must be",
        ),
        (
            {
                "AWS_STORAGE_BUCKET_NAME": "press-media",
                "AWS_S3_REGION_NAME": "ap-northeast-2",
                "AWS_S3_CUSTOM_DOMAIN": "https://media.example.org",
            },
            "AWS_S3_CUSTOM_DOMAIN must be",
        ),
    ],
)
def test_half_a_bucket_configuration_is_refused(env, message):
    result = import_prod(PRODUCTION | env)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr


# --- static files ---------------------------------------------------------------------

world = class_data("world", build_world)


@pytest.mark.django_db
def test_every_page_renders_with_the_production_static_files(
    client, admin_client, settings, tmp_path, world
):
    """A template naming a static file that `collectstatic` did not write is a 500 in
    production only (the manifest has no hashed name for it): render every kind of page
    with the production storage, after a real `collectstatic`, and serve one file."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": WHITENOISE_STORAGE}}
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: security + 1],
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE[security + 1 :],
    ]
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]
    assert "css/site.css" in manifest and "admin/css/base.css" in manifest
    # The storage refuses a name that is not in the manifest: what the pages below would do.
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        staticfiles_storage.url("css/no-such-file.css")

    pages = [*public_pages(world, "en").values(), *public_pages(world, "ja").values()]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f"/static/{manifest['css/site.css']}" in response.content.decode(), url
    assert client.get("/en/no-such-page/").status_code == 404
    error_page = server_error(RequestFactory().get("/en/")).content.decode()
    assert f"/static/{manifest['css/error.css']}" in error_page
    client.logout()
    assert client.get(admin_url("press", "pressrelease", "changelist")).status_code == 302
    login = client.get("/en/admin/login/")
    assert login.status_code == 200
    assert f"/static/{manifest['css/admin.css']}" in login.content.decode()
    admin_pages = [
        "/en/admin/",
        admin_url("press", "pressrelease", "add"),
        admin_url("press", "pressrelease", "change", world.release.pk),
        admin_url("press", "pressrelease", "history", world.release.pk),
        admin_url("press", "photo", "upload"),
        admin_url("press", "photo", "change", world.photo.pk),
        admin_url("visits", "visit", "add"),
        admin_url("press", "coverage", "add"),
    ]
    for url in admin_pages:
        assert admin_client.get(url).status_code == 200, url

    # Whitenoise serves the hashed file, compressed, to be kept forever.
    hashed = f"/static/{manifest['css/site.css']}"
    response = client.get(hashed, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    assert re.search(r"max-age=\d{8,}", response["Cache-Control"])


# --- gunicorn -------------------------------------------------------------------------


def gunicorn_config(monkeypatch, **env) -> Config:
    """config/gunicorn.py read as gunicorn reads it: each of its names that is a gunicorn
    setting is set (and validated) on a Config."""
    for name in ("BIND", "PORT", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(ROOT / "config" / "gunicorn.py")).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_gunicorn_configuration_defaults(monkeypatch):
    config = gunicorn_config(monkeypatch)
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == min(2 * len(os.sched_getaffinity(0)) + 1, 12)
    assert config.worker_class_str == "sync"
    assert config.preload_app is True
    assert (config.max_requests, config.max_requests_jitter) == (1000, 100)
    assert config.timeout > config.graceful_timeout > 0
    assert config.accesslog == "-"
    assert config.forwarded_allow_ips == ["127.0.0.1", "::1"]


def test_gunicorn_configuration_from_the_environment(monkeypatch):
    config = gunicorn_config(
        monkeypatch,
        BIND="0.0.0.0:9000, unix:/run/pressroom.sock",
        WEB_CONCURRENCY="3",
        FORWARDED_ALLOW_IPS="10.0.0.0/8",
    )
    assert config.bind == ["0.0.0.0:9000", "unix:/run/pressroom.sock"]
    assert config.workers == 3
    assert config.forwarded_allow_ips == ["10.0.0.0/8"]
    assert gunicorn_config(monkeypatch, PORT="8123").bind == ["127.0.0.1:8123"]
    with pytest.raises(ValueError, match="WEB_CONCURRENCY must be a whole number"):
        gunicorn_config(monkeypatch, WEB_CONCURRENCY="lots")


def gunicorn_check_config(env: dict[str, str]) -> subprocess.CompletedProcess:
    """``gunicorn --check-config``: reads the file and loads the application, serving nothing."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "config/gunicorn.py",
            "--check-config",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=clean_environment() | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_gunicorn_loads_the_application_with_production_settings():
    result = gunicorn_check_config(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    # Without its variables the application does not load (preload_app), and gunicorn
    # says why before forking any worker.
    result = gunicorn_check_config(PRODUCTION | {"REDIS_URL": ""})
    assert result.returncode != 0
    assert "Set the REDIS_URL environment variable" in result.stdout + result.stderr
