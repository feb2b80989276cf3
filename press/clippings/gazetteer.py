# CJK punctuation in the patterns is meant.
# ruff: noqa: RUF001
"""The gazetteer: every trip's names, read once per batch, as the terms `Matcher` looks for.

`Gazetteer` reads every trip (legs, cities, engagements with their places, people and
organisations, releases) in a fixed number of queries, and turns their names in the four
languages, and the distinctive words of event titles and descriptions, into `Term`s: each
with the points it gives a trip and the events it is evidence for (`STRONG`, `WEAK`,
`AREA`). `Gazetteer.find` says which terms a clipping's sentences hold.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from press.models import PressRelease
from visits.models import Engagement, Leg, Visit
from visits.text import localized, translations

from .normalising import folded, has_cjk, has_han, has_hangul, latin_pattern, numbers_in, squeezed
from .sentences import Sentence, loose

#: Evidence for an event: its own name or title phrase; a word of its title or description;
#: an area holding it among others (half a word: never enough for a sentence by itself).
STRONG, WEAK, AREA = 3, 1, 0.5


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that name no event in particular (English titles and descriptions): function words
# never count; a generic word counts only beside another word ("Korean companies").
FUNCTION_WORDS = _words(
    """a an the of in at on with and to for by from into its his her their as is are was
    were be been this that these those who which what where when how about after before
    over under up down out between through during since until while other others also
    more most some many much such than then there here would could should which whose
    being having where every each both only into onto upon within without against"""
)
GENERIC_WORDS = _words(
    """new first last meeting meetings visit visits visiting briefing briefed talks tour
    tours mayor city cities seoul korea korean china chinese government day days morning
    afternoon evening trip delegation"""
)
# Hangul endings taken off a word of an event's title (조사 and a few verb endings).
PARTICLES = sorted(
    _words(
        """에서는 에서 으로 에게 까지 부터 와의 과의 이다 하고 하는 했다 한다
        을 를 은 는 이 가 의 에 와 과 도 로 만"""
    ),
    key=len,
    reverse=True,
)
# Generic endings of organisation names, so "서울우유" finds 서울우유협동조합.
NAME_SUFFIXES = ("협동조합", "주식회사", "合作社", "協同組合", "有限公司", "株式会社")
# Too general to name anything on their own (variants made from a longer name).
GENERIC = frozenset(
    squeezed(word)
    for word in _words(
        "中国 中國 韩国 韓国 중국 한국 日本 일본 china korea japan seoul 서울 首尔 ソウル"
    )
)

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
_QUOTED = re.compile(r"[‘'“\"「『]([^‘'’“”\"「」『』]{2,16})[’'”\"」』]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\u30a0-\u30ffA-Za-z]+")


@dataclass
class Term:
    """One name or phrase to look for, and what it points at."""

    text: str  # as written, for reasons
    key: str  # squeezed
    pattern: re.Pattern | None  # Latin names: whole words only
    # (trip pk, entity) → points for the trip; (trip pk, entity) → {engagement pk: points}
    trips: dict = field(default_factory=dict)
    events: dict = field(default_factory=lambda: defaultdict(dict))

    def found_in(self, sentence: Sentence) -> bool:
        if self.pattern is None:
            # A Japanese article may join a long name's parts with の: 臨時政府の旧跡.
            return self.key in sentence.squeezed or loose(self.key) in sentence.loose
        return self.key in sentence.squeezed and bool(self.pattern.search(sentence.folded))


@dataclass
class TripInfo:
    """One trip as read: its visit, engagements and releases, and the quantities that
    only one of its events' descriptions gives."""

    visit: Visit
    engagements: dict  # pk → Engagement
    releases: list  # PressRelease rows of the trip
    numbers: dict = field(default_factory=dict)  # a quantity one event's description gives


