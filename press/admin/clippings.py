"""The coverage desk in the admin: importing clippings from the coverage list (a form, a
review screen that saves nothing, then the editor's confirmation, saved through
`press.clippings.importing`). `CoverageAdmin` builds on `ClippingImportMixin`; the forms
are `clipping_upload` (step 1) and `clipping_forms` (the review), the archive of what was
imported `clipping_archive`.

The review screen carries each clipping's original (signed, compressed) and nothing else
the desk worked out: on confirm the originals are recognised again on the server and only
the editor's edits come from the form. Works without JavaScript: a button redraws the
events and releases offered once a trip is chosen (a small script only ticks the outlet's
option whose input the editor changes).

Messages name each clipping by its label as uploaded (``francais.txt``, ``#1 (Seoul
mayor…)``): the admin capitalises a message's first letter, so the label comes in a
``<bdi>``, which also keeps a name in a right-to-left script from turning the line round.
"""

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlencode

import lxml.html
from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from lxml import etree

from visits.adminkit.base import with_csp_nonce
from visits.models import Visit
from visits.text import localized

from ..clippings import importing, pages
from ..clippings.results import COVERAGE, RELEASE, Recognition, Refused, Source
from ..models import Coverage, PressRelease
from .clipping_forms import Choices, ClippingReviewForm, as_int, release_label
from .clipping_upload import BATCH_LIMIT, ClippingImportForm, pack, review_budget, unpack


@dataclass
class ReviewItem:
    """One clipping on the review screen: importable (with its form), a duplicate, or
    refused."""

    label: str  # as messages name it: "herald.txt", "#2 (Seoul mayor watches…)"
    name: str = ""  # as the desk's own reasons name it: "herald.txt", "#2"
    recognition: Recognition | None = None
    source: Source | None = None
    refusal: str = ""
    duplicate_url: str = ""
    duplicate_record: object = None  # the Coverage or PressRelease it duplicates
    duplicate_of: str = ""  # the label of the earlier clipping of this batch it repeats
    form: ClippingReviewForm | None = None
    packed: str = ""  # the source, carried to the confirmation
    prefix: str = ""  # its fields' prefix: c0, c1…

    @property
    def kind(self) -> str:
        return self.recognition.kind if self.recognition else COVERAGE

    @property
    def is_release(self) -> bool:
        return self.kind == RELEASE

    @property
    def heading(self) -> tuple[str, str]:
        """The legend of its part of the review: its label, and the headline found (in
        full: a pasted clipping's label shows only its start)."""
        headline = self.recognition.headline.value if self.recognition else ""
        if not headline:
            return self.label, ""
        pasted = self.source is not None and not self.source.name
        return (self.name if pasted else self.label), headline

    @property
    def lang(self) -> str:
        """The language of its texts, for the page's lang attribute (zh-hans → zh-Hans)."""
        code = self.recognition.language.value if self.recognition else ""
        return "zh-Hans" if code == "zh-hans" else code or ""

    @property
    def duplicate_name(self) -> str:
        """The record it duplicates as the review names it: headline, or number and title."""
        record = self.duplicate_record
        if isinstance(record, PressRelease):
            return release_label(record)
        return str(record) if record is not None else ""

    @cached_property
    def original_text(self) -> str:
        """An HTML clipping's text as its page reads (the markup is shown folded away)."""
        if self.source is None or not self.source.is_html:
            return ""
        return page_text(self.source.original)


