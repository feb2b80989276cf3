"""The small counts an itinerary shows of each event and leg of a trip: how many public
releases, articles and photos cover it ("2 releases · 3 articles · 4 photos"), worked out
for the whole trip in one query per kind. Imports no press: the items are reached through
the reverse relations of ``Engagement``."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.utils.translation import ngettext

from .models import Engagement


def related_model(name: str):
    """The model behind one of Engagement's reverse relations (press's, unimported)."""
    return Engagement._meta.get_field(name).related_model


@dataclass
class Counts:
    """How many public releases, articles and photos cover an event (or a leg)."""

    releases: int = 0
    coverage: int = 0
    photos: int = 0

    def __bool__(self):
        return bool(self.releases or self.coverage or self.photos)

    def parts(self) -> list[str]:
        """ "2 releases", "3 articles", "4 photos": only the kinds there are."""
        found = []
        if self.releases:
            found.append(
                ngettext("%(count)d release", "%(count)d releases", self.releases)
                % {"count": self.releases}
            )
        if self.coverage:
            found.append(
                ngettext("%(count)d article", "%(count)d articles", self.coverage)
                % {"count": self.coverage}
            )
        if self.photos:
            found.append(
                ngettext("%(count)d photo", "%(count)d photos", self.photos)
                % {"count": self.photos}
            )
        return found

    def __str__(self):
        return " · ".join(self.parts())


def covering_pairs(visit) -> dict[str, list[tuple[int, int]]]:
    """{kind: [(engagement pk, item pk), …]} of the trip's public releases, coverage and
    photos that cover its events: one query (a union of the three), whatever the number
    of events."""
    parts = []
    for kind, relation, path in (
        ("releases", "releases", "engagements"),
        ("coverage", "coverage", "engagements"),
        ("photos", "photos", "engagement"),
    ):
        # The same three names in every part: the database's columns come in one order
        # for all of them, which the union needs (Django orders them by their names).
        parts.append(
            related_model(relation)
            .objects.published()
            .filter(**{f"{path}__visit": visit})
            .annotate(kind=Value(kind, output_field=CharField()), event=F(path), item=F("pk"))
            .values_list("kind", "event", "item")
            .distinct()
            .order_by()
        )
    pairs = {"releases": [], "coverage": [], "photos": []}
    for kind, engagement_pk, item_pk in parts[0].union(*parts[1:], all=True):
        pairs[kind].append((engagement_pk, item_pk))
    return pairs


def attach_counts(visit, legs, engagements) -> None:
    """Give each engagement and each leg its `Counts` (``.public_counts``): a leg counts
    each item once, however many of its events the item covers."""
    leg_of = {e.pk: e.leg_id for e in engagements}
    by_event: dict[int, Counts] = defaultdict(Counts)
    by_leg: dict[int, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for kind, pairs in covering_pairs(visit).items():
        for engagement_pk, item_pk in pairs:
            counts = by_event[engagement_pk]
            setattr(counts, kind, getattr(counts, kind) + 1)
            if engagement_pk in leg_of:
                by_leg[leg_of[engagement_pk]][kind].add(item_pk)
    for engagement in engagements:
        engagement.public_counts = by_event.get(engagement.pk, Counts())
    for leg in legs:
        found = by_leg.get(leg.pk, {})
        leg.public_counts = Counts(**{kind: len(items) for kind, items in found.items()})
