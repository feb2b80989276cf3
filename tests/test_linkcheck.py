"""Coverage link checks (issue 19): each case the outlet can answer gets its status, bad
addresses end with a clear one and are never asked, checks are queued when an address is
saved and by the command, one host is asked one request at a time.

Every request goes to the tests' own server on 127.0.0.1 (tests/linkcheck_server.py),
the one host the tests allow; the test settings let nothing else leave the machine.
"""

import json
import threading
from io import StringIO

import pytest
import urllib3.util.connection
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from press.linkcheck import fetch
from press.linkcheck.admin import LinkStatusFilter
from press.linkcheck.check import check_coverage, check_url, due, status_q
from press.linkcheck.public import public_link
from press.models import NEVER_CHECKED, Coverage, LinkState, LinkStatus, Reason
from tests.factories import CoverageFactory
from tests.linkcheck_server import (
    HEADLINE,
    HEADLINE_KO,
    OutletServer,
    self_signed_context,
)

pytestmark = pytest.mark.django_db

LIVE = "/news/2024/07/31/robot-centre-1001"


@pytest.fixture
def outlet(settings):
    """The tests' outlet on 127.0.0.1, allowed; short time-outs and a 1 MB cap; no
    Chromium (the archive tests bring it back)."""
    settings.PRESSROOM_LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    settings.PRESSROOM_LINK_CHECK_READ_TIMEOUT = 0.5
    settings.PRESSROOM_LINK_CHECK_MAX_BYTES = 1024 * 1024
    settings.PRESSROOM_CHROMIUM = "/nonexistent/chromium"
    server = OutletServer().start()
    yield server
    server.stop()


def item(outlet, path, headline=HEADLINE, **kwargs) -> Coverage:
    return CoverageFactory(url=outlet.url(path), headline=headline, **kwargs)


# --- the verdicts ------------------------------------------------------------------------

CASES = [
    # path, headline, status, decisive HTTP status, reason, final path
    (LIVE, HEADLINE, "ok", 200, "", LIVE),
    ("/news/2024/07/31/gone-404", HEADLINE, "gone", 404, "not_found", None),
    ("/news/2024/07/31/gone-410", HEADLINE, "gone", 410, "not_found", None),
    ("/news/2024/07/31/deleted-1003", HEADLINE, "gone", 301, "home_page", "/"),
    ("/news/2024/07/31/to-section-1005", HEADLINE, "gone", 301, "section", "/politics/"),
    ("/news/2024/07/31/maintenance-1004", HEADLINE, "suspect", 302, "home_page", "/index.html"),
    (
        "/news/2024/07/31/robot-centre-1001-old",
        HEADLINE,
        "moved",
        200,
        "",
        "/news/2024/07/31/robot-centre-1001-new",
    ),
    ("/news/2024/07/31/changed-1006", HEADLINE, "suspect", 200, "headline", None),
    ("/news/2024/07/31/korean-1007", HEADLINE_KO, "ok", 200, "", None),
    ("/news/2024/07/31/gzip-1008", HEADLINE, "ok", 200, "", None),
    ("/news/2024/07/31/head-refused-1009", HEADLINE, "ok", 200, "", None),
    ("/news/2024/07/31/slow-1010", HEADLINE, "error", None, "timeout", ""),
    ("/loop/a", HEADLINE, "error", None, "loop", ""),
    ("/news/2024/07/31/huge-1011", HEADLINE, "error", None, "too_large", ""),
]


@pytest.mark.parametrize(("path", "headline", "status", "http", "reason", "final"), CASES)
def test_each_case_gets_its_status(outlet, path, headline, status, http, reason, final):
    verdict = check_url(outlet.url(path), headline)
    assert (verdict.status, verdict.http_status, verdict.reason) == (status, http, reason)
    if final is not None:
        assert verdict.final_url == (outlet.url(final) if final else "")


def test_a_headline_restyled_by_the_outlet_still_counts(outlet):
    restyled = "SEOUL  mayor tours Beijing\u2019s humanoid-robot centre!"
    assert check_url(outlet.url(LIVE), restyled).status == "ok"


