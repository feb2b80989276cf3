"""Step 4 of the desk, the only one that writes: a batch of clippings recognised and placed
(`recognise_batch`), then each confirmed one saved as a draft with its clipping archived
(`save_recognition`), all or nothing per clipping. The admin's review screen and
``manage.py import_clippings`` both call these, so they refuse alike.

Every outcome is one line an editor reads, in their language: ``herald.txt: created
coverage 12``, ``#2 (Seoul mayor watches…): already have release 4``, ``#3: refused:
<reason>``, or ``refused: <reason>`` alone when the reason names the clipping itself
(``refused: empty.txt is empty.``) (`Outcome.line`, labels from `batch_labels`).

Builds on `press.models` and `visits`; must not import the admin, views or feeds.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby

import reversion
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from visits.publishing import Status
from visits.text import LANGUAGE_CODES
from visits.timezone import in_newsroom

from ..models import NEEDS, Clipping, Coverage, Outlet, PressRelease
from ..sanitize import sanitize_html
from . import duplicates
from .matching import Matcher
from .recognising import OutletIndex, recognise
from .results import COVERAGE, RELEASE, Recognition, Refused, Source

#: What became of one clipping (`Outcome.result`).
CREATED, ALREADY, REFUSED = "created", "already", "refused"
#: The right to import each kind of clipping.
ADD_PERMISSION = {COVERAGE: "press.add_coverage", RELEASE: "press.add_pressrelease"}
#: Lines of a city release's text that are bullet points (the SMG pages use these).
BULLET = re.compile(r"^\s*[-*•·▪◦○●■□▶►‣※]\s*")
#: How much of a pasted clipping's headline its label shows: "#2 (Seoul mayor watches…)".
LABEL_HEADLINE_CHARS = 32


@dataclass(frozen=True)
class Outcome:
    """What became of one clipping: created, already there, or refused (and why)."""

    label: str  # the clipping's file name, or #n (and its headline) for a pasted one
    result: str  # CREATED, ALREADY or REFUSED
    kind: str = COVERAGE
    pk: int | None = None
    reason: str = ""  # why it was refused, or which record it duplicates
    #: What a created coverage item still needs, as short labels ("needs a date").
    needs: tuple[str, ...] = ()

    @property
    def created(self) -> bool:
        return self.result == CREATED

    @property
    def refused(self) -> bool:
        return self.result == REFUSED

    def message(self) -> str:
        """The outcome without the label, in the active language."""
        if self.result == REFUSED:
            return gettext("refused: %(reason)s") % {"reason": self.reason}
        if self.result == ALREADY:
            if self.kind == RELEASE:
                return gettext("already have release %(id)s") % {"id": self.pk}
            return gettext("already have coverage %(id)s") % {"id": self.pk}
        if self.kind == RELEASE:
            return gettext("created release %(id)s") % {"id": self.pk}
        text = gettext("created coverage %(id)s") % {"id": self.pk}
        return f"{text} ({'; '.join(self.needs)})" if self.needs else text

    def line(self) -> str:
        """``label: message``; a refusal whose reason names the clipping already says
        only ``refused: <reason>``, so that the label is not said twice."""
        if self.result == REFUSED and self.label and self.label in self.reason:
            return self.message()
        return f"{self.label}: {self.message()}"


def label_of(item: Recognition | Refused | Source, number: int = 0) -> str:
    """Which clipping of a batch an item is: its file name, or #n."""
    if isinstance(item, Recognition):
        return item.source.label
    if isinstance(item, Source):
        return item.label
    return item.name or f"#{number}"


def batch_labels(
    items: Iterable[Recognition | Refused | Source], sources: Iterable | None = None
) -> list[str]:
    """Each item's label; clippings that share a file name are told apart by their
    place in the batch (``herald.txt #2``), and a pasted one shows the start of its
    headline (``#2 (Seoul mayor watches…)``): its recognised headline, or for one refused
    before that its first line, when ``sources`` gives the `Source` each item came from."""
    items = list(items)
    sources = list(sources) if sources is not None else [None] * len(items)
    labels = [label_of(item, number) for number, item in enumerate(items, 1)]
    shared = {label for label, count in Counter(labels).items() if count > 1}
    for index, (item, given) in enumerate(zip(items, sources, strict=True)):
        source = item.source if isinstance(item, Recognition) else item
        if not isinstance(source, Source):
            source = given
        if not isinstance(source, Source):
            continue
        if labels[index] in shared and source.name:
            labels[index] = f"{source.name} #{source.number}"
        elif not source.name:
            headline = headline_of(item, source)
            if headline:
                labels[index] = f"{labels[index]} ({shortened(headline)})"
    return labels


