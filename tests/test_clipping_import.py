# Articles in Korean and English: long lines are meant.
# ruff: noqa: E501
"""The coverage desk's last step (`press.clippings.importing`) and ``manage.py
import_clippings``: what a clipping becomes (a coverage or release draft, with the clipping
archived), all or nothing; what is refused and why; duplicates; the dry run and the exit
status.

The clippings are ours: facts from TRIPS.md, our own wording, in the shapes the issue
names (a portal's paste, an outlet's page, the city's release page).
"""

import datetime as dt
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from press.clippings import importing
from press.clippings.importing import recognise_batch, save_recognition
from press.clippings.results import Recognition, Refused, Source
from press.models import Clipping, Coverage, Outlet, PressRelease
from visits.models import Engagement
from visits.publishing import Status

from .factories import CityFactory, LegFactory, OutletFactory, PersonFactory, VisitFactory

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")

# A news portal's copy of a Herald Economy article (Korean): portal furniture, the byline
# with the filing city, the reporter's e-mail and the copyright line.
HERALD = """다음뉴스
헤럴드경제
오세훈, 베이징 로봇센터에서 '톈궁' 달리기 지켜봐
베이징=헤럴드경제 김우영 기자 2024. 8. 4. 11:18
글씨크기 조절하기
인쇄하기
오세훈 서울시장이 지난달 31일 오전 베이징 경제기술개발구(이좡)의 휴머노이드 로봇 혁신센터를 찾았다.

이 센터는 중국에서 처음 문을 연 성급 휴머노이드 로봇 혁신센터로, 베이징시 경제정보화국과 샤오미 로보틱스, 유비텍 등이 함께 세웠다.

오 시장은 전기로만 움직이는 휴머노이드 로봇 '톈궁'이 시속 6㎞로 달리는 모습과 로봇 팔, 전자 피부를 차례로 살펴봤다.

woo0@heraldcorp.com

Copyright © 헤럴드경제. 무단전재 및 재배포 금지.

이 기사 어떠셨나요?
"""

# An outlet's own page (English) from an outlet the newsroom does not know: no byline and
# no date, the outlet named only in its closing line.
RIVER = """Seoul mayor watches a humanoid robot run in Beijing

The stop was one of several at technology sites in the Chinese capital

Seoul Mayor Oh Se-hoon stopped at the Beijing Humanoid Robot Innovation Center in the city's E-Town district, where the all-electric humanoid Tiangong ran for him at six kilometers an hour.

The center, the first of its kind at provincial level in China, was set up by a city bureau together with companies including Xiaomi Robotics and UBTech.

© Han River Herald (hanriverherald.kr). All rights reserved.
"""

# The city's own release page (English), as its website shows it.
RELEASE = """Seoul Metropolitan Government
English
Press Releases
Home
News
Press Releases
Seoul Mayor sees Beijing's humanoid robot center and meets Korean companies
SMG 512
Date : 2024.08.01
SEOUL, SOUTH KOREA, August 1, 2024 — Seoul Mayor Oh Se-hoon ended his visit to Beijing today with a meeting with about 30 Korean companies working in the city.

On July 31 the mayor saw the Beijing Humanoid Robot Innovation Center in E-Town, where:
• the humanoid robot Tiangong ran at 6 km/h
• robot arms and electronic skin were shown

Seoul will draw on the visit for its own robot industry plan.

List
Copyright © Seoul Metropolitan Government. All rights reserved.
"""

HERALD_HEADLINE = "오세훈, 베이징 로봇센터에서 '톈궁' 달리기 지켜봐"
RIVER_HEADLINE = "Seoul mayor watches a humanoid robot run in Beijing"
RELEASE_TITLE = "Seoul Mayor sees Beijing's humanoid robot center and meets Korean companies"


@pytest.fixture
def trip():
    return make_trip()