def test_head_refused_is_asked_again_with_get(outlet):
    check_url(outlet.url("/news/2024/07/31/head-refused-1009"), HEADLINE)
    asked = [(m, p) for m, p, _ in outlet.requests]
    path = "/news/2024/07/31/head-refused-1009"
    assert asked == [("HEAD", path), ("GET", path)]


def test_requests_name_the_newsroom(outlet, settings):
    settings.PRESSROOM_LINK_CHECK_USER_AGENT = "Seoul press office link check (press@example.org)"
    check_url(outlet.url(LIVE), HEADLINE)
    assert {agent for _m, _p, agent in outlet.requests} == {
        "Seoul press office link check (press@example.org)"
    }


# --- bad addresses ---------------------------------------------------------------------


@pytest.fixture
def connections_made(monkeypatch):
    """Every address the checker connects to, in order."""
    made = []
    real = urllib3.util.connection.create_connection

    def spy(address, *args, **kwargs):
        made.append(address[0])
        if address[0] != "127.0.0.1":
            raise AssertionError(f"the checker connected to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", spy)
    return made


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/news/1", "private"),
        ("http://169.254.169.254/latest/meta-data/", "private"),
        ("http://[::1]/", "private"),
        ("http://192.168.0.10:8080/", "private"),
        ("ftp://news.example.com/article", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("http://exa mple.com/", "malformed"),
        ("http://[::1/", "malformed"),
        ("http://", "malformed"),
        ("https://no-such-outlet.invalid/news/1", "dns"),
    ],
)
def test_bad_addresses_end_with_a_clear_status_and_no_request(connections_made, url, reason):
    verdict = check_url(url, HEADLINE)
    assert (verdict.status, verdict.reason) == ("error", reason)
    assert connections_made == []


def test_a_redirect_to_a_private_address_is_refused_at_that_hop(outlet, connections_made):
    verdict = check_url(outlet.url("/news/2024/07/31/to-private-1012"), HEADLINE)
    assert (verdict.status, verdict.reason) == ("error", "private")
    assert "10.0.0.1" in verdict.detail
    assert connections_made == ["127.0.0.1"]  # the redirect, asked with HEAD; no more


def test_an_outside_address_is_not_fetched_in_the_tests(connections_made):
    verdict = check_url("http://93.184.215.14/news/1", HEADLINE)
    assert (verdict.status, verdict.reason) == ("error", "outside")
    assert connections_made == []


def test_a_bad_certificate_is_a_tls_error(settings, tmp_path):
    settings.PRESSROOM_LINK_CHECK_ALLOW_HOSTS = ["127.0.0.1"]
    server = OutletServer(self_signed_context(tmp_path)).start()
    try:
        verdict = check_url(server.url(LIVE), HEADLINE)
    finally:
        server.stop()
    assert (verdict.status, verdict.reason) == ("error", "tls")
    assert "certificate" in verdict.detail.lower()


# --- politeness ------------------------------------------------------------------------


def test_one_host_is_asked_one_request_at_a_time(outlet):
    failures = []

    def ask():
        try:
            fetch.request("GET", outlet.url("/polite"))
        except Exception as error:  # reported below, in the test's thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not failures
    assert outlet.paths().count("/polite") == 3
    assert outlet.most == 1


# --- recording, queueing, the command ---------------------------------------------------


def test_a_check_records_the_state(outlet):
    coverage = item(outlet, "/news/2024/07/31/robot-centre-1001-old")
    check_coverage(coverage)
    state = LinkState.objects.get(coverage=coverage)
    assert state.status == "moved"
    assert state.final_url == outlet.url("/news/2024/07/31/robot-centre-1001-new")
    assert state.http_status == 200
    assert state.checked_at == state.changed_at
    assert state.url == coverage.url


