"""Our test clippings and what the coverage desk should find in each (``expected.json``).

Shared by tests/test_clipping_corpus.py and bench/clippings.py: `run` passes clippings
through the desk as an import does (read, recognise, place, look for a duplicate), and
`Run.value` and `wanted` give what was found and what should have been in the same plain
form (whitespace-collapsed strings, ISO dates, "HH:MM", slugs, the demo's engagement keys and
release numbers), so the two compare with ``==``.

Two kinds of expectation score otherwise than field by field (`scored`): a clipping the
desk must refuse (``"kind": "refused"``, or ``"refused": "<why>"``) is one outcome,
"refused", right when reading or recognising refused it; a file holding the same article
several times (``"copies": 2``, the later ones described in ``"second_copy"``) is read as
one import (one `duplicates.Batch`, as `importing.recognise_batch` does): its first copy
is scored field by field, and one more outcome, "copies", is right when the file gave that
many clippings and every later one was found a duplicate of the first.

Needs Django set up and the demo loaded (`press.demo.loader.load_demo`) before `run`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from press.demo import releases_2019, trip_2019, trip_2024

FOLDER = Path(__file__).resolve().parent
BAD = FOLDER / "bad"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FOLDER / "expected.json").read_text(encoding="utf-8")
)["clippings"]

#: Every field asserted, in the order the review screen shows them; "already_have" is what
#: `duplicates.find_duplicate` says the newsroom holds of the clipping.
FIELDS = (
    "kind",
    "headline",
    "subheadlines",
    "byline",
    "published_on",
    "published_time",
    "language",
    "outlet",
    "url",
    "number",
    "trip",
    "engagements",
    "releases",
    "already_have",
)
#: Fields whose value is a set: compared sorted.
SETS = ("engagements", "releases")
#: The outcomes scored instead of (or beside) the fields, for the expectations that say so.
REFUSED, COPIES = "refused", "copies"
#: Every row a score may have, in the order the bench prints them.
OUTCOMES = (*FIELDS, REFUSED, COPIES)


def is_refused(name: str) -> bool:
    """Whether the desk is expected to refuse this clipping."""
    expected = EXPECTED[name]
    return expected.get("kind") == REFUSED or bool(expected.get(REFUSED))


def copies(name: str) -> int:
    """How many times the file holds the article (1: once, as most do)."""
    return int(EXPECTED[name].get(COPIES) or 1)


def scored(name: str) -> tuple[str, ...]:
    """What is scored for a clipping: its fields, or only whether it was refused; and, for a
    file holding the article more than once, whether the later copies were found again."""
    if is_refused(name):
        return (REFUSED,)
    if copies(name) > 1:
        return (*FIELDS, COPIES)
    return FIELDS


#: The number TRIPS.md gives trip B's announcement, which the demo takes over.
CITY_NUMBER = "SMG 449"
DEMO_RENUMBERED = any(spec["number"] == CITY_NUMBER for spec in releases_2019.RELEASES)


def tidy(value: Any) -> str | None:
    """A text with its whitespace runs (no-break and ideographic spaces too) as one space."""
    if value in (None, ""):
        return None
    return " ".join(str(value).split()) or None


def wanted(name: str, field_name: str) -> Any:
    if field_name == REFUSED:
        return True
    if field_name == COPIES:
        return {"clippings": copies(name), "found again": copies(name) - 1}
    value = EXPECTED[name][field_name]
    if field_name in SETS:
        return sorted(value)
    if field_name == "subheadlines":
        return [tidy(line) for line in value]
    if field_name in ("headline", "byline", "number"):
        return tidy(value)
    if field_name == "outlet" and isinstance(value, dict):
        return {"new": tidy(value["new"])}
    return value


def needs_city_number(name: str, field_name: str) -> bool:
    """Whether the expectation holds only once the demo has the city's own release number."""
    if field_name == "number":  # read from the clipping, whatever the demo holds
        return False
    if field_name not in EXPECTED[name]:
        return False
    return CITY_NUMBER in json.dumps(EXPECTED[name][field_name], ensure_ascii=False)


@dataclass
class Outcome:
    """One clipping through the desk: what it recognised, or the error that stopped it."""

    recognition: Any = None
    duplicate: Any = None
    error: BaseException | None = None  # reading, recognising or placing failed
    duplicate_error: BaseException | None = None
    #: The file's later copies of the article, through the same batch (see `copies`).
    later: list[Outcome] = field(default_factory=list)


