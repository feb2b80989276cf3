"""Known XSS payloads never reach a public page or feed as markup, by any way in.

Each payload group is one test per way in: through the real admin change forms, as a
superuser; and through the models, as imports and scripts save rows (no form, so no
editor's sanitiser: what is left is press.sanitize, on save). Every payload becomes one
release (title, lead and rich-text body) with one coverage item (headline and summary),
and the group's trip gets all of them in its summary. Then an anonymous reader fetches
every page and feed that shows them, and each response is parsed (html.parser,
xml.etree): text that merely *shows* ``<script>`` is fine, markup that would run is not.
"""

import datetime
import hashlib
import io
import json
import re
import tarfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from press import backup
from press.feeds.base import xml_safe
from press.models import Coverage, PressRelease
from visits.models import Visit
from visits.publishing import Status

from .factories import CoverageFactory, OutletFactory, PressReleaseFactory, VisitFactory
from .test_admin import admin_url, messages_in, post_data

pytestmark = pytest.mark.django_db

#: A word in every release title, for the search page.
CANARY = "Xsscanary"

#: Payload groups, one payload a line. Each group is one test (one trip, a release and a
#: coverage item per payload), so the whole list runs in a few seconds.
PAYLOAD_GROUPS: dict[str, list[str]] = {
    # <script> elements: plain, mixed case, nested, broken apart, with src
    "script": [
        "<script>alert(1)</script>",
        "<ScRiPt>alert(1)</sCrIpT>",
        "<script><script>alert(1)</script></script>",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        '<script src="https://evil.example/x.js"></script>',
        "<script/xss src=//evil.example/x.js></script>",
    ],
    # event handlers on img, svg, body, details, video, iframe, input
    "handlers": [
        "<img src=x onerror=alert(1)>",
        '<img src="x" onerror="alert(1)">',
        "<IMG SRC=x OnErRoR=alert(1)>",
        "<body onload=alert(1)>",
        '<p onmouseover="alert(1)">hover</p>',
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<iframe onload=alert(1)></iframe>",
        "<a href=https://example.org onclick=alert(1)>x</a>",
    ],
    # javascript: and vbscript: URLs, plain, entity-encoded, split, upper case, spaced
    "js_urls": [
        '<a href="javascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">x</a>',
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href="java\nscript:alert(1)">x</a>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href=" javascript:alert(1)">x</a>',
        '<a href="\x01\x02 javascript:alert(1)">x</a>',
        '<a href="&#09;javascript:alert(1)">x</a>',
        '<a href="javascript&colon;alert(1)">x</a>',
    ],
    # data: URLs: HTML, base64 HTML, SVG
    "data_urls": [
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    ],
    # SVG: script, onload, xlink:href, animate
    "svg": [
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=alert(1)>",
        '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        '<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>',
    ],
    # CSS: url(javascript:), expression(), @import, -moz-binding
    "css": [
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<p style="width:expression(alert(1))">x</p>',
        '<style>@import "https://evil.example/x.css";</style>',
        '<p style="-moz-binding:url(https://evil.example/x.xml#xss)">x</p>',
        "<style>body{background:url(javascript:alert(1))}</style>",
    ],
    # embedding elements: iframe srcdoc, object, embed, form, meta, base, link
    "embedding": [
        '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
        '<object data="javascript:alert(1)"></object>',
        '<embed src="javascript:alert(1)">',
        '<form action="javascript:alert(1)"><button>x</button></form>',
        '<button formaction="javascript:alert(1)">x</button>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="https://evil.example/">',
        '<link rel="import" href="https://evil.example/x.html">',
    ],
    # template injection: Django, Jinja, JS template literals
    "templates": [
        "{{7*7}}",
        "{{1337*1337}}",
        "{% debug %}",
        "{% load static %}{% static 'x' %}",
        "${7*7}",
    ],
    # breaking out of an attribute or a text context
    "breakouts": [
        '"><script>alert(1)</script>',
        "'><script>alert(1)</script>",
        "' onmouseover='alert(1)",
        '" onmouseover="alert(1)',
        "</title><script>alert(1)</script>",
        "</p></div><script>alert(1)</script>",
    ],
    # comments and CDATA
    "comments": [
        "<!--<script>alert(1)</script>-->",
        "<!--><script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    ],
    # malformed markup: unclosed tags, doubled brackets, null bytes
    "malformed": [
        "<img src=x onerror=alert(1)",
        "<<script>>alert(1)<</script>>",
        "<script>alert(1)",
        "<a href='javascript:alert(1)'",
        "<scr\x00ipt>alert(1)</scr\x00ipt>",
        "<img src=x o\x00nerror=alert(1)>",
    ],
    # mutation XSS through the parser: math, noscript, template, textarea
    "mutation": [
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></math>",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        "<math><style><img src=x onerror=alert(1)></style></math>",
        '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
        "<template><script>alert(1)</script></template>",
        "<textarea></textarea><script>alert(1)</script>",
    ],
}
PAYLOADS = [payload for group in PAYLOAD_GROUPS.values() for payload in group]

#: Attributes that browsers load or follow as a URL.
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "cite",
    "ping",
}
#: Elements no user content may ever add to a page: embedding and styling; SVG and
#: MathML (scriptable, and foreign content is where mutation XSS starts); and raw-text
#: elements, whose content browsers read as text where html.parser reads markup.
FORBIDDEN_TAGS = {
    *("iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"),
    *("svg", "math", "animate", "set", "foreignobject"),
    *("noscript", "noembed", "noframes", "xmp", "plaintext", "template", "textarea"),
}
#: The coverage report's own bar chart (templates/includes/coverage_chart.html), the one
#: SVG a page may carry: recognised by its class, and holding only these plain shapes.
OWN_CHART = ("class", "chart__svg")
OWN_CHART_TAGS = {"svg", "title", "desc", "rect", "text", "line"}
#: The start of a URL that runs code, once a browser has removed what it ignores.
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html")
#: What a browser drops from a URL before reading its scheme.
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
DANGEROUS_CSS = ("expression(", "javascript:", "vbscript:", "-moz-binding", "behavior:", "@import")
#: What `{{1337*1337}}` would become if user text were ever evaluated as a template.
EVALUATED = str(1337 * 1337)