def test_a_check_that_finds_the_same_only_moves_its_time_on(outlet, time_machine):
    coverage = item(outlet, "/news/2024/07/31/gone-404")
    time_machine.move_to("2025-03-01 09:00Z")
    check_coverage(coverage)
    time_machine.move_to("2025-03-09 09:00Z")
    check_coverage(coverage)
    state = LinkState.objects.get(coverage=coverage)
    assert state.checked_at.date().isoformat() == "2025-03-09"
    assert state.changed_at.date().isoformat() == "2025-03-01"
    assert state.reason_text == "the outlet answers 404 Not Found"


def test_due_links(outlet, time_machine):
    time_machine.move_to("2025-03-01 09:00Z")
    old = item(outlet, LIVE)
    check_coverage(old)
    time_machine.move_to("2025-03-06 09:00Z")
    recent = item(outlet, "/news/2024/07/31/gone-410")
    check_coverage(recent)
    never = item(outlet, "/news/2024/07/31/gone-404")
    readdressed = item(outlet, "/news/2024/07/31/changed-1006")
    check_coverage(readdressed)
    Coverage.objects.filter(pk=readdressed.pk).update(url=outlet.url("/news/2024/07/31/x-9"))
    CoverageFactory(url="")  # no address: nothing to check
    time_machine.move_to("2025-03-09 09:00Z")
    assert set(due()) == {old, never, readdressed}
    never_checked = Coverage.objects.filter(status_q(NEVER_CHECKED))
    assert set(never_checked) == {never, readdressed}


def test_a_saved_address_is_checked_after_the_commit(
    outlet, settings, django_capture_on_commit_callbacks
):
    settings.PRESSROOM_LINK_CHECK_ON_SAVE = True
    with django_capture_on_commit_callbacks(execute=True):
        coverage = item(outlet, "/news/2024/07/31/gone-410")
        assert outlet.requests == []  # not before the commit
    assert LinkState.objects.get(coverage=coverage).status == "gone"
    asked = len(outlet.requests)

    with django_capture_on_commit_callbacks(execute=True):
        coverage.summary = "A summary edited later."
        coverage.save()
    assert len(outlet.requests) == asked  # the same address: not asked again

    with django_capture_on_commit_callbacks(execute=True):
        coverage.url = outlet.url(LIVE)
        coverage.save()
    state = LinkState.objects.get(coverage=coverage)
    assert (state.url, state.status) == (outlet.url(LIVE), "ok")


def test_a_rolled_back_save_checks_nothing(outlet, settings, django_capture_on_commit_callbacks):
    settings.PRESSROOM_LINK_CHECK_ON_SAVE = True
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        item(outlet, LIVE)
        raise RuntimeError("the save fails after the row")
    assert outlet.requests == []


def test_the_command_queues_what_is_due(outlet):
    checked = item(outlet, LIVE)
    check_coverage(checked)
    item(outlet, "/news/2024/07/31/gone-404")
    item(outlet, "/news/2024/07/31/gone-410")
    out = StringIO()
    # The test settings' queue runs each task as it is queued.
    call_command("check_coverage_links", stdout=out)
    assert out.getvalue().strip() == "Queued 2 coverage link check(s)."
    assert LinkState.objects.filter(status="gone").count() == 2
    out = StringIO()
    call_command("check_coverage_links", stdout=out)
    assert out.getvalue().strip() == "Queued 0 coverage link check(s)."