def headline_of(item, source: Source) -> str:
    """A pasted clipping's headline as recognised, or else its first line of text."""
    if isinstance(item, Recognition) and item.headline:
        return " ".join(str(item.headline.value).split())
    for line in source.original.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""


def shortened(text: str, length: int = LABEL_HEADLINE_CHARS) -> str:
    """``text`` cut to ``length`` characters, an ellipsis ending what was cut."""
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip(" ,.;:") + "\N{HORIZONTAL ELLIPSIS}"


def naming(reason: str, name: str, label: str) -> str:
    """``reason`` naming the clipping by its whole label: a reading or recognising step
    names it ``#1`` or ``herald.txt``, the batch ``#1 (Seoul mayor…)``."""
    if not name or name == label or label in reason:
        return reason
    tail = r"(?!\d)" if name[-1:].isdigit() else ""
    return re.sub(re.escape(name) + tail, lambda _match: label, reason, count=1)


def refused(item: Refused, number: int = 0, *, label: str = "") -> Outcome:
    label = label or label_of(item, number)
    return Outcome(label, REFUSED, reason=naming(item.message, item.name, label))


# --- recognising a batch -------------------------------------------------------------


def recognise_batch(
    sources_or_refusals: Iterable[Source | Refused],
    *,
    trip=None,
    refuse_ties: bool = True,
    progress: Callable[[int], None] | None = None,
) -> list[Recognition | Refused]:
    """Each clipping recognised, placed on its trip and checked against what the newsroom
    has, in the order given; a `Refused` (from reading, or found here) keeps its place.

    The outlets and trips are read once for the whole batch. ``trip`` (a `Visit`) is the
    trip every clipping is about, when the editor knows it. A clipping that fits two
    trips equally well is refused when ``refuse_ties`` (the command: ``--trip`` chooses);
    the admin keeps it and has the editor choose. ``progress(done)`` after each clipping.
    """
    outlets = OutletIndex()
    matcher = Matcher(trip=trip)
    batch = duplicates.Batch()  # a clipping pasted twice in one go: the second is a duplicate
    results: list[Recognition | Refused] = []
    for done, item in enumerate(sources_or_refusals, 1):
        if isinstance(item, Refused):
            item.name = item.name or f"#{done}"
            results.append(item)
        else:
            recognition = recognise_one(
                item, outlets, matcher, batch, trip=trip, refuse_ties=refuse_ties
            )
            results.append(recognition)
        if progress is not None:
            progress(done)
    return results


def recognise_one(
    source: Source, outlets: OutletIndex, matcher: Matcher, batch, *, trip, refuse_ties: bool
) -> Recognition | Refused:
    try:
        recognition = recognise(source, outlets=outlets)
        matcher.place(recognition)  # first: a release's duplicate is looked for on its trip
        if recognition.duplicate is None:
            recognition.duplicate = duplicates.find_duplicate(recognition, batch=batch)
        tie_refused = refuse_ties and trip is None and is_tied(recognition)
        if recognition.duplicate is None and tie_refused:
            batch.forget(recognition)  # no model for a later copy: refused as well
            raise Refused(tie_message(recognition.trip_candidates))
    except Refused as refusal:
        refusal.name = refusal.name or source.label
        return refusal
    return recognition


def is_tied(recognition: Recognition) -> bool:
    """Whether two or more trips fit the clipping equally well (the editor chooses)."""
    return len(recognition.trip_candidates) > 1


def tie_message(trips) -> str:
    names = [str(trip) for trip in trips]
    if len(names) == 2:
        return gettext("matches two trips equally: %(first)s and %(second)s") % {
            "first": names[0],
            "second": names[1],
        }
    return gettext("matches several trips equally: %(trips)s") % {"trips": "; ".join(names)}


# --- saving one clipping -------------------------------------------------------------