class MarkupChecker(HTMLParser):
    """Walks the tags and attributes of a page; text (escaped markup) is not looked at.

    ``own_scripts``: the site's own JSON-LD blocks are allowed (on pages, not in feed
    content), and each must be valid JSON with no ``<`` that could end the element.
    """

    def __init__(self, where: str, own_scripts: bool):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.own_scripts = own_scripts
        self.problems: list[str] = []
        self.json_ld: list[str] | None = None
        self.in_own_chart = False

    def problem(self, text: str):
        self.problems.append(f"{self.where}: {text}")

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        shown = self.get_starttag_text()
        names = {name.lower() for name, _value in attrs}
        if tag == "script":
            if self.own_scripts and attrs == [("type", "application/ld+json")]:
                self.json_ld = []
            else:
                self.problem(f"script element {shown!r}")
        if tag == "svg" and self.own_scripts and OWN_CHART in attrs and not self.in_own_chart:
            self.in_own_chart = True
        elif self.in_own_chart and tag not in OWN_CHART_TAGS:
            self.problem(f"{tag} element in the chart {shown!r}")
        elif tag in FORBIDDEN_TAGS and not (self.in_own_chart and tag in OWN_CHART_TAGS):
            self.problem(f"{tag} element {shown!r}")
        if tag == "meta" and "http-equiv" in names:
            self.problem(f"meta http-equiv {shown!r}")
        if tag == "link" and dict(attrs).get("rel", "").lower() == "import":
            self.problem(f"link rel=import {shown!r}")
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self.problem(f"event handler {name} in {shown!r}")
            if name == "srcdoc":
                self.problem(f"srcdoc in {shown!r}")
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                url = IGNORED_IN_URL.sub("", value).lower()
                if url.startswith(DANGEROUS_SCHEMES) or url.startswith("data:image/svg"):
                    self.problem(f"{name}={value!r} in {shown!r}")
            if name == "style":
                css = IGNORED_IN_URL.sub("", value).lower()
                if any(bad in css for bad in DANGEROUS_CSS):
                    self.problem(f"style={value!r} in {shown!r}")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() == "script":
            self.handle_endtag(tag)

    def handle_comment(self, data):
        # Browsers end a comment where html.parser may not (``<!-->``): what it holds
        # must be harmless as markup too.
        self.problems += MarkupChecker(f"{self.where} (in a comment)", False).check(data)

    def unknown_decl(self, data):  # <![CDATA[...]]>
        self.handle_comment(data)

    def handle_data(self, data):
        if self.json_ld is not None:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        if tag.lower() == "svg":
            self.in_own_chart = False
        if tag.lower() == "script" and self.json_ld is not None:
            text, self.json_ld = "".join(self.json_ld), None
            if "<" in text:
                self.problem(f"unescaped '<' in JSON-LD {text[:200]!r}")
            try:
                json.loads(text)
            except ValueError:
                self.problem(f"JSON-LD broken open: {text[:200]!r}")

    def check(self, html: str) -> list[str]:
        self.feed(html)
        self.close()
        if self.json_ld is not None:
            self.problem("JSON-LD script never closed")
        return self.problems