def make_trip():
    """Trip A's Beijing days (TRIPS.md), with the robot centre visit, and Herald Economy."""
    oh = PersonFactory(name_en="Oh Se-hoon", name_ko="오세훈", name_zh_hans="吴世勋")
    visit = VisitFactory(
        title_en="Mayor Oh Se-hoon in Beijing",
        title_ko="오세훈 시장 베이징 방문",
        slug="oh-se-hoon-beijing-2024",
        official=oh,
        start_date=dt.date(2024, 7, 24),
        end_date=dt.date(2024, 8, 1),
    )
    beijing = CityFactory(name_en="Beijing", name_ko="베이징", name_zh_hans="北京")
    leg = LegFactory(visit=visit, city=beijing)
    Engagement.objects.create(
        visit=visit,
        leg=leg,
        date=dt.date(2024, 7, 31),
        kind=Engagement.Kind.SITE_VISIT,
        title_en="Beijing Humanoid Robot Innovation Center",
        title_ko="베이징 휴머노이드 로봇 혁신센터",
        title_zh_hans="北京人形机器人创新中心",
    )
    OutletFactory(
        name_en="Herald Economy",
        name_ko="헤럴드경제",
        language="ko",
        website="https://biz.heraldcorp.com/",
        domains="heraldcorp.com",
    )
    return visit


def recognised(text: str, *, name: str = "", trip=None, number: int = 1) -> Recognition:
    (result,) = recognise_batch([Source(original=text, name=name, number=number)], trip=trip)
    assert isinstance(result, Recognition), result
    return result


def editor() -> User:
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def staff_with(username: str, permissions) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.add(*permissions)
    return user


# --- a clipping saved --------------------------------------------------------------------


def test_a_portal_clipping_becomes_a_coverage_draft_with_its_clipping(trip):
    user = editor()
    outcome = save_recognition(recognised(HERALD, name="herald.txt"), user=user)

    coverage = Coverage.objects.get()
    assert outcome.line() == f"herald.txt: created coverage {coverage.pk}"
    assert coverage.status == Status.DRAFT and coverage.published_at is None
    assert not Coverage.objects.published().exists()
    assert coverage.outlet.name_en == "Herald Economy"
    assert coverage.headline == HERALD_HEADLINE
    assert "김우영" in coverage.byline
    assert coverage.language == "ko"
    assert (coverage.published_on, coverage.published_time) == (
        dt.date(2024, 8, 4),
        dt.time(11, 18),
    )
    assert coverage.url == "" and coverage.summary == ""
    assert coverage.visit == trip
    assert coverage.needs() == ["needs an address"]

    clipping = coverage.clippings.get()
    assert clipping.original == HERALD
    assert (clipping.original_name, clipping.media_type) == ("herald.txt", "text/plain")
    assert "톈궁" in clipping.text
    assert "글씨크기" not in clipping.text and "이 기사 어떠셨나요" not in clipping.text
    assert len(clipping.fingerprint) == 64
    assert clipping.imported_by == user
    assert clipping.release is None


def test_the_same_article_again_is_already_had_and_not_saved_twice(trip):
    first = save_recognition(recognised(HERALD, name="herald.txt"))
    # The same article pasted again: other furniture, the same words.
    again = HERALD.replace("다음뉴스\n", "네이버 뉴스\n").replace("인쇄하기\n", "")
    second = save_recognition(recognised(again, number=2))

    assert first.created
    assert second.line() == f"#2: already have coverage {first.pk}"
    assert Coverage.objects.count() == 1 and Clipping.objects.count() == 1


def test_an_unknown_outlet_is_not_created_unless_the_editor_confirms(trip):
    outcome = save_recognition(recognised(RIVER, name="river.html"))

    coverage = Coverage.objects.get(pk=outcome.pk)
    assert coverage.outlet is None
    assert coverage.headline == RIVER_HEADLINE
    assert not Outlet.objects.filter(name_en="Han River Herald").exists()
    assert 'needs an outlet: "Han River Herald"' in outcome.line()
    assert "needs an outlet" in [str(label) for label in coverage.needs()]