def save_recognition(
    recognition: Recognition, *, user=None, create_outlet: bool = False, label: str = ""
) -> Outcome:
    """Save a confirmed clipping as a draft (coverage, or for the city's release page a
    press release) with the clipping archived beside it: all of it, or nothing.

    The draft is never public by itself: status draft, no publication time for coverage
    (an editor reviews it, then a publisher approves it). Whatever the draft lacks is
    left empty and shows in `Coverage.needs()`. An unknown outlet is created only when
    ``create_outlet`` (the editor confirmed it on the review screen); otherwise the item
    is saved without one and the outcome says which outlet it needs. ``user`` (the
    editor, None for the command) needs the right to add the kind of record. ``label``
    names the clipping in the outcome (by default its file name or #n).
    """
    label = label or recognition.source.label
    try:
        check_permission(user, recognition.kind)
        with transaction.atomic():
            # Asked again of the newsroom as it is now: an earlier clipping of the same
            # batch is saved by now (or was refused, and this one goes in instead).
            duplicate = duplicates.find_duplicate(recognition)
            if duplicate is not None:
                return Outcome(
                    label, ALREADY, duplicate.kind, duplicate.pk, reason=duplicate.reason
                )
            with reversion.create_revision():
                if user is not None:
                    reversion.set_user(user)
                reversion.set_comment(gettext("Imported from a clipping"))
                # The importing editor owns the draft, as one typed in the admin
                # (the dashboard's "drafts by their owner"); the command's have none.
                owner = user if getattr(user, "pk", None) else None
                if recognition.is_release:
                    record = save_release(recognition, owner=owner)
                    clipping = Clipping(release=record)
                else:
                    record = save_coverage(recognition, create_outlet=create_outlet, owner=owner)
                    clipping = Clipping(coverage=record)
                archive(clipping, recognition, user=user)
    except (PermissionDenied, Refused) as refusal:
        return Outcome(label, REFUSED, recognition.kind, reason=str(refusal))
    except ValidationError as error:  # a rule checked outside full_clean
        return Outcome(label, REFUSED, recognition.kind, reason=describe(error))
    except IntegrityError:
        # Checked first (full_clean), so only a save made meanwhile by someone else
        # gets here; the transaction is undone and importing again says what it is.
        return Outcome(
            label,
            REFUSED,
            recognition.kind,
            reason=gettext("it clashes with a record saved meanwhile; import it again"),
        )
    if recognition.is_release:
        return Outcome(label, CREATED, RELEASE, record.pk)
    return Outcome(label, CREATED, COVERAGE, record.pk, needs=coverage_needs(record, recognition))


def check_permission(user, kind: str) -> None:
    if user is None or user.has_perm(ADD_PERMISSION[kind]):
        return
    if kind == RELEASE:
        raise PermissionDenied(
            gettext("this is a city press release, and you may not add press releases")
        )
    raise PermissionDenied(gettext("you may not add coverage"))


def coverage_needs(coverage: Coverage, recognition: Recognition) -> tuple[str, ...]:
    """What the outcome line tells of a saved item: a missing outlet (named, when the
    clipping gave its name) and a missing date. A missing address or byline is the rule
    for clippings rather than news; the list's filter shows those."""
    needs = []
    if coverage.outlet_id is None:
        name = recognition.outlet_name.strip()
        needs.append(
            gettext('needs an outlet: "%(name)s"') % {"name": name}
            if name
            else str(NEEDS["outlet"][0])
        )
    if coverage.published_on is None:
        needs.append(str(NEEDS["date"][0]))
    return tuple(needs)


def value(guess, default=None):
    return guess.value if guess else default


def engagements_of(recognition: Recognition, trip) -> list:
    """The events the clipping is about; an item's events belong to its trip."""
    engagements = list(value(recognition.engagements, []))
    strays = [e for e in engagements if e.visit_id != getattr(trip, "pk", None)]
    if strays and trip is None:
        raise Refused(gettext("choose the trip of the events it covers"))
    if strays:
        raise Refused(
            gettext("events not part of %(trip)s: %(engagements)s")
            % {"trip": trip, "engagements": "; ".join(str(e) for e in strays)}
        )
    return engagements


def checked_save(record) -> None:
    """Save ``record`` once it passes the checks a form makes, so a broken rule is a
    message for the editor (naming the field), never the database's error."""
    try:
        record.full_clean()
    except ValidationError as error:
        raise Refused(describe(error, type(record))) from error
    record.save()


def save_coverage(recognition: Recognition, *, create_outlet: bool, owner=None) -> Coverage:
    trip = value(recognition.trip)
    engagements = engagements_of(recognition, trip)
    coverage = Coverage(
        outlet=outlet_of(recognition, create=create_outlet),
        headline=value(recognition.headline, ""),
        subheadlines="\n".join(line.strip() for line in recognition.subheadlines if line.strip()),
        byline=value(recognition.byline, ""),
        language=value(recognition.language, ""),
        published_on=value(recognition.published_on),
        published_time=value(recognition.published_time),
        url=value(recognition.url, ""),
        summary="",  # the editor's own words; the article's text stays in the clipping
        visit=trip,
        status=Status.DRAFT,
        published_at=None,
        owner=owner,
    )
    checked_save(coverage)
    coverage.engagements.set(engagements)
    coverage.releases.set(value(recognition.releases, []))
    return coverage