def markup_problems(html: str, where: str, own_scripts: bool = True) -> list[str]:
    problems = MarkupChecker(where, own_scripts).check(html)
    if EVALUATED in html:
        problems.append(f"{where}: a template expression was evaluated ({EVALUATED})")
    return problems


ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


def feed_problems(xml: bytes, where: str, titles: set[str]) -> list[str]:
    """Entry HTML (summary, content, description) is checked as a reader renders it; a
    title must be plain text that arrives exactly as typed, never as HTML."""
    problems = []
    root = ET.fromstring(xml)  # well-formed: nothing broke out of an element
    entries = root.findall(f"{ATOM}entry") or root.findall("channel/item")
    assert entries, f"{where}: no entries"
    for entry in entries:
        for element in entry.iter():
            name = element.tag
            if name in {f"{ATOM}title", "title"}:
                if element.get("type", "text") != "text":
                    problems.append(f"{where}: a title of type {element.get('type')}")
                if (element.text or "") not in titles:
                    problems.append(f"{where}: unexpected title {element.text!r}")
            elif name in {f"{ATOM}summary", f"{ATOM}content", "description", CONTENT_ENCODED}:
                problems += markup_problems(element.text or "", f"{where} {name}", False)
            for attribute, value in element.attrib.items():
                if attribute in {"href", "url"}:
                    url = IGNORED_IN_URL.sub("", value).lower()
                    if not url.startswith(("http://", "https://")):
                        problems.append(f"{where}: {attribute}={value!r}")
    return problems


#: The fields that tell two objects of a model apart on their admin change form.
IDENTITY = {"pressrelease": ("slug", "number"), "coverage": ("url",), "visit": ("slug",)}


def publish(admin_client, forms: dict, app_label, model_name, obj, fields: dict) -> bool:
    """Post ``fields`` through the object's admin change form and publish it; False if
    the admin refused the input (only null characters may be refused).

    The form's other values are read from the first object of each model (``forms``
    keeps them): the factories make every object of a test alike but for ``IDENTITY``,
    and a change form takes ~10 times longer to render than to post."""
    url = admin_url(app_label, model_name, "change", obj.pk)
    if model_name not in forms:
        forms[model_name] = post_data(admin_client.get(url))
    data = dict(forms[model_name])
    for name in (*IDENTITY[model_name], "lock_version"):
        if name in data:
            data[name] = str(getattr(obj, name))
    an_hour_ago = timezone.localtime() - datetime.timedelta(hours=1)
    data.update(
        {
            **fields,
            "status": Status.PUBLISHED,
            "published_at_0": an_hour_ago.date().isoformat(),
            "published_at_1": an_hour_ago.time().replace(microsecond=0).isoformat(),
        }
    )
    response = admin_client.post(url, data)
    if response.status_code == 200:
        errors = messages_in(response)
        assert "Null characters are not allowed" in errors, errors
        assert any("\x00" in value for value in fields.values())
        return False
    assert response.status_code == 302, response.status_code
    return True


def public_urls(trip, releases, coverage, languages) -> tuple[list[str], list[str]]:
    """(pages, feeds) an anonymous reader sees the items on, in each of ``languages``."""
    pages, feeds = [], []
    for code in languages:
        with translation.override(code):
            pages += [
                reverse("press:home"),
                reverse("press:release_list"),
                reverse("press:coverage_list"),
                f"{reverse('visits:search')}?q={CANARY}",
                trip.get_absolute_url(),
                *(release.get_absolute_url() for release in releases),
                *(reverse("press:coverage_detail", args=[item.pk]) for item in coverage),
            ]
            feeds += [reverse(f"press:release_feed_{fmt}") for fmt in ("atom", "rss")]
            for kind, items in (("release", releases), ("coverage", coverage)):
                if items:
                    feeds += [
                        reverse(f"press:trip_{kind}_feed_{fmt}", kwargs={"slug": trip.slug})
                        for fmt in ("atom", "rss")
                    ]
    return pages, feeds