class Gazetteer:
    """The trips, their events and the names that point at them, read once per batch;
    with ``trip``, that trip's only."""

    def __init__(self, *, trip=None):
        visits = Visit.objects.select_related("official").prefetch_related(
            Prefetch("legs", queryset=Leg.objects.select_related("city")),
            Prefetch(
                "engagements",
                queryset=Engagement.objects.select_related(
                    "place__city", "place__parent__parent"
                ).prefetch_related("people", "organizations"),
            ),
            Prefetch(
                "releases",
                queryset=PressRelease.objects.defer(
                    *localized("body", "lead", "withdrawal_reason"),
                    "body",
                    "lead",
                    "withdrawal_reason",
                ).prefetch_related("engagements"),
            ),
        )
        if trip is not None:
            visits = visits.filter(pk=trip.pk)
        self.trips: dict[int, TripInfo] = {}
        self.terms: dict[str, Term] = {}
        self.details: set[tuple[str, int]] = set()  # (term key, event) from a description
        self._city_keys: set[str] = set()
        for visit in visits:
            self.trips[visit.pk] = TripInfo(
                visit=visit,
                engagements={e.pk: e for e in visit.engagements.all()},
                releases=list(visit.releases.all()),
            )
            for leg in visit.legs.all():
                self._city_keys.update(squeezed(name) for name in translations(leg.city, "name"))
        for info in self.trips.values():
            self._index_trip(info)

    def _add(self, text: str, trip_pk: int, entity, trip_points: float, events=None) -> None:
        key = squeezed(text)
        if len(key) < 2 or key in GENERIC:
            return
        cjk = has_cjk(text)
        if not cjk and len(key) < 3:
            return
        term = self.terms.get(key)
        if term is None:
            term = self.terms[key] = Term(
                text=text.strip(), key=key, pattern=None if cjk else latin_pattern(text)
            )
        slot = (trip_pk, entity)
        term.trips[slot] = max(term.trips.get(slot, 0), trip_points)
        for pk, points in (events or {}).items():
            term.events[slot][pk] = max(term.events[slot].get(pk, 0), points)

    def _variants(self, name: str) -> set[str]:
        """A name and the shorter forms an article uses: the parts in brackets, without
        a leading city or "the", without a generic ending (협동조합), a person's first
        two names (Matthew Cheung Kin-chung → Matthew Cheung)."""
        name = name.strip()
        found = {name}
        for inside in re.findall(r"[(（]([^)）]+)[)）]", name):
            found.add(inside.strip())
        outside = re.sub(r"\s*[(（][^)）]*[)）]\s*", " ", name).strip()
        found.add(outside)
        for value in list(found):
            if value.lower().startswith("the "):
                found.add(value[4:])
            for suffix in NAME_SUFFIXES:
                if value.endswith(suffix) and len(value) > len(suffix) + 1:
                    found.add(value[: -len(suffix)].strip())
            first = value.split(" ", 1)
            if len(first) == 2 and squeezed(first[0]) in self._city_keys:
                found.add(first[1])
            elif has_han(value) and not has_hangul(value):
                for city in self._city_keys:
                    if value.casefold().startswith(city) and len(value) - len(city) >= 4:
                        found.add(value[len(city) :])
        return {value for value in found if value and squeezed(value) not in self._city_keys}

    def _index_trip(self, info: TripInfo) -> None:
        visit = info.visit
        trip = visit.pk
        for leg in visit.legs.all():
            for name in translations(leg.city, "name"):
                self._add(name, trip, ("city", leg.city_id), 1)
        for name in translations(visit.official, "name"):
            for variant in self._variants(name):
                self._add(variant, trip, ("person", visit.official_id), 3)

        # How many events each place (as its own place or an area around it), person and
        # organisation belongs to: a name shared by several events points at none of them.
        inside: dict[int, set[int]] = defaultdict(set)  # place pk → events in or under it
        people: dict[int, set[int]] = defaultdict(set)
        orgs: dict[int, set[int]] = defaultdict(set)
        places = {}
        for engagement in info.engagements.values():
            place = engagement.place
            while place is not None:
                inside[place.pk].add(engagement.pk)
                places[place.pk] = place
                place = place.parent
            for person in engagement.people.all():
                people[person.pk].add(engagement.pk)
            for org in engagement.organizations.all():
                orgs[org.pk].add(engagement.pk)
        for engagement in info.engagements.values():
            own = engagement.place
            if own is not None:
                area = len(inside[own.pk]) > 1
                for name in translations(own, "name"):
                    for variant in self._variants(name):
                        self._add(
                            variant, trip, ("place", own.pk), 2,
                            {engagement.pk: AREA if area else STRONG},
                        )  # fmt: skip
                ancestor = own.parent
                while ancestor is not None:
                    for name in translations(ancestor, "name"):
                        for variant in self._variants(name):
                            self._add(
                                variant, trip, ("place", ancestor.pk), 2, {engagement.pk: AREA}
                            )
                    ancestor = ancestor.parent
            for person in engagement.people.all():
                points = STRONG if len(people[person.pk]) == 1 else WEAK
                for name in translations(person, "name"):
                    for variant in self._variants(name):
                        self._add(variant, trip, ("person", person.pk), 3, {engagement.pk: points})
            for org in engagement.organizations.all():
                points = STRONG if len(orgs[org.pk]) == 1 else WEAK
                for name in translations(org, "name"):
                    for variant in self._variants(name):
                        self._add(variant, trip, ("org", org.pk), 2, {engagement.pk: points})
        self._index_titles(info)

    def _index_titles(self, info: TripInfo) -> None:
        """Distinctive phrases of event titles (strong), single words of titles (weak),
        and the details of their descriptions and their places' (weak, and told apart:
        "Tiangong", "prototypes", 5,000 m²): those of one event of the trip only."""
        trip = info.visit.pk
        names = {
            squeezed(variant)
            for term in self.terms.values()
            for (trip_pk, _entity) in term.trips
            if trip_pk == trip
            for variant in (term.text,)
        } | self._city_keys
        official = {
            squeezed(word)
            for name in translations(info.visit.official, "name")
            for word in name.split()
        }
        phrases: dict[str, dict[int, str]] = defaultdict(dict)  # key → {event: text}
        words: dict[str, dict[int, str]] = defaultdict(dict)  # of titles
        details: dict[str, dict[int, str]] = defaultdict(dict)  # of descriptions
        numbers: dict[int, set[int]] = defaultdict(set)  # 5000 → {event}

        def usable(word: str) -> bool:
            key = squeezed(word)
            return (
                key not in FUNCTION_WORDS
                and key not in self._city_keys
                and key not in official
                and key not in GENERIC
            )

        def plain(word: str) -> bool:
            return usable(word) and squeezed(word) not in GENERIC_WORDS

        for engagement in info.engagements.values():
            pk = engagement.pk
            for title in translations(engagement, "title"):
                if has_hangul(title):
                    tokens = [_strip_particle(t) for t in _HANGUL_WORD.findall(title)]
                    tokens = [t for t in tokens if len(t) >= 2 and plain(t)]
                    for token in tokens:
                        (phrases if len(token) >= 4 else words)[squeezed(token)][pk] = token
                    for first, second in itertools.pairwise(tokens):
                        phrases[squeezed(first + second)][pk] = f"{first} {second}"
                elif has_cjk(title):
                    # No spaces: runs of ideographs and katakana outside the names
                    # already indexed, read four characters at a time.
                    rest = folded(title)
                    for name in sorted(names, key=len, reverse=True):
                        if len(name) >= 2:
                            rest = rest.replace(name, " ")
                    for run in _CJK_RUN.findall(rest):
                        if has_cjk(run):
                            for i in range(len(run) - 3):
                                phrases[run[i : i + 4]][pk] = run[i : i + 4]
                else:
                    tokens = re.findall(r"[^\W_]+(?:-[^\W_]+)*", title)
                    for token in tokens:
                        if len(token) >= 4 and plain(token):
                            words[squeezed(token)][pk] = token
                    for first, second in itertools.pairwise(tokens):
                        if usable(first) and usable(second) and (plain(first) or plain(second)):
                            phrases[squeezed(f"{first} {second}")][pk] = f"{first} {second}"
            descriptions = translations(engagement, "description")
            if engagement.place is not None:
                descriptions += translations(engagement.place, "description")
            for description in descriptions:
                for number in numbers_in(description):
                    numbers[number].add(pk)
                for quoted in _QUOTED.findall(description):
                    if plain(quoted):
                        details[squeezed(quoted)][pk] = quoted
                for token in _LATIN_WORD.findall(description):
                    if plain(token) and (
                        len(token) >= 5 or (token[0].isupper() and len(token) >= 4)
                    ):
                        details[squeezed(token)][pk] = token
                for token in _HANGUL_WORD.findall(description):
                    token = _strip_particle(token)
                    if len(token) >= 3 and plain(token):
                        details[squeezed(token)][pk] = token
        for key, events in phrases.items():
            if len(events) == 1 and key not in names:
                ((pk, text),) = events.items()
                self._add(text, trip, ("title", pk), 1, {pk: STRONG})
        for key, events in words.items():
            if len(events) == 1 and key not in phrases:
                ((pk, text),) = events.items()
                self._add(text, trip, ("word", pk), 0, {pk: WEAK})
        for key, events in details.items():
            if len(events) == 1 and key not in phrases and key not in words and key not in names:
                ((pk, text),) = events.items()
                self._add(text, trip, ("detail", pk), 0, {pk: WEAK})
                self.details.add((key, pk))
        info.numbers = {n: next(iter(events)) for n, events in numbers.items() if len(events) == 1}

    def find(self, sentences: list[Sentence]) -> dict[str, list[int]]:
        """Each term found → the indexes of the sentences holding it."""
        whole = "\n".join(s.squeezed for s in sentences)
        whole_loose = loose(whole)
        found = {}
        for key, term in self.terms.items():
            if key in whole or (term.pattern is None and loose(key) in whole_loose):
                where = [i for i, sentence in enumerate(sentences) if term.found_in(sentence)]
                if where:
                    found[key] = where
        # A term inside a longer one found at the same place is the longer one's part:
        # "Wanda Plaza" within "Wukesong Wanda Plaza" is not a second name.
        for key in list(found):
            if (
                any(
                    key != other and key in other and set(found[key]) <= set(found[other])
                    for other in found
                )
                and not self.terms[key].events
            ):
                del found[key]
        return found


def _strip_particle(word: str) -> str:
    for ending in PARTICLES:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word