def test_a_confirmed_new_outlet_is_created_once_with_its_domain(trip):
    first = save_recognition(recognised(RIVER), create_outlet=True)
    # Another article of the same outlet in the same batch finds the outlet just made.
    other = """Seoul mayor meets Korean companies working in Beijing

About 30 firms, among them POSCO China and Seoul Dairy Cooperative, told Oh Se-hoon how business in China has changed.

The meeting on Thursday was the last official engagement of the mayor's days in the Chinese capital.

© Han River Herald (hanriverherald.kr). All rights reserved.
"""
    second = save_recognition(recognised(other, number=2), create_outlet=True)

    outlet = Outlet.objects.get(name_en="Han River Herald")
    assert outlet.domain_list() == ["hanriverherald.kr"]
    assert outlet.language == "en"
    assert [c.outlet for c in Coverage.objects.filter(pk__in=[first.pk, second.pk])] == [
        outlet,
        outlet,
    ]
    assert first.line() == f"#1: created coverage {first.pk} (needs a date)"


def test_the_citys_release_page_becomes_a_release_draft(trip):
    outcome = save_recognition(recognised(RELEASE, name="smg-512.txt"))

    release = PressRelease.objects.get(number="SMG 512")
    assert outcome.line() == f"smg-512.txt: created release {release.pk}"
    assert release.status == Status.DRAFT
    assert not PressRelease.objects.published().exists()
    assert release.title_en == RELEASE_TITLE
    assert release.original_language == "en"
    assert release.published_at == dt.datetime(2024, 8, 1, 12, tzinfo=KST)
    assert release.visit == trip
    assert (
        "<ul><li><p>the humanoid robot Tiangong ran at 6 km/h</p></li>"
        "<li><p>robot arms and electronic skin were shown</p></li></ul>"
    ) in release.body_en
    assert "<p>Seoul will draw on the visit for its own robot industry plan.</p>" in (
        release.body_en
    )
    assert "<script" not in release.body_en
    clipping = release.clippings.get()
    assert clipping.coverage is None and clipping.original == RELEASE
    assert not Coverage.objects.exists()

    again = save_recognition(recognised(RELEASE, number=2))
    assert again.line() == f"#2: already have release {release.pk}"


def test_a_release_body_escapes_the_text_and_lists_bullet_lines():
    body = importing.release_body(
        "A <b>bold</b> claim\nwraps here\n\n• one\n\n- two & three\n\nAfter the list.",
        ["A sub-heading"],
    )
    assert body == (
        "<p>A sub-heading</p>"
        "<p>A &lt;b&gt;bold&lt;/b&gt; claim wraps here</p>"
        "<ul><li><p>one</p></li><li><p>two &amp; three</p></li></ul>"
        "<p>After the list.</p>"
    )


def test_each_clipping_is_saved_whole_or_not_at_all(trip, monkeypatch):
    def broken_clipping(self, *args, **kwargs):
        raise ValidationError({"text": "The archive refused it."})

    monkeypatch.setattr(Clipping, "full_clean", broken_clipping)

    outcome = save_recognition(recognised(HERALD, name="herald.txt"), create_outlet=True)

    assert outcome.line() == "herald.txt: refused: Cleaned text: The archive refused it."
    assert not Coverage.objects.exists() and not Clipping.objects.exists()


def test_a_broken_rule_is_a_message_not_a_database_error(trip):
    recognition = recognised(HERALD)
    recognition.headline.value = "긴 제목 " * 100  # over the 400 characters a headline has

    outcome = save_recognition(recognition)

    assert outcome.refused
    assert outcome.reason.startswith("Headline: Ensure this value has at most 400 characters")
    assert not Coverage.objects.exists()


def test_editors_need_the_right_to_add_each_kind(trip):
    reader = User.objects.create_user("reader", password="x", is_staff=True)
    editor_permissions = Group.objects.get(name="Editor").permissions
    editor_ = staff_with("writer", editor_permissions.exclude(codename="add_pressrelease"))

    refused = save_recognition(recognised(HERALD), user=reader)
    release = save_recognition(recognised(RELEASE, number=2), user=editor_)
    coverage = save_recognition(recognised(HERALD, number=3), user=editor_)

    assert refused.line() == "#1: refused: you may not add coverage"
    assert release.line() == (
        "#2: refused: this is a city press release, and you may not add press releases"
    )
    assert coverage.created
    assert not PressRelease.objects.exists()


