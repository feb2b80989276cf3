"""The Content-Security-Policy: on every kind of response, with no 'unsafe-inline' or
'unsafe-eval', and pages that keep to it (no inline styles or event handlers, and no
inline script without the response's nonce), the admin included."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .factories import PhotoFactory, PressReleaseFactory, VisitFactory, png_file
from .test_admin import admin_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = {
    "default-src": {"'self'"},
    "img-src": {"'self'"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}
#: Script types a browser treats as data and never runs (so CSP has nothing to allow).
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def policy_of(response) -> dict[str, set[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def nonce_of(policy) -> str | None:
    nonces = [v for v in policy["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) <= 1
    return nonces[0].removeprefix("'nonce-").removesuffix("'") if nonces else None


def assert_policy(response, extra=None):
    """The policy, as EXPECTED, plus the sources in ``extra`` (directive: set)."""
    policy = policy_of(response)
    for directive, values in EXPECTED.items():
        wanted = values | (extra or {}).get(directive, set())
        assert policy.get(directive) == wanted, (directive, policy.get(directive))
    for directive in ("script-src", "style-src"):
        assert policy[directive] - {f"'nonce-{nonce_of(policy)}'"} == {"'self'"}, directive
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "unsafe-hashes" not in header
    return policy


class InlineCode(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block on a page."""

    def __init__(self, nonce: str | None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.problems.append(f"style attribute on <{tag}>: {attrs['style']}")
        for name in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
        for name in ("href", "src", "action", "formaction"):
            if (attrs.get(name) or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in <{tag} {name}>")
        if tag == "style" and (not self.nonce or attrs.get("nonce") != self.nonce):
            self.problems.append("<style> block without the nonce")
        if tag == "script":
            self.scripts += 1
            kind = (attrs.get("type") or "").strip().lower()
            if "src" in attrs or kind in DATA_SCRIPT_TYPES:
                return
            if not self.nonce or attrs.get("nonce") != self.nonce:
                self.problems.append(f"inline <script type={kind!r}> without the nonce")

    handle_startendtag = handle_starttag


def assert_keeps_to_policy(response, extra=None):
    assert response.status_code == 200, response.status_code
    policy = assert_policy(response, extra)
    parser = InlineCode(nonce_of(policy))
    parser.feed(response.content.decode())
    parser.close()
    assert parser.problems == []
    return parser


@pytest.fixture
def release():
    return PressReleaseFactory(
        title_en="Seoul and Beijing agree to work together on robots",
        body_en="<p>The <strong>mayor</strong> met robot makers.</p>",
        visit=VisitFactory(),
    )


@pytest.fixture
def photo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return PhotoFactory(image=png_file(size=(1600, 1200)), focal_x=20, focal_y=70)


# --- the public site ---------------------------------------------------------------------


def test_public_pages_keep_to_the_policy(client, release, photo):
    urls = [
        "/en/",
        "/ko/",
        "/en/releases/",
        release.get_absolute_url(),
        release.visit.get_absolute_url(),
        f"/en/photos/{photo.pk}/",
        "/en/search/?q=robots",
        "/en/feeds/",
        "/en/coverage/",
    ]
    for url in urls:
        response = client.get(url)
        assert_keeps_to_policy(response)
        # Nothing inline on the public site: its policy has no nonce at all.
        assert nonce_of(policy_of(response)) is None, url


def test_release_page_json_ld_is_a_data_block(client, release):
    html = client.get(release.get_absolute_url()).content.decode()
    assert '<script type="application/ld+json">' in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/feeds/releases.atom", 200),
        ("/sitemap.xml", 200),
        ("/sitemap-releases.xml", 200),
        ("/robots.txt", 200),
        ("/en/admin/", 302),
        ("/en/no-such-page/", 404),
    ],
)
def test_other_responses_carry_the_policy(client, release, url, status):
    response = client.get(url)
    assert response.status_code == status, url
    assert_policy(response)


# --- the admin -------------------------------------------------------------------------


def test_admin_login_keeps_to_the_policy(client):
    assert_keeps_to_policy(client.get("/en/admin/login/"))


def test_admin_pages_keep_to_the_policy(admin_client, release, photo):
    urls = [
        "/en/admin/",
        admin_url("press", "pressrelease", "changelist"),
        admin_url("press", "pressrelease", "add"),
        admin_url("press", "pressrelease", "change", release.pk),
        admin_url("press", "pressrelease", "history", release.pk),
        admin_url("press", "photo", "changelist"),
        admin_url("press", "photo", "change", photo.pk),
        admin_url("press", "photo", "describe") + f"?ids={photo.pk}",
        admin_url("visits", "visit", "changelist"),
        admin_url("visits", "visit", "change", release.visit.pk),
    ]
    for url in urls:
        assert_keeps_to_policy(admin_client.get(url))
    # The batch upload alone may show images made in the browser (blob: object URLs of
    # the files being sent, until their small renditions exist), and nothing else more.
    assert_keeps_to_policy(
        admin_client.get(admin_url("press", "photo", "upload")), extra={"img-src": {"blob:"}}
    )


def test_the_prose_editor_import_map_carries_the_nonce(admin_client, release):
    response = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    nonce = nonce_of(policy_of(response))
    assert nonce
    html = response.content.decode()
    assert re.search(rf'<script[^>]*type="importmap"[^>]*nonce="{re.escape(nonce)}"', html) or (
        re.search(rf'<script[^>]*nonce="{re.escape(nonce)}"[^>]*type="importmap"', html)
    )
    # Each response has a nonce of its own.
    again = admin_client.get(admin_url("press", "pressrelease", "change", release.pk))
    assert nonce_of(policy_of(again)) != nonce


def test_photo_preview_focal_ring_without_inline_style(admin_client, photo):
    html = admin_client.get(admin_url("press", "photo", "change", photo.pk)).content.decode()
    assert 'cx="20%" cy="70%"' in html


# --- settings -----------------------------------------------------------------------


def test_media_origin_is_added_to_img_src():
    code = (
        "import config.settings.base as s; "
        "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = {"PRESSROOM_MEDIA_ORIGIN": "https://media.example.org/", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["'self'", "https://media.example.org"]


def test_media_origin_must_be_an_origin():
    env = {"PRESSROOM_MEDIA_ORIGIN": "https://x.example.org; script-src *", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.base"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "PRESSROOM_MEDIA_ORIGIN must be an origin" in result.stderr
