"""Long jobs show their progress on a terminal (visits/progress.py) and stay quiet in logs."""

import io
import itertools
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.management import call_command

from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


def screen(written: str) -> list[str]:
    """The lines a terminal shows after ``written``: a carriage return goes back to the
    start of the line and what follows overwrites it."""
    lines = []
    for raw in written.split("\n"):
        shown = ""
        for part in raw.split("\r"):
            shown = part + shown[len(part) :]
        lines.append(shown.rstrip())
    return [line for line in lines if line]


@pytest.fixture
def clock(monkeypatch):
    """Every reading of the clock is `step` seconds after the previous one."""
    state = SimpleNamespace(step=1.0)
    ticks = itertools.count()
    monkeypatch.setattr("visits.progress.monotonic", lambda: next(ticks) * state.step)
    return state


def test_rebuild_search_index_shows_progress_on_a_terminal(clock):
    PlaceFactory.create_batch(4)
    out = Terminal()
    call_command("rebuild_search_index", kind=["place"], batch_size=1, stdout=out)
    written = out.getvalue()
    assert "\rSearch index: 1 of 4 items (25 %), place, " in written
    assert "\rSearch index: 3 of 4 items (75 %), place, " in written
    assert "s left" in written
    # The progress line is cleared for the summary, which is all that stays.
    [summary] = screen(written)
    assert summary.startswith("Indexed 4 entries (place) in ")


def test_rebuild_search_index_prints_a_line_now_and_then_in_a_log(clock):
    PlaceFactory.create_batch(4)
    clock.step = 6.0  # a line at most every ten seconds
    out = io.StringIO()
    call_command("rebuild_search_index", kind=["place"], batch_size=1, stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split(",")[0] for line in lines[:-1]] == [
        "Search index: 2 of 4 items (50 %)",
        "Search index: 4 of 4 items (100 %)",
    ]
    assert "\r" not in out.getvalue()
    assert lines[-1].startswith("Indexed 4 entries (place) in ")


def test_a_quick_job_adds_nothing_to_a_log():
    PlaceFactory.create_batch(2)
    out = io.StringIO()
    call_command("rebuild_search_index", kind=["place"], stdout=out)
    [line] = out.getvalue().splitlines()
    assert line.startswith("Indexed 2 entries (place) in ")


def test_load_demo_counts_the_rows_it_writes_on_a_terminal(clock):
    def load_demo(log):
        for n in range(3):
            log(f"  Created row {n}")
        return mock.Mock(changed=False, summary=mock.Mock(return_value="nothing"))

    out = Terminal()
    with mock.patch("press.management.commands.load_demo.load_demo", load_demo):
        call_command("load_demo", stdout=out)
    assert "\rDemo content: 3 rows written, " in out.getvalue()
    assert screen(out.getvalue()) == [
        "Demo content: nothing.",
        "No changes: the demo content was already up to date.",
    ]
