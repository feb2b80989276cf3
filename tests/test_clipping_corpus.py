"""The coverage desk on our own clippings (tests/clippings/): every field it recognises in
every clipping, re-imports found as duplicates, and bad input refused with a message.

Each clipping goes through the desk as an import does (`reading.read_paths`,
`recognising.recognise`, `matching.Matcher.place`, `duplicates.find_duplicate`) against the
demo newsroom, loaded once for the module inside a transaction rolled back at the end.
One test per clipping and field, so a failure names both; what each clipping should give,
and why, is in tests/clippings/expected.json. Texts are compared with their whitespace
runs as one space. bench/clippings.py prints the same comparison as a table.
"""

import datetime as dt
import io

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import translation
from PIL import Image

from press.clippings.duplicates import find_duplicate, fingerprint
from press.clippings.matching import Matcher
from press.clippings.reading import read_paths
from press.clippings.recognising import OutletIndex, recognise
from press.clippings.results import COVERAGE, Refused, Source
from press.demo.loader import load_demo
from press.models import Clipping, Coverage
from tests.clippings import corpus
from tests.factories import LegFactory, VisitFactory
from visits.models import Visit
from visits.publishing import Status

pytestmark = pytest.mark.django_db

TRIP_A = "oh-se-hoon-paris-chongqing-beijing-2024"
TRIP_B = "park-won-soon-shenzhen-hong-kong-2019"
FIRST, AGAIN = "herald-economy-daum.txt", "herald-economy-repaste.txt"


