"""What a translated form says about its languages, without JavaScript (visits.adminkit.tabs):
the summary of each language's state at the top, the per-language attributes the tabs are
marked from, and the source text under each field of another language; and the compact
changelist columns (visits.adminkit.columns). The browser side is
tests/test_browser_admin_fit.py."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

from press.models import PressRelease
from visits.adminkit.columns import compact_datetime, short_text

from .factories import PressReleaseFactory, VisitFactory, assign_languages
from .test_admin import admin_url

pytestmark = pytest.mark.django_db

BODY_KO = "<p>서울과 베이징이 로봇 분야에서 협력한다.</p>"


@pytest.fixture
def release():
    """Korean original and ready; English title only (incomplete); Japanese filled but
    not ready; Chinese empty."""
    return PressReleaseFactory(
        original_language="ko",
        title_en="Seoul and Beijing agree on robots",
        lead_en="",
        body_en="",
        title_ko="서울·베이징 로봇 협력 <합의>",
        body_ko=BODY_KO,
        title_ja="ソウルと北京がロボットで協力",
        body_ja="<p>協力する。</p>",
        ready_en=True,
        ready_ko=True,
        ready_ja=False,
    )


def change_page(client, obj, app="press", model="pressrelease", language="en"):
    response = client.get(admin_url(app, model, "change", obj.pk, language=language))
    assert response.status_code == 200
    return response.content.decode()


def summary_states(html: str) -> dict[str, str]:
    block = re.search(r'<div class="translation-status".*?</div>', html, re.S)
    assert block, "no language summary on the form"
    return dict(re.findall(r'data-mt-lang="([\w-]+)" data-mt-state="([\w-]+)"', block.group()))


def field_tag(html: str, name: str) -> str:
    return re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', html).group()


def source_after(html: str, name: str) -> str | None:
    """The source <details> that follows the field ``name``, if any."""
    match = re.search(rf'name="{name}".*?(?=<div class="mt-with-source">|</fieldset>)', html, re.S)
    details = re.search(r'<details class="mt-source".*?</details>', match.group(), re.S)
    return details.group() if details else None


def test_the_summary_names_each_languages_state(admin_client, release):
    html = change_page(admin_client, release)
    assert summary_states(html) == {
        "en": "incomplete",  # a title, no text
        "ko": "complete",
        "zh-hans": "empty",
        "ja": "not-ready",  # filled but not marked ready
    }
    text = unescape(re.sub(r"<[^>]+>|\s+", " ", html))
    assert "한국어 (source language) complete" in re.sub(r"\s+", " ", text)
    assert "日本語 not ready" in re.sub(r"\s+", " ", text)
    assert 'data-mt-ready-input="ready_ja"' in html  # the JS follows the checkbox
    # Marks are drawn by the stylesheet: no inline style for the Content-Security-Policy.
    assert 'style="' not in html.split('class="translation-status"')[1].split("</ul>")[0]


def test_the_summary_speaks_the_editors_language(admin_client, release):
    html = change_page(admin_client, release, language="ja")
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    assert "この項目の言語" in text
    assert "日本語 準備未完了" in text and "简体中文 未入力" in text
    assert "原文\N{FULLWIDTH COLON}한국어" in text


def test_each_translated_field_says_its_language_and_state(admin_client, release):
    html = change_page(admin_client, release)
    zh = field_tag(html, "title_zh_hans")
    assert 'data-mt-lang="zh-hans"' in zh and 'data-mt-state="empty"' in zh
    ja = field_tag(html, "title_ja")
    assert 'data-mt-state="filled"' in ja and 'data-mt-ready="no"' in ja
    assert 'data-mt-key="1"' in ja  # the title decides whether a language is complete
    assert 'data-mt-key="1"' not in field_tag(html, "subtitle_ja")
    assert 'data-mt-ready="yes"' in field_tag(html, "title_ko")


def test_fields_of_other_languages_show_the_source_text(admin_client, release):
    html = change_page(admin_client, release)
    # The original (Korean) is the source: none beside its own fields.
    assert source_after(html, "title_ko") is None
    for name in ("title_en", "title_zh_hans", "title_ja"):
        details = source_after(html, name)
        assert details is not None, name
        assert "Source: 한국어" in details
        assert 'lang="ko"' in details
    # Plain text escaped once; rich text as it is stored (and sanitised).
    assert "서울·베이징 로봇 협력 &lt;합의&gt;" in source_after(html, "title_ja")
    assert BODY_KO in source_after(html, "body_zh_hans")
    # A field the source lacks (the Korean subtitle) has no source to show.
    assert source_after(html, "subtitle_en") is None


def test_rich_source_text_is_sanitised_again(admin_client, release):
    PressRelease.objects.filter(pk=release.pk).update(
        body_ko='<p onclick="x()">본문</p><script>alert(1)</script>'
    )
    details = source_after(change_page(admin_client, release), "body_en")
    assert "본문" in details
    assert "<script" not in details and "onclick" not in details


def test_without_an_original_the_first_filled_language_is_the_source(admin_client):
    trip = VisitFactory(title_en="", summary_en="", title_ko="베이징 순방", summary_ko="요약")
    html = change_page(admin_client, trip, app="visits", model="visit")
    assert "Source: 한국어" in source_after(html, "title_en")
    assert source_after(html, "title_ko") is None
    states = summary_states(html)
    assert states["en"] == "empty" and states["ko"] == "complete"
    assert "not-ready" not in states.values()  # trips have no ready marks


def test_a_preferred_language_hook_chooses_the_source(admin_client, release, monkeypatch):
    from press.admin.releases import PressReleaseAdmin

    monkeypatch.setattr(PressReleaseAdmin, "preferred_source_language", lambda self, r: "en")
    html = change_page(admin_client, release)
    assert "Source: English" in source_after(html, "title_ja")
    assert source_after(html, "title_en") is None


def test_a_translator_sees_the_source_beside_the_language_they_translate(client, release):
    translator = User.objects.create_user("translator", password="x", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translator"))
    assign_languages(translator, "ja")
    client.force_login(translator)
    html = change_page(client, release)
    assert "Source: 한국어" in source_after(html, "title_ja")
    assert summary_states(html)["ja"] == "not-ready"


def test_an_add_form_has_no_summary_and_no_source(admin_client):
    response = admin_client.get(admin_url("press", "pressrelease", "add"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="translation-status"' not in html
    assert 'class="mt-source"' not in html
    assert 'data-mt-state="empty"' in field_tag(html, "title_ja")


def test_the_tabs_script_comes_after_modeltranslations(admin_client, release):
    html = change_page(admin_client, release)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    tabs = scripts.index("/static/modeltranslation/js/tabbed_translation_fields.js")
    assert scripts.index("/static/js/translation_tabs.js") > tabs
    assert "/static/css/translation_tabs.css" in html


# --- compact changelist columns -------------------------------------------------------


def test_a_long_trip_title_is_cut_with_the_whole_title_kept():
    title = "Mayor Oh Se-hoon in Paris, Chongqing and Beijing"
    html = str(short_text(title))
    assert f'title="{title}"' in html
    assert f'<span class="visually-hidden">{title}</span>' in html
    assert "Mayor Oh Se-hoon in Paris…" in html
    assert str(short_text("Beijing")) == "Beijing"
    assert short_text(None) == ""


@override_settings(TIME_ZONE="Asia/Seoul")
def test_a_date_and_time_on_two_short_lines():
    from datetime import UTC, datetime

    html = str(compact_datetime(datetime(2024, 8, 1, 0, 30, tzinfo=UTC)))
    assert 'datetime="2024-08-01T09:30:00+09:00"' in html
    assert "<br>" in html
    assert compact_datetime(None) == ""


def test_the_release_list_shows_title_number_short_trip_and_time(admin_client):
    trip = VisitFactory(title_en="Mayor Oh Se-hoon in Paris, Chongqing and Beijing")
    PressReleaseFactory(visit=trip, title_en="Robots", number="SMG-2024-0731-01")
    html = admin_client.get(admin_url("press", "pressrelease", "changelist")).content.decode()
    assert re.search(r"Robots</a>|Robots<span", html)
    assert '<span class="row-detail">SMG-2024-0731-01</span>' in html
    assert 'title="Mayor Oh Se-hoon in Paris, Chongqing and Beijing"' in html
    assert '<time datetime="' in html
    for column in ("column-trip", "column-status", "column-public", "column-translations"):
        assert column in html


def test_the_release_list_costs_the_same_queries_for_more_rows(
    admin_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = admin_url("press", "pressrelease", "changelist")
    PressReleaseFactory()
    admin_client.get(url)  # warm the session and the content types
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    PressReleaseFactory.create_batch(4)
    with CaptureQueriesContext(connection) as five:
        admin_client.get(url)
    assert len(five) == len(one)
