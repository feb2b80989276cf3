# CJK punctuation in the patterns is meant.
# ruff: noqa: RUF001
"""Step 3 of the desk: the trip, events and releases a recognised clipping is about.

`Matcher` reads every trip once per batch (legs, cities, engagements with their places,
people and organisations, releases), in a fixed number of queries, and turns their names
in the four languages into terms. `Matcher.place` then looks for those terms in a
clipping, sentence by sentence:

* **The trip** scores its names found in the text (the official 3, people met 3, places
  and organisations 2, distinctive words of event titles 1, cities 1) and the article's
  date (during the trip or up to `DAYS_AFTER` days after it: 3; up to `DAYS_BEFORE` days
  before: 3 for an announcement, 1 otherwise; further away: -3), plus 1 when a day the
  text names (`mentioned_dates`: "지난달 31일", "昨日", "on Wednesday") falls in the trip.
  A trip needs at least one name of its own, and `PLACE_AT` points (`PLACE_AT_UNDATED`
  without a date). Two trips with the best score are both returned as candidates.
* **The events** (engagements of that trip) the article is *about*, not every one it
  names. Strong evidence for an event: its own place, the people and organisations met
  there (when met at that event only), the distinctive phrases of its title ("startup
  street", "한국기업", "城市规划"). Weak: a single word of its title, a *detail* of its or
  its place's description found in no other event ("Tiangong", "prototypes", the 5,000 m²
  of a camp, in any script: 5천㎡), half for an area holding several events (Zhongguancun).
  An event is covered when a sentence names it strongly and

  - is the headline or a sub-headline, or names the event's own day (the sentence's dates,
    "이날"/"that day" told from the day before, and a sentence going on with "then" or
    "이어" keeps it), or
  - gives a second strong name or a detail, unless it says it is background ("earlier",
    "앞서", "此前", "先立ち"), or
  - two sentences or more give evidence for it (4 points together), one of them naming
    it strongly and not as background.

  An article covers only events up to its own date (one of 31 January that says the
  mayor "is scheduled to meet Carrie Lam on Friday" does not cover that meeting); a
  release page may announce any. So the JoongAng Daily's closing line recalling the Yin
  Yong talks and the Wanda booth links neither (TRIPS.md), while the same article's one
  line on the Peking University camp, with its 5,000 m², links the camp. An undated
  article's days are read within its trip ("the 31st" of a trip ending 1 August is 31
  July).
* **The releases** of that trip sharing one of those events and out by the article's date
  (a draft or a release scheduled later is not what the article followed), and any whose
  title in some language is nearly the headline; a release page's own release is not one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname

from press.models import PressRelease
from visits.models import Engagement, Leg, Visit
from visits.publishing import Status
from visits.text import LANGUAGE_CODES

from .duplicates import release_number
from .mentioned_dates import mentioned_dates
from .normalising import (
    folded,
    has_cjk,
    has_han,
    has_hangul,
    latin_pattern,
    numbers_in,
    similarity,
    squeezed,
)
from .results import Guess, Recognition

#: An article appears during its trip or in the days after it; an announcement before.
DAYS_AFTER = 14
DAYS_BEFORE = 14
#: Points a trip needs to be proposed, with the article's date and without it.
PLACE_AT = 4
PLACE_AT_UNDATED = 4
#: A release's title this alike to the headline is the same release.
SAME_TITLE = 0.85

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
# A sentence recalling something from before the article's subject.
BACKGROUND = re.compile(
    r"(?<![a-z])(?:earlier|previously|before that|prior to|meanwhile)(?![a-z])"
    r"|앞서|이보다 먼저|한편|此前|早前|之前|另外|先立ち|先立って|これに先立|一方",
    re.IGNORECASE,
)
# An article that looks ahead: an announcement may come before its trip.
ANNOUNCES = re.compile(
    r"(?<![a-z])(?:will|to visit|to travel|is to|plans to|leaves? (?:today|on|for))(?![a-z])"
    r"|예정|할 계획|나선다|떠난다|방문한다|찾는다|将|拟|予定|訪れる|訪問する",
    re.IGNORECASE,
)
# A sentence going on from the one before, on the same day.
CONTINUES = re.compile(
    r"(?<![a-z])(?:then|afterwards|after that|later|next)(?![a-z])"
    r"|이어|곧이어|뒤이어|이후|随后|接着|然后|之后|続いて|その後|引き続き",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")
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
            return self.key in sentence.squeezed or _loose(self.key) in sentence.loose
        return self.key in sentence.squeezed and bool(self.pattern.search(sentence.folded))


def _loose(text: str) -> str:
    return text.replace("の", "")


@dataclass
class Sentence:
    text: str
    folded: str
    squeezed: str
    headline: bool = False
    background: bool = False
    dates: frozenset = frozenset()
    numbers: frozenset = frozenset()

    @property
    def loose(self) -> str:
        return _loose(self.squeezed)


@dataclass
class Evidence:
    """What one sentence says for one event."""

    strong: set = field(default_factory=set)  # keys of its names and title phrases
    weak: float = 0  # points of its words, details and areas
    detail: bool = False  # a detail of its description: "Tiangong", 5,000 m²


@dataclass
class TripInfo:
    visit: Visit
    engagements: dict  # pk → Engagement
    releases: list  # PressRelease rows of the trip
    numbers: dict = field(default_factory=dict)  # a quantity one event's description gives


def _names(obj, field_name: str = "name") -> list[str]:
    return [
        value.strip()
        for code in LANGUAGE_CODES
        if (value := getattr(obj, build_localized_fieldname(field_name, code), "") or "").strip()
    ]


def _title(obj) -> str:
    return str(obj)


class Matcher:
    """The trips, their events and the names that point at them, read once per batch.

    ``Matcher(trip=visit)`` fixes the trip (``import_clippings --trip SLUG``): only its
    events and releases are then looked for.
    """

    def __init__(self, *, trip=None):
        self.fixed_trip = trip
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
                    *(
                        build_localized_fieldname(name, code)
                        for name in ("body", "lead", "withdrawal_reason")
                        for code in LANGUAGE_CODES
                    ),
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
                self._city_keys.update(squeezed(name) for name in _names(leg.city))
        for info in self.trips.values():
            self._index_trip(info)

    # --- the terms -----------------------------------------------------------------

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
            for name in _names(leg.city):
                self._add(name, trip, ("city", leg.city_id), 1)
        for name in _names(visit.official):
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
                for name in _names(own):
                    for variant in self._variants(name):
                        self._add(
                            variant, trip, ("place", own.pk), 2,
                            {engagement.pk: AREA if area else STRONG},
                        )  # fmt: skip
                ancestor = own.parent
                while ancestor is not None:
                    for name in _names(ancestor):
                        for variant in self._variants(name):
                            self._add(
                                variant, trip, ("place", ancestor.pk), 2, {engagement.pk: AREA}
                            )
                    ancestor = ancestor.parent
            for person in engagement.people.all():
                points = STRONG if len(people[person.pk]) == 1 else WEAK
                for name in _names(person):
                    for variant in self._variants(name):
                        self._add(variant, trip, ("person", person.pk), 3, {engagement.pk: points})
            for org in engagement.organizations.all():
                points = STRONG if len(orgs[org.pk]) == 1 else WEAK
                for name in _names(org):
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
        official = {squeezed(word) for name in _names(info.visit.official) for word in name.split()}
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
            for title in _names(engagement, "title"):
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
            descriptions = _names(engagement, "description")
            if engagement.place is not None:
                descriptions += _names(engagement.place, "description")
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

    # --- placing a clipping --------------------------------------------------------------

    def place(self, recognition: Recognition) -> None:
        """Fill ``trip``, ``trip_candidates``, ``engagements`` and ``releases``."""
        on = recognition.published_on.value
        sentences = self._sentences(recognition, on)
        found = self._find_terms(sentences)

        if self.fixed_trip is not None:
            chosen = self.trips.get(self.fixed_trip.pk)
            recognition.trip = Guess(self.fixed_trip, 1.0, _("Chosen for this import."))
            recognition.trip_candidates = []
        else:
            chosen = self._place_trip(recognition, sentences, found, on)
        if chosen is None:
            recognition.engagements = Guess([], 0.0, "")
            recognition.releases = Guess([], 0.0, "")
            return
        if on is None:
            # Undated: "31일", "the 31st" and "the next day" read within the trip.
            sentences = self._sentences(recognition, chosen.visit.end_date)
        # Coverage reports what has happened: an event after the article's date is only
        # looked forward to ("is scheduled to meet Carrie Lam on Friday"). A release
        # announces what is to come.
        until = on if on is not None and not recognition.is_release else None
        covered = self._events(chosen, sentences, found, until=until)
        recognition.engagements = covered
        recognition.releases = self._releases(chosen, recognition, covered.value or [], on)

    def _sentences(self, recognition: Recognition, on: dt.date | None) -> list[Sentence]:
        """The headline, the sub-headlines and the text's sentences, each with the days it
        names ("이날", "전날" and "that day" told from the day the sentence before spoke
        of; a sentence going on with "then", "이어", "随后" is on that day too) and the
        quantities it gives outside its dates."""
        heads = [recognition.headline.value or "", *recognition.subheadlines]
        body = _SENTENCE_END.split(recognition.text or "")
        seen, result, context = set(), [], None
        for index, text in enumerate([*heads, *body]):
            text = (text or "").strip()
            key = squeezed(text)
            if not key or key in seen:
                continue
            seen.add(key)
            mentions = mentioned_dates(text, on, context)
            days = {m.date or m.month_day for m in mentions}
            if not days and context is not None and index >= len(heads) and CONTINUES.search(text):
                days = {context}
            if mentions and mentions[-1].date:
                context = mentions[-1].date
            undated = text
            for mention in reversed(mentions):
                undated = undated[: mention.start] + " " + undated[mention.end :]
            result.append(
                Sentence(
                    text=text,
                    folded=folded(text),
                    squeezed=key,
                    headline=index < len(heads),
                    background=bool(BACKGROUND.search(text)),
                    dates=frozenset(days),
                    numbers=frozenset(numbers_in(undated)),
                )
            )
        return result

    def _find_terms(self, sentences: list[Sentence]) -> dict[str, list[int]]:
        """Each term found → the indexes of the sentences holding it."""
        whole = "\n".join(s.squeezed for s in sentences)
        loose = _loose(whole)
        found = {}
        for key, term in self.terms.items():
            if key in whole or (term.pattern is None and _loose(key) in loose):
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

    def _place_trip(self, recognition, sentences, found, on):
        scores: dict[int, float] = defaultdict(float)
        names: dict[int, dict] = defaultdict(dict)  # trip → {entity: (points, text)}
        for key in found:
            term = self.terms[key]
            for (trip_pk, entity), points in term.trips.items():
                if points and (points, len(term.text)) > (
                    names[trip_pk].get(entity, (0, ""))[0],
                    len(names[trip_pk].get(entity, (0, ""))[1]),
                ):
                    names[trip_pk][entity] = (points, term.text)
        announcing = recognition.is_release or any(ANNOUNCES.search(s.text) for s in sentences)
        mentioned = set().union(*(s.dates for s in sentences)) if sentences else set()
        reasons: dict[int, list[str]] = defaultdict(list)
        for trip_pk, info in self.trips.items():
            if not names[trip_pk]:
                continue
            visit = info.visit
            points = sum(p for p, _text in names[trip_pk].values())
            ordered = sorted(names[trip_pk].values(), key=lambda v: -v[0])
            shown = list(dict.fromkeys(text for _p, text in ordered))[:4]
            if on is not None:
                if visit.start_date <= on <= visit.end_date:
                    points += 3
                    reasons[trip_pk].append(
                        _("Published %(date)s, during the trip.") % {"date": date_format(on)}
                    )
                elif visit.end_date < on <= visit.end_date + dt.timedelta(days=DAYS_AFTER):
                    points += 3
                    days = (on - visit.end_date).days
                    reasons[trip_pk].append(
                        ngettext(
                            "Published %(date)s, %(days)d day after the trip.",
                            "Published %(date)s, %(days)d days after the trip.",
                            days,
                        )
                        % {"date": date_format(on), "days": days}
                    )
                elif visit.start_date - dt.timedelta(days=DAYS_BEFORE) <= on < visit.start_date:
                    points += 3 if announcing else 1
                    reasons[trip_pk].append(
                        (
                            _("Published %(date)s, before the trip, announcing it.")
                            if announcing
                            else _("Published %(date)s, before the trip.")
                        )
                        % {"date": date_format(on)}
                    )
                else:
                    points -= 3
                    reasons[trip_pk].append(
                        _("Published %(date)s, far from the trip's dates.")
                        % {"date": date_format(on)}
                    )
            else:
                reasons[trip_pk].append(_("No date: placed by the names alone."))
            if any(_in_trip(day, visit) for day in mentioned):
                points += 1
                reasons[trip_pk].append(_("Names a day of the trip."))
            reasons[trip_pk].append(_("Names %(names)s.") % {"names": ", ".join(shown)})
            scores[trip_pk] = points

        needed = PLACE_AT if on is not None else PLACE_AT_UNDATED
        ranked = sorted(((s, pk) for pk, s in scores.items() if s >= needed), reverse=True)
        if not ranked:
            recognition.trip = Guess(
                None, 0.1 if scores else 0.0, _("No trip matches its date and names.")
            )
            recognition.trip_candidates = []
            return None
        best = ranked[0][0]
        tied = [self.trips[pk].visit for score, pk in ranked if score == best]
        if len(tied) > 1:
            recognition.trip = Guess(
                None,
                0.3,
                _("Matches these trips equally, choose one: %(trips)s.")
                % {"trips": "; ".join(str(visit) for visit in tied)},
            )
            recognition.trip_candidates = tied
            return None
        pk = ranked[0][1]
        confidence = min(0.95, 0.35 + 0.06 * best)
        if on is None:
            confidence = min(confidence, 0.6)
        if len(ranked) > 1:
            confidence = min(confidence, 0.35 + 0.1 * (best - ranked[1][0]))
        recognition.trip = Guess(self.trips[pk].visit, round(confidence, 2), " ".join(reasons[pk]))
        recognition.trip_candidates = []
        return self.trips[pk]

    def _events(self, info: TripInfo, sentences, found, *, until=None) -> Guess:
        evidence = self._evidence(info, sentences, found)
        covered = [
            info.engagements[pk]
            for pk, by_sentence in evidence.items()
            if (until is None or info.engagements[pk].date <= until)
            and self._covers(info.engagements[pk], by_sentence, sentences)
        ]
        covered.sort(key=lambda e: (e.date, e.start_time or dt.time(0), e.pk))
        if not covered:
            return Guess([], 0.0, _("No event of the trip is named."))
        named = []
        for engagement in covered:
            keys = sorted(
                {key for slot in evidence[engagement.pk].values() for key in slot.strong},
                key=len,
                reverse=True,
            )
            names = ", ".join(self.terms[key].text for key in keys[:2])
            named.append(f"{_title(engagement)} ({names})")
        reason = _("Named in the article: %(names)s.") % {"names": "; ".join(named)}
        return Guess(covered, 0.7, reason)

    def _evidence(self, info: TripInfo, sentences, found) -> dict:
        """event pk → sentence index → `Evidence` for it in that sentence."""
        trip = info.visit.pk
        evidence: dict[int, dict[int, Evidence]] = defaultdict(lambda: defaultdict(Evidence))
        for key, where in found.items():
            term = self.terms[key]
            for (trip_pk, _entity), events in term.events.items():
                if trip_pk != trip:
                    continue
                for pk, points in events.items():
                    for index in where:
                        slot = evidence[pk][index]
                        if points >= STRONG:
                            slot.strong.add(key)
                        else:
                            slot.weak += points
                            slot.detail = slot.detail or (key, pk) in self.details
        for index, sentence in enumerate(sentences):
            for number in sentence.numbers:
                if (pk := info.numbers.get(number)) is not None:
                    slot = evidence[pk][index]
                    slot.weak += WEAK
                    slot.detail = True
        return evidence

    @staticmethod
    def _covers(engagement, by_sentence: dict, sentences: list[Sentence]) -> bool:
        """Whether the article is about this event, from its evidence sentence by
        sentence: see the module's description."""
        day = {engagement.date, (engagement.date.month, engagement.date.day)}
        total, count, plain_strong = 0, 0, False
        for index, slot in by_sentence.items():
            sentence = sentences[index]
            # "InnoWay startup street" found along with "startup street" is one name.
            strong = slot.strong
            distinct = {key for key in strong if not any(key != o and key in o for o in strong)}
            on_day = bool(sentence.dates & day)
            if not distinct and slot.weak < WEAK:
                continue
            count += 1
            total += STRONG * min(len(distinct), 2) + min(slot.weak, 2) + (1 if on_day else 0)
            if distinct and (sentence.headline or on_day):
                return True
            if distinct and not sentence.background:
                plain_strong = True
                if len(distinct) >= 2 or slot.detail:
                    return True
        return plain_strong and count >= 2 and total >= 4

    def _releases(self, info: TripInfo, recognition, events, on) -> Guess:
        """The trip's releases sharing the article's events and out by its date (a draft
        or one scheduled later is not what it followed), and any whose title is nearly
        its headline; a release page's own release is left out."""
        wanted = {e.pk for e in events}
        cutoff = timezone.now() if on is None else None
        headline = recognition.headline.value or ""
        own_number = release_number(recognition.number.value or "")
        alike, shared = [], []
        for release in info.releases:
            same_title = bool(headline) and any(
                similarity(headline, title) >= SAME_TITLE for title in _names(release, "title")
            )
            if recognition.is_release:
                if same_title or (own_number and release_number(release.number) == own_number):
                    continue  # the release page itself
            elif same_title:
                alike.append(release)
                continue
            if release.status in (Status.DRAFT, Status.IN_REVIEW) or release.published_at is None:
                continue
            out = timezone.localtime(release.published_at)
            if (cutoff is not None and out > cutoff) or (on is not None and out.date() > on):
                continue
            if wanted & {e.pk for e in release.engagements.all()}:
                shared.append(release)
        if not alike and not shared:
            return Guess([], 0.0, _("No release of the trip covers these events."))
        reasons = []
        if alike:
            reasons.append(_("Nearly the same title: %(releases)s.") % {"releases": _listed(alike)})
        if shared:
            reasons.append(
                _("On the same events and out by the article's date: %(releases)s.")
                % {"releases": _listed(shared)}
            )
        return Guess(alike + shared, 0.9 if alike else 0.7, " ".join(reasons))


def _listed(releases) -> str:
    return ", ".join(release.number or str(release) for release in releases)


def _strip_particle(word: str) -> str:
    for ending in PARTICLES:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            return word[: -len(ending)]
    return word


def _in_trip(day, visit) -> bool:
    if isinstance(day, dt.date):
        return visit.start_date <= day <= visit.end_date
    month, number = day
    for year in {visit.start_date.year, visit.end_date.year}:
        try:
            candidate = dt.date(year, month, number)
        except ValueError:
            continue
        if visit.start_date <= candidate <= visit.end_date:
            return True
    return False