# --- a batch ---------------------------------------------------------------------------


def test_a_refusal_keeps_its_place_and_the_rest_go_through(trip):
    items = [
        Source(original=HERALD, name="herald.txt", number=1),
        Refused("empty.txt is empty.", name="empty.txt"),
        Source(original="Ceci est un article écrit en français sur le maire.", number=3),
        Source(original=RIVER, name="river.html", number=4),
    ]

    results = recognise_batch(items)

    assert [type(item) for item in results] == [Recognition, Refused, Refused, Recognition]
    assert [importing.label_of(item, n) for n, item in enumerate(results, 1)] == [
        "herald.txt",
        "empty.txt",
        "#3",
        "river.html",
    ]


def test_a_clipping_that_fits_two_trips_equally_is_refused_without_a_trip(trip, monkeypatch):
    other = VisitFactory(title_en="Mayor Oh Se-hoon in Shanghai")

    def tied(self, recognition):
        recognition.trip_candidates = [trip, other]

    monkeypatch.setattr(importing.Matcher, "place", tied)

    (refused,) = recognise_batch([Source(original=HERALD, name="herald.txt")])
    (chosen,) = recognise_batch([Source(original=HERALD)], trip=trip)
    (kept,) = recognise_batch([Source(original=HERALD)], refuse_ties=False)

    assert isinstance(refused, Refused)
    assert refused.message == (
        "matches two trips equally: Mayor Oh Se-hoon in Beijing and Mayor Oh Se-hoon in Shanghai"
    )
    assert refused.name == "herald.txt"
    assert isinstance(chosen, Recognition) and isinstance(kept, Recognition)


def test_labels_tell_apart_clippings_of_one_file():
    items = [
        Source(original="a", name="day.txt", number=1),
        Source(original="b", name="day.txt", number=2),
        Source(original="c", name="other.txt", number=3),
        Source(original="\n  Seoul   mayor  visits\nBeijing", number=4),
    ]
    assert importing.batch_labels(items) == [
        "day.txt #1",
        "day.txt #2",
        "other.txt",
        "#4 (Seoul mayor visits)",
    ]


def test_a_pasted_clipping_is_labelled_with_the_start_of_its_headline(trip):
    herald = recognised(HERALD, number=1)
    river = recognised(RIVER, number=2)
    french = Refused("#3 is written in French.", name="#3")
    source = Source(original="Le maire de Séoul en visite à Paris\n\nTexte.", number=3)

    labels = importing.batch_labels([herald, river, french], sources=[None, None, source])

    assert labels == [
        f"#1 ({HERALD_HEADLINE})",  # 28 characters: whole
        "#2 (Seoul mayor watches a humanoid…)",
        "#3 (Le maire de Séoul en visite à P…)",
    ]
    # A refusal that names the clipping says its label once, in the reason.
    outcome = importing.refused(french, 3, label=labels[2])
    assert outcome.line() == "refused: #3 (Le maire de Séoul en visite à P…) is written in French."