def test_the_command_waits_and_prints_a_line_per_item(outlet):
    paths = {
        "ok": LIVE,
        "moved": "/news/2024/07/31/robot-centre-1001-old",
        "gone": "/news/2024/07/31/gone-404",
        "soft": "/news/2024/07/31/deleted-1003",
        "suspect": "/news/2024/07/31/changed-1006",
        "error": "/loop/a",
    }
    items = {name: item(outlet, path) for name, path in paths.items()}
    out, err = StringIO(), StringIO()
    call_command("check_coverage_links", "--wait", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()

    def line(name):
        return f"#{items[name].pk} {items[name].url} "

    assert lines == [
        line("ok") + "ok",
        line("moved") + "moved " + outlet.url("/news/2024/07/31/robot-centre-1001-new"),
        line("gone") + "gone 404",
        line("soft") + "gone 301: the address now leads to the outlet's home page",
        line("suspect") + "suspect: the page no longer carries the article's headline",
        line("error") + "error: too many redirects (a loop)",
    ]
    assert "Checked 6 link(s)" in err.getvalue()


def test_the_command_prints_json(outlet):
    live = item(outlet, LIVE)
    gone = item(outlet, "/news/2024/07/31/gone-410")
    out = StringIO()
    call_command("check_coverage_links", "--wait", "--json", verbosity=0, stdout=out)
    assert json.loads(out.getvalue()) == [
        {
            "id": live.pk,
            "url": live.url,
            "status": "ok",
            "final_url": live.url,
            "http_status": 200,
            "archived": ["warc"],  # no Chromium here: the WARC record alone
        },
        {
            "id": gone.pk,
            "url": gone.url,
            "status": "gone",
            "final_url": gone.url,
            "http_status": 410,
            "archived": [],
        },
    ]
    with pytest.raises(CommandError, match="--json prints what --wait finds"):
        call_command("check_coverage_links", "--json")


# --- what the admin and the public pages are given ----------------------------------------


def test_the_admin_filter_and_the_public_link(outlet, rf):
    gone = item(outlet, "/news/2024/07/31/gone-404")
    moved = item(outlet, "/news/2024/07/31/robot-centre-1001-old")
    live = item(outlet, LIVE)
    never = item(outlet, "/news/2024/07/31/gone-410")
    for coverage in (gone, moved, live):
        check_coverage(coverage)

    def filtered(value):
        chosen = LinkStatusFilter(rf.get("/"), {"link": [value]}, Coverage, None)
        return set(chosen.queryset(None, Coverage.objects.all()))

    assert filtered("gone") == {gone}
    assert filtered("moved") == {moved}
    assert filtered(NEVER_CHECKED) == {never}

    shown = public_link(Coverage.objects.get(pk=gone.pk))
    assert shown.url == "" and shown.gone
    assert shown.notice.startswith("The original article is no longer available at the outlet")
    assert public_link(Coverage.objects.get(pk=moved.pk)).url == outlet.url(
        "/news/2024/07/31/robot-centre-1001-new"
    )
    assert public_link(Coverage.objects.get(pk=live.pk)).url == live.url
    assert public_link(Coverage.objects.get(pk=never.pk)).url == never.url


def test_a_state_about_an_old_address_says_nothing_of_the_new_one(outlet):
    coverage = item(outlet, "/news/2024/07/31/gone-404")
    check_coverage(coverage)
    Coverage.objects.filter(pk=coverage.pk).update(url=outlet.url(LIVE))
    assert public_link(Coverage.objects.get(pk=coverage.pk)).url == outlet.url(LIVE)


def test_reasons_are_translated(outlet):
    from django.utils import translation

    state = LinkState(reason=Reason.NOT_FOUND, detail="404 Not Found")
    with translation.override("ko"):
        assert state.reason_text != "the outlet answers 404 Not Found"
        assert "404 Not Found" in state.reason_text


def test_a_state_is_never_later_than_its_check(outlet):
    from django.db import IntegrityError

    coverage = item(outlet, LIVE)
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        LinkState.objects.create(
            coverage=coverage,
            url=coverage.url,
            status=LinkStatus.MOVED,  # moved with no new address
            checked_at=now,
            changed_at=now,
        )


def test_the_admin_list_shows_the_status_with_its_reason(outlet):
    from press.linkcheck.admin import link_status

    gone = item(outlet, "/news/2024/07/31/gone-404")
    never = item(outlet, LIVE)
    check_coverage(gone)
    shown = link_status(Coverage.objects.select_related("link_state").get(pk=gone.pk))
    assert ">gone</span>" in shown
    assert 'title="the outlet answers 404 Not Found (' in shown
    assert ">never checked</span>" in link_status(never)
