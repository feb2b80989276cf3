"""Every response carries the browser-side protections, whatever kind of response it is."""

import pytest

from .test_settings import import_prod

pytestmark = pytest.mark.django_db

URLS = [
    "/en/",
    "/ko/releases/",
    "/ja/search/?q=로봇",
    "/en/feeds/releases.atom",
    "/sitemap.xml",
    "/robots.txt",
    "/en/admin/login/",
    "/en/no-such-page/",
]


@pytest.mark.parametrize("url", URLS)
def test_security_headers_on_every_response(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_adds_hsts_and_secure_cookies():
    result = import_prod(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "newsroom.example.org",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/pressroom",
        },
        code="import config.settings.prod as s; print(s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True"]