def page_text(html: str) -> str:
    """The words of a page, a line per block, without its scripts, styles and forms."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*pages.SKIP)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter(*pages.BLOCKS, "br"):
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":
            element.text = "\n" + (element.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def labelled(template: str, label: str, **values) -> SafeString:
    """A message about one clipping: ``template`` (translated, with ``%(label)s``) with
    the label in a ``<bdi>`` and every value escaped."""
    values = {key: conditional_escape(value) for key, value in values.items()}
    values["label"] = format_html("<bdi>{}</bdi>", label)
    return mark_safe(conditional_escape(template) % values)


def admin_change_url(kind: str, pk) -> str:
    model = "pressrelease" if kind == RELEASE else "coverage"
    return reverse(f"admin:press_{model}_change", args=[pk])


class ClippingImportMixin:
    """The import views of `CoverageAdmin` ("Import clippings" on its list)."""

    import_template = "admin/press/coverage/import.html"
    review_template = "admin/press/coverage/import_review.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_import"
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name=name), *super().get_urls()]

    review_media = forms.Media(js=["js/clipping_review.js"])

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        step = request.POST.get("step") if request.method == "POST" else None
        if step == "confirm":
            return self.confirm_import(request)
        if step == "read":
            form = ClippingImportForm(request.POST, request.FILES)
            if form.is_valid():
                items = form.read()
                if any(isinstance(item, Source) for item in items):
                    return self.review(request, items, trip=form.cleaned_data["trip"])
                for item in items:
                    form.add_error("files" if item.name else "pasted", item.message)
        else:
            trip = as_int(request.GET.get("trip"))
            form = ClippingImportForm(initial={"trip": trip} if trip else None)
        return self.import_page(request, self.import_template, form=form)

    def import_page(self, request, template, *, media=None, **context):
        if media is None:
            media = context["form"].media if "form" in context else forms.Media()
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": gettext("Import clippings"),
                "media": with_csp_nonce(media, request),
                **context,
            },
        )

    # --- the review ----------------------------------------------------------------

    def review(self, request, items, *, trip):
        """The review screen of ``items`` (sources, and refusals to show)."""
        review_items, _choices = self.build_review(request, items, trip=trip)
        return self.review_page(request, review_items, trip=trip)

    def build_review(self, request, items, *, trip, data=None, prefixes=None):
        """Each clipping recognised, as a `ReviewItem`, and the choices its form offers.

        A clipping the editor may import gets a form, prefixed ``c0``, ``c1``… in the
        order carried (``prefixes``: the ones it had, when the review comes back bound
        to ``data``)."""
        recognitions = importing.recognise_batch(items, trip=trip, refuse_ties=False)
        labels = importing.batch_labels(recognitions, sources=items)
        posted_trips = []
        if data is not None:
            posted_trips = [as_int(data.get(f"{prefix}-trip")) for prefix in prefixes or ()]
        choices = Choices.load(recognitions, [getattr(trip, "pk", None), *posted_trips])
        reviewed, carried, budget = [], 0, review_budget()
        for position, (item, result, label) in enumerate(
            zip(items, recognitions, labels, strict=True)
        ):
            entry = ReviewItem(label=label, name=importing.label_of(result, position + 1))
            reviewed.append(entry)
            if isinstance(item, Refused):  # a file that could not be read: named only
                entry.refusal = item.message
                continue
            entry.source = item
            if isinstance(result, Recognition):
                entry.recognition = result
            # Every clipping read is carried, so that confirming reports on each one.
            entry.refusal = self.refusal(request, result, carried)
            if carried >= BATCH_LIMIT:
                continue
            entry.packed = pack(item)
            if budget is not None:
                budget -= len(entry.packed)
                if budget < 0:
                    entry.packed = ""
                    entry.refusal = gettext(
                        "too much text for one review: import this one in another batch"
                    )
                    continue
            entry.prefix = prefixes[position] if prefixes else f"c{carried}"
            carried += 1
            if entry.refusal:
                continue
            if result.duplicate is not None:
                if result.duplicate.pk:  # 0: an earlier clipping of this batch
                    entry.duplicate_url = admin_change_url(
                        result.duplicate.kind, result.duplicate.pk
                    )
                continue
            bound = data if data is not None and data.get(f"{entry.prefix}-source") else None
            entry.form = ClippingReviewForm(
                bound, prefix=entry.prefix, recognition=result, choices=choices, batch_trip=trip
            )
        self.find_duplicated(reviewed)
        return reviewed, choices

    def find_duplicated(self, review_items) -> None:
        """What each duplicate repeats: the record (two queries at most for the batch),
        or the earlier clipping of the batch."""
        labels = {item.name: item.label for item in review_items}
        wanted = {COVERAGE: set(), RELEASE: set()}
        for item in review_items:
            duplicate = item.recognition.duplicate if item.recognition else None
            if duplicate is None:
                continue
            if duplicate.pk:
                wanted[duplicate.kind].add(duplicate.pk)
            else:
                item.duplicate_of = labels.get(duplicate.earlier, duplicate.earlier)
        records = {}
        if wanted[COVERAGE]:
            rows = Coverage.objects.select_related("outlet").filter(pk__in=wanted[COVERAGE])
            records.update(((COVERAGE, row.pk), row) for row in rows)
        if wanted[RELEASE]:
            rows = PressRelease.objects.filter(pk__in=wanted[RELEASE]).defer(
                *localized("lead", "body", "withdrawal_reason")
            )
            records.update(((RELEASE, row.pk), row) for row in rows)
        for item in review_items:
            duplicate = item.recognition.duplicate if item.recognition else None
            if duplicate is not None and duplicate.pk:
                item.duplicate_record = records.get((duplicate.kind, duplicate.pk))

    def refusal(self, request, result, carried: int) -> str:
        """Why a recognised clipping cannot be imported from this review, or ''."""
        if isinstance(result, Refused):
            return result.message
        if result.duplicate is not None:
            return ""
        try:
            importing.check_permission(request.user, result.kind)
        except PermissionDenied as refusal:
            return str(refusal)
        if carried >= BATCH_LIMIT:
            return gettext(
                "one review holds at most %(count)d clippings: import this one in another "
                "batch (or all of them with manage.py import_clippings)"
            ) % {"count": BATCH_LIMIT}
        return ""

    def review_page(self, request, review_items, *, trip):
        positions = [int(item.prefix[1:]) for item in review_items if item.prefix]
        return self.import_page(
            request,
            self.review_template,
            media=self.review_media,
            items=review_items,
            count=max(positions, default=-1) + 1,
            importable=any(item.form is not None for item in review_items),
            batch_trip=getattr(trip, "pk", ""),
            title=gettext("Check the clippings before importing them"),
        )

    # --- the confirmation ----------------------------------------------------------

    def confirm_import(self, request):
        count = as_int(request.POST.get("count"))
        trip_id = as_int(request.POST.get("batch_trip"))
        trip = Visit.objects.filter(pk=trip_id).first() if trip_id else None
        prefixes, sources = [], []
        try:
            if count is None or count > BATCH_LIMIT:
                raise signing.BadSignature
            for index in range(count):
                # A clipping the review could not carry leaves its place empty.
                packed = request.POST.get(f"c{index}-source", "")
                if packed:
                    prefixes.append(f"c{index}")
                    sources.append(unpack(packed))
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            sources = []
        if not sources:
            self.message_user(
                request,
                gettext(
                    "This review page cannot be read back (it was changed, or is from an older "
                    "version): paste or upload the clippings again."
                ),
                messages.ERROR,
            )
            return redirect(reverse(f"admin:{self.opts.app_label}_coverage_import"))
        review_items, choices = self.build_review(
            request, sources, trip=trip, data=request.POST, prefixes=prefixes
        )
        reviewed_forms = [item.form for item in review_items if item.form is not None]
        redraw = "_redraw" in request.POST
        if redraw or not all(form.is_valid() for form in reviewed_forms if form.ticked):
            if redraw:
                review_items = self.redrawn(review_items, choices, trip)
            return self.review_page(request, review_items, trip=trip)
        return self.save_reviewed(request, review_items, choices)

    def redrawn(self, review_items, choices, trip):
        """The review as the editor left it, with the events and releases of the trips
        now chosen (those of a trip no longer chosen dropped; back on the trip the desk
        guessed, its guesses ticked again), and no errors shown."""
        for item in review_items:
            form = item.form
            if form is None:
                continue
            initial = {name: form[name].value() for name in form.fields}
            trip_id = as_int(initial.get("trip"))
            changed = trip_id != as_int(initial.get("drawn_trip"))
            guessed = form.guessed(trip_id) if changed else {}
            for name, rows in (
                ("engagements", choices.engagements),
                ("releases", choices.releases),
            ):
                offered = {pk for pk, _label in choices.of_trip(rows, trip_id)}
                ticked = guessed.get(name, initial.get(name) or ())
                initial[name] = [v for v in ticked if as_int(v) in offered]
            initial["drawn_trip"] = trip_id or ""
            item.form = ClippingReviewForm(
                prefix=form.prefix,
                recognition=item.recognition,
                choices=choices,
                batch_trip=trip,
                initial=initial,
            )
        return review_items

    def save_reviewed(self, request, review_items, choices):
        created = {COVERAGE: [], RELEASE: []}
        saved = {}  # a clipping's own label → its outcome, for a later copy in the batch
        for item in review_items:
            outcome = self.save_item(request, item, choices, saved)
            if outcome is None:
                continue
            self.report(request, outcome)
            if outcome.created:
                created[outcome.kind].append(outcome.pk)
                saved[item.source.label] = outcome
        self.log_imports(request, created)
        if created[COVERAGE] or not created[RELEASE]:
            target, ids = reverse("admin:press_coverage_changelist"), created[COVERAGE]
        else:
            target, ids = reverse("admin:press_pressrelease_changelist"), created[RELEASE]
        if ids:
            target += "?" + urlencode({"id__in": ",".join(str(pk) for pk in ids)})
        return redirect(target)

    def save_item(self, request, item, choices, saved) -> importing.Outcome | None:
        """Save one reviewed clipping as the editor confirmed it; what became of it
        (None when there is nothing to report)."""
        if item.refusal:
            reason = importing.naming(item.refusal, item.name, item.label)
            return importing.Outcome(item.label, importing.REFUSED, item.kind, reason=reason)
        duplicate = item.recognition.duplicate if item.recognition else None
        if duplicate is not None:
            pk = duplicate.pk or getattr(saved.get(duplicate.earlier), "pk", None)
            if pk:
                return importing.Outcome(item.label, importing.ALREADY, duplicate.kind, pk)
            text = gettext("%(label)s: not imported: %(reason)s, which was not imported either")
            self.message_user(
                request, labelled(text, item.label, reason=duplicate.reason), messages.INFO
            )
            return None
        if item.form is None:
            return None  # not carried (over the review's limit): named on the review
        if not item.form.ticked:
            text = gettext("%(label)s: not imported (left unticked)")
            self.message_user(request, labelled(text, item.label), messages.INFO)
            return None
        create_outlet = item.form.apply(choices)
        return importing.save_recognition(
            item.recognition, user=request.user, create_outlet=create_outlet, label=item.label
        )

    def report(self, request, outcome: importing.Outcome):
        if outcome.refused:
            line = outcome.line()
            if line.startswith(outcome.label):
                line = labelled("%(label)s: %(message)s", outcome.label, message=outcome.message())
            self.message_user(request, line, messages.ERROR)
            return
        text = format_html(
            '<bdi>{}</bdi>: <a href="{}">{}</a>',
            outcome.label,
            admin_change_url(outcome.kind, outcome.pk),
            outcome.message(),
        )
        self.message_user(request, text, messages.SUCCESS if outcome.created else messages.WARNING)

    def log_imports(self, request, created):
        """The admin's history (and "Recent actions") shows each draft as added."""
        for model, kind in ((Coverage, COVERAGE), (PressRelease, RELEASE)):
            if created[kind]:
                rows = model.objects.filter(pk__in=created[kind])
                for row in rows:
                    self.log_addition(request, row, [{"added": {}}])
