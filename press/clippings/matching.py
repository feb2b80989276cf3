"""Step 3 of the desk: the trip, events and releases a recognised clipping is about.

`Matcher` reads every trip once per batch (legs, cities, engagements with their places,
people and organisations, releases), in a fixed number of queries, and turns their names
in the four languages into terms (`gazetteer`). `Matcher.place` then looks for those terms
in a clipping, sentence by sentence (`sentences`):

* **The trip** (`trip_scoring`) scores its names found in the text (the official 3,
  people met 3, places and organisations 2, distinctive words of event titles 1, cities 1)
  and the article's date (during the trip or up to `DAYS_AFTER` days after it: 3; up to
  `DAYS_BEFORE` days before: 3 for an announcement, 1 otherwise; further away: -3), plus 1
  when a day the text names (`mentioned_dates`: "지난달 31일", "昨日", "on Wednesday")
  falls in the trip. A trip needs at least one name of its own, and `PLACE_AT` points
  (`PLACE_AT_UNDATED` without a date). Two trips with the best score are both returned as
  candidates.
* **The events** (`event_selection`) of that trip the article is *about*, not every one
  it names. Strong evidence for an event: its own place, the people and organisations met
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
* **The releases** (`release_relation`) of that trip sharing one of those events and out
  by the article's date (a draft or a release scheduled later is not what the article
  followed), and any whose title in some language is nearly the headline; a release
  page's own release is not one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .event_selection import select_events
from .gazetteer import Gazetteer
from .release_relation import related_releases
from .results import Guess, Recognition
from .sentences import read_sentences
from .trip_scoring import place_trip

__all__ = ["Matcher"]


class Matcher:
    """The trips, their events and the names that point at them, read once per batch.

    ``Matcher(trip=visit)`` fixes the trip (``import_clippings --trip SLUG``): only its
    events and releases are then looked for.
    """

    def __init__(self, *, trip=None):
        self.fixed_trip = trip
        self.gazetteer = Gazetteer(trip=trip)

    def place(self, recognition: Recognition) -> None:
        """Fill ``trip``, ``trip_candidates``, ``engagements`` and ``releases``."""
        on = recognition.published_on.value
        sentences = read_sentences(recognition, on)
        found = self.gazetteer.find(sentences)

        if self.fixed_trip is not None:
            chosen = self.gazetteer.trips.get(self.fixed_trip.pk)
            recognition.trip = Guess(self.fixed_trip, 1.0, _("Chosen for this import."))
            recognition.trip_candidates = []
        else:
            chosen = place_trip(self.gazetteer, recognition, sentences, found, on)
        if chosen is None:
            recognition.engagements = Guess([], 0.0, "")
            recognition.releases = Guess([], 0.0, "")
            return
        if on is None:
            # Undated: "31일", "the 31st" and "the next day" read within the trip.
            sentences = read_sentences(recognition, chosen.visit.end_date)
        # Coverage reports what has happened: an event after the article's date is only
        # looked forward to ("is scheduled to meet Carrie Lam on Friday"). A release
        # announces what is to come.
        until = on if on is not None and not recognition.is_release else None
        covered = select_events(self.gazetteer, chosen, sentences, found, until=until)
        recognition.engagements = covered
        recognition.releases = related_releases(chosen, recognition, covered.value or [], on)