def assert_inert(public_client, *, trip, releases, coverage, payloads, titles, languages):
    """Every page and feed showing the trip, ``releases`` and ``coverage`` answers 200 to
    an anonymous reader, shows the payloads' items, and holds no markup that would run."""
    pages, feeds = public_urls(trip, releases, coverage, languages)
    with_payloads = set()
    for code in languages:
        with translation.override(code):
            with_payloads |= {trip.get_absolute_url(), *(r.get_absolute_url() for r in releases)}
    problems = []
    for url in pages:
        response = public_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        problems += markup_problems(html, url)
        if "?q=" in url or url in with_payloads or "/releases/" in url:
            assert CANARY in html, url  # the payloads are on the page being checked
        if url in with_payloads:
            # Shown as the text editors typed: escaped, not evaluated.
            for payload in payloads:
                if payload.startswith("{") and "\x00" not in payload:
                    assert payload.replace("'", "&#x27;") in html, (url, payload)
    for url in feeds:
        response = public_client.get(url)
        assert response.status_code == 200, url
        problems += feed_problems(response.content, url, titles)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("group", PAYLOAD_GROUPS)
def test_payloads_from_the_admin_stay_inert_on_every_page_and_feed(
    admin_client, public_client, group
):
    payloads = PAYLOAD_GROUPS[group]
    trip = VisitFactory(draft=True)
    outlet = OutletFactory()
    forms = {}
    clean = [payload for payload in payloads if "\x00" not in payload]
    trip_fields = {
        "title_en": f"Trip {group} {payloads[0]}"[:250],
        "summary_en": "\n".join(payloads),
    }
    if not publish(admin_client, forms, "visits", "visit", trip, trip_fields):
        # The admin refuses null characters: the trip goes out with the other payloads.
        trip_fields = {"title_en": f"Trip {group} {clean[0]}"[:250], "summary_en": "\n".join(clean)}
        assert publish(admin_client, forms, "visits", "visit", trip, trip_fields)

    releases, coverage, titles = [], [], set()
    for number, payload in enumerate(payloads):
        release = PressReleaseFactory(draft=True, ready_en=False, visit=trip)
        title = f"{CANARY} {number} {payload}"
        stored = publish(
            admin_client,
            forms,
            "press",
            "pressrelease",
            release,
            {"title_en": title, "lead_en": payload, "body_en": payload, "ready_en": "on"},
        )
        if not stored:
            continue
        releases.append(release)
        titles.add(xml_safe(title))
        item = CoverageFactory(draft=True, visit=trip, outlet=outlet, releases=[release])
        publish(
            admin_client,
            forms,
            "press",
            "coverage",
            item,
            {"headline": f"{CANARY} {number} {payload}", "summary": payload},
        )
        coverage.append(item)
        titles.add(xml_safe(f"{CANARY} {number} {payload}"))

    assert releases or all("\x00" in payload for payload in payloads)
    trip.refresh_from_db()
    assert trip.status == Status.PUBLISHED
    assert PressRelease.objects.published().count() == len(releases)
    assert Coverage.objects.published().count() == len(coverage)
    assert_inert(
        public_client,
        trip=trip,
        releases=releases,
        coverage=coverage,
        payloads=payloads,
        titles=titles,
        languages=("en",),
    )


@pytest.mark.parametrize("group", PAYLOAD_GROUPS)
def test_payloads_saved_through_the_models_stay_inert_on_every_page_and_feed(public_client, group):
    """The way in of imports and scripts: rows saved through the models, with no form in
    between. In the admin the editor's own sanitiser cleans rich text first, so only here
    does a page show what press.sanitize alone made of it (on save, in each language)."""
    # PostgreSQL cannot store a NUL in text, and the admin refuses one: the admin's test
    # covers those payloads.
    payloads = [payload for payload in PAYLOAD_GROUPS[group] if "\x00" not in payload]
    trip = VisitFactory(
        title_en=f"Trip {group} {payloads[0]}"[:250], summary_en="\n".join(payloads)
    )
    outlet = OutletFactory()
    releases, coverage, titles = [], [], set()
    for number, payload in enumerate(payloads):
        title_en, title_ko = f"{CANARY} {number} {payload}", f"{CANARY} {number} 국문 {payload}"
        release = PressReleaseFactory(
            visit=trip,
            title_en=title_en,
            lead_en=payload,
            body_en=payload,
            title_ko=title_ko,
            lead_ko=payload,
            body_ko=payload,
        )
        item = CoverageFactory(
            visit=trip, outlet=outlet, releases=[release], headline=title_en, summary=payload
        )
        releases.append(release)
        coverage.append(item)
        titles |= {xml_safe(title_en), xml_safe(title_ko)}

    assert PressRelease.objects.published().count() == len(payloads)
    assert_inert(
        public_client,
        trip=trip,
        releases=releases,
        coverage=coverage,
        payloads=payloads,
        titles=titles,
        languages=("en", "ko"),
    )