@dataclass
class Run:
    outcomes: dict[str, Outcome]
    engagement_keys: dict[int, str] = field(default_factory=dict)  # pk -> demo key

    def value(self, name: str, field_name: str) -> Any:
        """What the desk found for one field, in `wanted`'s form; raises what stopped it."""
        from press.clippings.results import Refused

        outcome = self.outcomes[name]
        if field_name == REFUSED:
            if isinstance(outcome.error, Refused):
                return True
            if outcome.error is not None:
                raise outcome.error
            r = outcome.recognition
            return f"not refused: read as {r.kind}, “{tidy(r.headline.value)}”"
        if outcome.error is not None:
            raise outcome.error
        if field_name == COPIES:
            return {"clippings": 1 + len(outcome.later), "found again": self._again(outcome)}
        r = outcome.recognition
        if field_name == "kind":
            return r.kind
        if field_name == "subheadlines":
            return [tidy(line) for line in r.subheadlines]
        if field_name in ("headline", "byline", "number"):
            return tidy(getattr(r, field_name).value)
        if field_name == "published_on":
            return r.published_on.value.isoformat() if r.published_on.value else None
        if field_name == "published_time":
            return r.published_time.value.strftime("%H:%M") if r.published_time.value else None
        if field_name == "language":
            return r.language.value or None
        if field_name == "outlet":
            if r.outlet.value is not None:
                return r.outlet.value.slug
            return {"new": tidy(r.outlet_name)} if tidy(r.outlet_name) else None
        if field_name == "url":
            return r.url.value or ""
        if field_name == "trip":
            return r.trip.value.slug if r.trip.value is not None else None
        if field_name == "engagements":
            return sorted(
                self.engagement_keys.get(e.pk, f"not a demo engagement: {e}")
                for e in r.engagements.value or []
            )
        if field_name == "releases":
            return sorted(release.number for release in r.releases.value or [])
        if field_name == "already_have":
            if outcome.duplicate_error is not None:
                raise outcome.duplicate_error
            return described(outcome.duplicate)
        raise KeyError(field_name)

    @staticmethod
    def _again(first: Outcome) -> int:
        """How many later copies were found the first's duplicate: the first itself, as an
        earlier clipping of the batch, or what the newsroom holds that the first repeats."""
        label = first.recognition.source.label
        again = 0
        for copy in first.later:
            found = copy.duplicate
            if copy.error is not None or found is None:
                continue
            if found.earlier == label or (
                first.duplicate is not None
                and (found.kind, found.pk) == (first.duplicate.kind, first.duplicate.pk)
            ):
                again += 1
        return again

    def right(self, name: str, field_name: str) -> bool:
        try:
            return self.value(name, field_name) == wanted(name, field_name)
        except Exception:
            return False


def described(duplicate) -> dict[str, Any] | None:
    """A `Duplicate` as expected.json names it: the demo's coverage record of an outlet, the
    release of a number, or any other row by its id."""
    from press.models import Coverage, PressRelease

    if duplicate is None:
        return None
    if duplicate.kind == "release":
        release = PressRelease.objects.filter(pk=duplicate.pk).first()
        return {"kind": "release", "number": release.number if release else None}
    coverage = Coverage.objects.select_related("outlet").filter(pk=duplicate.pk).first()
    demo_urls = {spec["url"] for spec in trip_2024.COVERAGE}
    if coverage is not None and coverage.url in demo_urls:
        return {"kind": "coverage", "outlet": coverage.outlet.slug}
    return {"kind": duplicate.kind, "pk": duplicate.pk}


def engagement_keys() -> dict[int, str]:
    """The demo's engagements by id, named by their key in press/demo/trip_*.py."""
    from visits.models import Engagement

    keys = {}
    for module in (trip_2024, trip_2019):
        for spec in module.VISIT["engagements"]:
            found = Engagement.objects.filter(
                visit__slug=module.VISIT["slug"], date=spec["date"], title_en=spec["title"]["en"]
            ).values_list("pk", flat=True)
            keys.update(dict.fromkeys(found, spec["key"]))
    return keys


def read_one(path: Path):
    """The one `Source` a corpus file holds (raises what `read_paths` refused it with)."""
    [source] = read_copies(path, 1)
    return source


def read_copies(path: Path, wanted_copies: int) -> list:
    """The `Source`s a corpus file holds, as many as expected (raises what `read_paths`
    refused the first with)."""
    from press.clippings.reading import read_paths
    from press.clippings.results import Refused

    found = list(read_paths([path]))
    if len(found) != wanted_copies:
        raise AssertionError(f"{path.name}: {len(found)} clippings read, not {wanted_copies}")
    if isinstance(found[0], Refused):
        raise found[0]
    return found


def run(names: Iterable[str] = (), *, trip=None) -> Run:
    """Each named clipping (all of them by default) through the desk, as one batch; a file
    holding the article more than once as an import of its own (one `Batch`), its first
    copy's outcome holding the later ones'."""
    from press.clippings.duplicates import Batch, find_duplicate
    from press.clippings.matching import Matcher
    from press.clippings.recognising import OutletIndex, recognise

    names = list(names) or list(EXPECTED)
    result = Run({}, engagement_keys())
    try:
        outlets, matcher = OutletIndex(), Matcher(trip=trip)
    except Exception as error:  # a step not built yet stops every clipping alike
        result.outcomes = {name: Outcome(error=error) for name in names}
        return result

    def through(source, outcome: Outcome, batch: Batch | None) -> Outcome:
        if isinstance(source, Exception):
            outcome.error = source
            return outcome
        try:
            recognition = recognise(source, outlets=outlets)
            matcher.place(recognition)
        except Exception as error:
            outcome.error = error
            return outcome
        outcome.recognition = recognition
        try:
            outcome.duplicate = find_duplicate(recognition, batch=batch)
        except Exception as error:
            outcome.duplicate_error = error
        return outcome

    for name in names:
        outcome = result.outcomes[name] = Outcome()
        wanted_copies = copies(name) if name in EXPECTED else 1
        try:
            sources = read_copies(FOLDER / name, wanted_copies)
        except Exception as error:
            outcome.error = error
            continue
        # One batch per file: only its own copies are compared with each other.
        batch = Batch() if wanted_copies > 1 else None
        through(sources[0], outcome, batch)
        outcome.later = [through(source, Outcome(), batch) for source in sources[1:]]
    return result