@pytest.fixture(scope="module")
def desk(django_db_setup, django_db_blocker):
    """The demo newsroom, and every corpus clipping through the desk in one batch."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield corpus.run()
        transaction.set_rollback(True)


def field_cases():
    renumber = pytest.mark.xfail(
        not corpus.DEMO_RENUMBERED,
        strict=True,
        reason=f"the demo does not number trip B's announcement {corpus.CITY_NUMBER!r} yet",
    )
    for name in corpus.EXPECTED:
        for field_name in corpus.FIELDS:
            marks = [renumber] if corpus.needs_city_number(name, field_name) else []
            yield pytest.param(name, field_name, id=f"{name}:{field_name}", marks=marks)


@pytest.mark.parametrize(("name", "field_name"), list(field_cases()))
def test_recognises_every_field_of_every_clipping(desk, name, field_name):
    assert desk.value(name, field_name) == corpus.wanted(name, field_name)


# Duplicates


def save_as_draft(name, recognition, **changes) -> Coverage:
    """What confirming an import saves: the draft record with the values the editor
    confirmed (expected.json's), and the clipping archived with the text the desk cleaned."""
    expected = corpus.EXPECTED[name]
    on, at = expected["published_on"], expected["published_time"]
    values = {
        "headline": expected["headline"],
        "subheadlines": "\n".join(expected["subheadlines"]),
        "byline": expected["byline"] or "",
        "language": expected["language"],
        "outlet": recognition.outlet.value,
        "published_on": dt.date.fromisoformat(on) if on else None,
        "published_time": dt.time.fromisoformat(at) if at else None,
        "visit": Visit.objects.get(slug=expected["trip"]),
        "status": Status.DRAFT,
        **changes,
    }
    coverage = Coverage.objects.create(**values)
    Clipping.objects.create(
        coverage=coverage,
        original=recognition.source.original,
        original_name=recognition.source.name,
        media_type=recognition.source.media_type,
        text=recognition.text,
        fingerprint=recognition.fingerprint or fingerprint(recognition.text),
    )
    return coverage


def outcome(desk, name):
    found = desk.outcomes[name]
    if found.error is not None:
        raise found.error
    return found.recognition


@pytest.fixture
def without_demo_record():
    """The demo's own record of the Herald Economy article gone, so that only what a test
    saves can make the article a duplicate."""
    Coverage.objects.filter(outlet__slug="herald-economy").delete()


def test_a_second_paste_of_an_article_is_found_once_the_first_is_saved(desk, without_demo_record):
    first, again = outcome(desk, FIRST), outcome(desk, AGAIN)
    assert find_duplicate(again) is None

    saved = save_as_draft(FIRST, first)

    duplicate = find_duplicate(again)
    assert duplicate is not None
    assert (duplicate.kind, duplicate.pk) == (COVERAGE, saved.pk)
    assert duplicate.reason.strip()


def test_a_second_paste_is_found_by_its_text_when_the_editor_changed_the_record(
    desk, without_demo_record
):
    """Nearly the same text (whitespace and portal furniture aside) is enough: the saved
    record's headline was reworded and its outlet not chosen yet."""
    first, again = outcome(desk, FIRST), outcome(desk, AGAIN)
    saved = save_as_draft(FIRST, first, headline="오세훈 시장 중관촌 방문 (검토 중)", outlet=None)

    duplicate = find_duplicate(again)
    assert duplicate is not None
    assert (duplicate.kind, duplicate.pk) == (COVERAGE, saved.pk)


def test_another_article_of_the_same_outlet_and_day_is_not_a_duplicate(desk):
    """The NoCut article shares the Herald one's day, time and subject, not its text."""
    saved = save_as_draft(FIRST, outcome(desk, FIRST))
    duplicate = find_duplicate(outcome(desk, "nocut-naver.txt"))
    assert duplicate is None or duplicate.pk != saved.pk


# Bad input


def read_all(paths) -> list:
    return list(read_paths(paths))


def refusal_of(path) -> Refused:
    [refused] = read_all([path])
    assert isinstance(refused, Refused), f"{path.name} was read as a clipping"
    assert refused.message.strip()
    return refused


def test_an_empty_file_is_refused_with_a_message_naming_it(desk):
    refused = refusal_of(corpus.BAD / "empty.txt")
    assert "empty.txt" in f"{refused.name} {refused.message}"


def test_a_refusal_is_in_the_editors_language(desk):
    with translation.override("ko"):
        refused = refusal_of(corpus.BAD / "empty.txt")
    assert any("\uac00" <= char <= "\ud7a3" for char in refused.message), refused.message


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_binary_file_is_refused_whatever_its_name(desk, tmp_path):
    path = tmp_path / "clipping.txt"
    path.write_bytes(png_bytes())
    refusal_of(path)


def test_a_file_over_the_size_limit_is_refused(desk, tmp_path):
    limit = getattr(settings, "PRESSROOM_CLIPPING_MAX_BYTES", 20 * 1024 * 1024)
    line = "오세훈 서울시장이 베이징 중관촌 창업거리를 찾았다.\n".encode()
    path = tmp_path / "huge.txt"
    path.write_bytes(line * (limit // len(line) + 1))
    assert path.stat().st_size > limit
    refusal_of(path)


def test_the_rest_of_a_batch_goes_through_beside_refused_files(desk, tmp_path):
    binary = tmp_path / "scan.html"
    binary.write_bytes(png_bytes())
    found = read_all([corpus.BAD / "empty.txt", corpus.FOLDER / FIRST, binary])
    sources = [item for item in found if isinstance(item, Source)]
    refused = [item for item in found if isinstance(item, Refused)]
    assert len(refused) == 2
    assert [source.name.rsplit("/", 1)[-1] for source in sources] == [FIRST]
    pasted = (corpus.FOLDER / FIRST).read_text(encoding="utf-8")
    assert sources[0].original.strip() == pasted.strip()


def test_a_language_the_newsroom_does_not_have_is_refused(desk):
    source = corpus.read_one(corpus.BAD / "francais.txt")
    with pytest.raises(Refused) as refused:
        recognise(source, outlets=OutletIndex())
    assert refused.value.message.strip()


def test_a_clipping_that_fits_two_trips_equally_is_given_neither(desk):
    """It names the mayor, the cities and a day of trip B, and no event. With a second
    record of the same trip (the same official, legs and days, as when a trip is entered
    twice), neither is chosen: both are offered, and the editor is told."""
    source = corpus.read_one(corpus.BAD / "two-trips.txt")
    trip_b = Visit.objects.get(slug=TRIP_B)
    alone = recognise(source, outlets=OutletIndex())
    Matcher().place(alone)
    assert alone.trip.value == trip_b

    twin = VisitFactory(
        title_en="Mayor Park Won-soon in Shenzhen and Hong Kong (entered again)",
        official=trip_b.official,
        start_date=trip_b.start_date,
        end_date=trip_b.end_date,
    )
    for leg in trip_b.legs.all():
        LegFactory(
            visit=twin,
            city=leg.city,
            start_date=leg.start_date,
            end_date=leg.end_date,
            order=leg.order,
        )
    tied = recognise(source, outlets=OutletIndex())
    try:
        Matcher().place(tied)
    except Refused as refused:
        assert refused.message.strip()
    else:
        assert tied.trip.value is None
        assert set(tied.trip_candidates) == {trip_b, twin}
        assert tied.trip.reason.strip() or tied.notes  # what the editor is told


def test_every_corpus_file_has_its_expectations():
    """A clipping added to the folder without expectations would go untested."""
    files = {p.name for p in corpus.FOLDER.iterdir() if p.suffix in (".txt", ".html")}
    assert files == set(corpus.EXPECTED)
    assert all(set(corpus.FIELDS) <= set(fields) for fields in corpus.EXPECTED.values())