def rewrite_rows(source, target, change) -> None:
    """Copy the backup archive ``source`` to ``target`` with ``change(row)`` applied to
    each row of its data, and its manifest made to match: an archive a restore accepts.
    Its media files are copied as they are, so the manifest's list of them stays true."""
    with tarfile.open(source) as tar:
        manifest = json.load(tar.extractfile(backup.MANIFEST))
        lines = tar.extractfile(backup.DATA).read().decode().splitlines()
        media = [
            (member, tar.extractfile(member).read())
            for member in tar.getmembers()
            if member.name.startswith(backup.MEDIA)
        ]
    rows = [json.loads(line) for line in lines]
    for row in rows:
        change(row)
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    manifest["data"] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    with tarfile.open(target, "w:gz") as tar:
        for name, body in ((backup.DATA, data), (backup.MANIFEST, json.dumps(manifest).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
        for member, body in media:
            tar.addfile(member, io.BytesIO(body))


def test_payloads_in_a_restored_archive_stay_inert(public_client, tmp_path, settings):
    """A restore is a way in too: an archive is a file from elsewhere, and its rows are
    loaded without save()'s sanitising (Django saves deserialised rows raw)."""
    # An empty storage of its own: files earlier tests left would be in the backup, and
    # the restore refuses a storage that already holds an archive's files.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    payloads = [payload for payload in PAYLOADS if "\x00" not in payload]
    trip = VisitFactory(title_en="Trip restored")
    release = PressReleaseFactory(visit=trip, title_en=f"{CANARY} restored")
    archive, hostile = tmp_path / "backup.tar.gz", tmp_path / "hostile.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    def put_payloads(row):
        if row["model"] == "press.pressrelease":
            row["fields"]["body"] = row["fields"]["body_en"] = "\n".join(payloads)

    rewrite_rows(archive, hostile, put_payloads)
    for model in reversed(backup.backed_up_models()):
        if model._meta.label_lower not in backup.MIGRATION_MADE:
            model._base_manager.all().delete()
    call_command("restore", str(hostile), verbosity=0)

    assert_inert(
        public_client,
        trip=Visit.objects.get(pk=trip.pk),
        releases=[PressRelease.objects.get(pk=release.pk)],
        coverage=[],
        payloads=[],
        titles={f"{CANARY} restored"},
        languages=("en",),
    )


def test_the_payload_list_covers_every_kind():
    assert len(PAYLOADS) >= 60
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_the_checker_finds_live_markup_and_ignores_escaped_text():
    live = (
        '<p><script>alert(1)</script><img src=x onerror=alert(1)><a href=" java\tscript:x">'
        '<iframe srcdoc="x"></iframe><p style="x:expression(1)">'
        '<meta http-equiv="refresh" content="0"><svg><a xlink:href="data:text/html,x">'
        '<script type="application/ld+json">{"a": "</p>"}</script>'
    )
    found = "\n".join(markup_problems(live, "page"))
    for expected in (
        "script element",
        "event handler onerror",
        "href=",
        "iframe element",
        "srcdoc",
        "style=",
        "meta http-equiv",
        "xlink:href",
        "JSON-LD",
    ):
        assert expected in found
    # Where browsers and html.parser part ways: both are caught.
    assert markup_problems("<!--><script>alert(1)</script>-->", "page")
    assert markup_problems('<noscript><p title="</noscript><img onerror=x>">', "page")
    escaped = "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img onerror=alert(1)&gt;</p>"
    assert markup_problems(escaped, "page") == []
    assert markup_problems('<script type="application/ld+json">{"a": 1}</script>', "p") == []
    assert markup_problems(f"<p>{EVALUATED}</p>", "page")