def outlet_of(recognition: Recognition, *, create: bool) -> Outlet | None:
    """The recognised outlet; or, when the editor confirmed it, the outlet the clipping
    names, made now (or found, when an earlier clipping of the batch made it)."""
    if recognition.outlet:
        return recognition.outlet.value
    name = recognition.outlet_name.strip()
    if not create or not name:
        return None
    same_name = Q()
    for code in LANGUAGE_CODES:
        same_name |= Q(**{f"{build_localized_fieldname('name', code)}__iexact": name})
    existing = Outlet.objects.filter(same_name).first()
    if existing is not None:
        return existing
    language = value(recognition.language, "")
    outlet = Outlet(
        language=language, kind=Outlet.Kind.NEWSPAPER, domains=recognition.outlet_domain.strip()
    )
    name_language = language if language in LANGUAGE_CODES else "en"
    setattr(outlet, build_localized_fieldname("name", name_language), name)
    checked_save(outlet)
    return outlet


def release_date(day: dt.date | None) -> dt.datetime | None:
    """A city release page gives a date, no time. Noon in Seoul stands for it: inside the
    office's working day, and the same calendar date wherever in Asia, Oceania or Europe
    it is read, so the draft sorts and shows on its own day; a publisher sets the real
    time when approving it. A draft's time is only proposed: it stays unpublished."""
    if day is None:
        return None
    return in_newsroom(day, dt.time(12))


def release_body(text: str, extra_paragraphs: Iterable[str] = ()) -> str:
    """The release's text as rich text: a paragraph per block of lines, and bullet lines
    as one list (whether the cleaned text keeps them together or a blank line apart);
    escaped, then sanitised as an editor's text is."""
    pieces: list[tuple[bool, str]] = [(False, line.strip()) for line in extra_paragraphs]
    for block in re.split(r"\n\s*\n", text or ""):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        for bulleted, run in groupby(lines, key=lambda line: bool(BULLET.match(line))):
            if bulleted:
                pieces += [(True, BULLET.sub("", line, count=1)) for line in run]
            else:
                pieces.append((False, " ".join(run)))
    parts = []
    for bulleted, run in groupby((piece for piece in pieces if piece[1]), key=lambda p: p[0]):
        if bulleted:
            items = "".join(f"<li><p>{html.escape(line)}</p></li>" for _, line in run)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts += [f"<p>{html.escape(line)}</p>" for _, line in run]
    return sanitize_html("".join(parts))


def save_release(recognition: Recognition, *, owner=None) -> PressRelease:
    language = value(recognition.language, "en")
    if language not in LANGUAGE_CODES:
        language = "en"
    trip = value(recognition.trip)
    engagements = engagements_of(recognition, trip)
    subheadlines = [line.strip() for line in recognition.subheadlines if line.strip()]
    subtitle, *more = subheadlines or [""]
    release = PressRelease(
        number=value(recognition.number) or None,
        original_language=language,
        visit=trip,
        status=Status.DRAFT,
        published_at=release_date(value(recognition.published_on)),
        owner=owner,
    )
    texts = {
        "title": value(recognition.headline, ""),
        "subtitle": subtitle,
        "body": release_body(recognition.text, more),
    }
    for name, text in texts.items():
        setattr(release, build_localized_fieldname(name, language), text)
    checked_save(release)
    release.engagements.set(engagements)
    return release


def archive(clipping: Clipping, recognition: Recognition, *, user=None) -> Clipping:
    """The clipping kept untouched beside its cleaned text (staff only)."""
    source = recognition.source
    clipping.original = source.original
    clipping.original_name = source.name[: Clipping._meta.get_field("original_name").max_length]
    clipping.media_type = source.media_type
    clipping.text = recognition.text
    clipping.fingerprint = recognition.fingerprint or duplicates.fingerprint(recognition.text)
    clipping.imported_by = user if getattr(user, "pk", None) else None
    checked_save(clipping)
    return clipping


def describe(error: ValidationError, model=None) -> str:
    """A refusal as one line: each message, after the name of its field of ``model``."""
    if not hasattr(error, "error_dict"):
        return " ".join(dict.fromkeys(error.messages))
    parts = []
    for name, errors in error.message_dict.items():
        text = " ".join(dict.fromkeys(errors))
        label = field_label(model, name)
        parts.append(f"{label}: {text}" if label else text)
    return "; ".join(parts)


def field_label(model, name: str) -> str:
    if model is None or name == NON_FIELD_ERRORS:
        return ""
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