# --- the command -----------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "herald.txt").write_text(HERALD, encoding="utf-8")
    (tmp_path / "river.html").write_text(
        f"<!doctype html><html><head><title>{RIVER_HEADLINE}</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in RIVER.splitlines() if line.strip())
        + "</article></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a clipping: not read
    return tmp_path


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_clippings", *map(str, args), stdout=out)
    return out.getvalue()


def lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_the_command_prints_a_line_per_clipping_and_a_summary(trip, folder):
    output = lines(run(folder))

    herald, river = Coverage.objects.order_by("pk")
    assert output == [
        f"{folder / 'herald.txt'}: created coverage {herald.pk}",
        f'{folder / "river.html"}: created coverage {river.pk} (needs an outlet: "Han River Herald"; needs a date)',
        "Done: created 2, already had 0, refused 0.",
    ]
    assert herald.visit == trip and river.outlet is None

    again = lines(run(folder / "herald.txt"))
    assert again == [
        f"{folder / 'herald.txt'}: already have coverage {herald.pk}",
        "Done: created 0, already had 1, refused 0.",
    ]


def test_two_copies_in_one_folder_are_imported_once(trip, folder):
    (folder / "herald-again.txt").write_text(HERALD.replace("다음뉴스", "네이버"), encoding="utf-8")

    output = lines(run(folder / "herald.txt", folder / "herald-again.txt", "--dry-run"))

    created = re.fullmatch(r".*/herald\.txt: created coverage (\d+)", output[0])
    assert created, output
    assert output[1] == f"{folder / 'herald-again.txt'}: already have coverage {created[1]}"


def test_a_refused_clipping_makes_the_command_fail_after_the_others(trip, folder):
    (folder / "empty.txt").write_bytes(b"")
    out = io.StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_clippings", str(folder), stdout=out)

    assert raised.value.returncode == 1
    assert str(raised.value) == "1 of 3 clippings refused."
    output = lines(out.getvalue())
    assert output[0] == f"refused: {folder / 'empty.txt'} is empty."  # named once
    assert output[-1] == "Done: created 2, already had 0, refused 1."
    assert Coverage.objects.count() == 2


def test_a_dry_run_saves_nothing_and_prints_the_same_lines(trip, folder):
    dry = lines(run(folder, "--dry-run"))
    assert not Coverage.objects.exists() and not Clipping.objects.exists()
    assert not Outlet.objects.exclude(name_en="Herald Economy").exists()

    real = lines(run(folder))

    # Ids are real in a dry run, but PostgreSQL does not hand a rolled-back id out again.
    def without_ids(output):
        return [re.sub(r"coverage \d+", "coverage N", line) for line in output]

    assert without_ids(dry[:-1]) == without_ids(real[:-1])
    assert dry[-1] == "Dry run, nothing saved: created 2, already had 0, refused 0."
    assert Coverage.objects.count() == 2


def test_the_trip_given_is_every_clippings_trip(trip, folder):
    elsewhere = VisitFactory(
        title_en="Mayor Park in Hong Kong",
        slug="park-hong-kong-2019",
        start_date=dt.date(2019, 1, 29),
        end_date=dt.date(2019, 2, 2),
    )
    run(folder / "herald.txt", "--trip", elsewhere.slug)
    assert Coverage.objects.get().visit == elsewhere


def test_an_unknown_trip_is_a_clear_error(trip, folder):
    with pytest.raises(CommandError) as raised:
        run(folder, "--trip", "no-such-trip")

    assert raised.value.returncode == 2
    assert str(raised.value) == (
        'No trip has the slug "no-such-trip". The newest trips: oh-se-hoon-beijing-2024.'
    )
    assert not Coverage.objects.exists()


def test_a_folder_without_clippings_is_an_error(tmp_path):
    with pytest.raises(CommandError, match=r"No \.txt or \.html files"):
        run(tmp_path)


def test_the_exit_status_from_the_shell(tmp_path, folder):
    """The status a script sees: 0 when every clipping was handled, 1 when one was
    refused. Run in a process of its own, on a database of its own."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shell.sqlite3'}",
    }
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]

    def shell(*args):
        return subprocess.run(
            [*manage, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
        )

    assert shell("migrate", "-v0").returncode == 0
    handled = shell("import_clippings", folder / "herald.txt", "--dry-run")
    (folder / "empty.txt").write_bytes(b"")
    refused = shell("import_clippings", folder)

    assert handled.returncode == 0, handled.stderr
    assert handled.stdout.splitlines()[-1] == (
        "Dry run, nothing saved: created 1, already had 0, refused 0."
    )
    assert refused.returncode == 1
    assert f"refused: {folder / 'empty.txt'} is empty." in refused.stdout
    assert "created 2, already had 0, refused 1" in refused.stdout
    assert refused.stderr.strip() == "CommandError: 1 of 3 clippings refused."
