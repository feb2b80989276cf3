"""Every response carries the browser-side protections, whatever kind of response it is."""

import pytest

from .factories import PressReleaseFactory
from .test_settings import PRODUCTION, import_prod

pytestmark = pytest.mark.django_db

#: One response of each kind, with the status it must have once there is content.
URLS = [
    ("/en/", 200),
    ("/ko/releases/", 200),
    ("/ja/search/?q=로봇", 200),
    ("/en/feeds/releases.atom", 200),
    ("/sitemap.xml", 200),
    ("/sitemap-releases.xml", 200),
    ("/robots.txt", 200),
    ("/en/admin/login/", 200),
    ("/en/admin/", 302),
    ("/en/no-such-page/", 404),
]


@pytest.fixture
def content():
    """A public release (on a public trip), so that feeds and sitemap sections have items."""
    return PressReleaseFactory(title_en="Seoul robots", title_ko="서울 로봇")


@pytest.mark.parametrize(("url", "status"), URLS)
def test_security_headers_on_every_response(client, content, url, status):
    response = client.get(url)
    assert response.status_code == status, url
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_production_adds_hsts_and_secure_cookies():
    result = import_prod(
        PRODUCTION,
        code="import config.settings.prod as s; print(s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True"]
