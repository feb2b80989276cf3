"""manage.py import_clippings PATH [PATH ...] [--dry-run] [--trip SLUG]: news clippings
(.txt and .html files, or folders of them) in as coverage drafts, or release drafts for
the city's own release pages, each with its clipping archived.

One line per clipping (``herald.txt: created coverage 12``, ``… already have coverage 12``,
``… refused: <reason>``), then a summary. Exit status 0 when every clipping was handled
(created or already there), 1 when any was refused, 2 for an unknown ``--trip``. The rules
are `press.clippings.importing`'s, the admin's import uses the same.
"""

from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from press.clippings.importing import (
    ALREADY,
    CREATED,
    REFUSED,
    batch_labels,
    recognise_batch,
    refused,
    save_recognition,
)
from press.clippings.reading import read_paths
from press.clippings.results import Refused
from visits.models import Visit
from visits.progress import Progress


class Command(BaseCommand):
    help = (
        "Import news clippings (.txt and .html files, or folders of them) as coverage "
        "drafts, and the city's own release pages as release drafts, each with its clipping "
        "archived. Prints a line per clipping and a summary; exits with 1 when any clipping "
        "was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths", nargs="+", metavar="PATH", help="Clipping files, or folders of them."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check everything and print the same lines, but save nothing.",
        )
        parser.add_argument(
            "--trip",
            metavar="SLUG",
            help="The trip every clipping is about (its slug), instead of recognising it.",
        )

    def handle(self, *args, paths, dry_run=False, trip=None, verbosity=1, **options):
        visit = self.find_trip(trip) if trip else None
        items = list(read_paths(paths))
        if not items:
            raise CommandError("No .txt or .html files found in the paths given.")
        bar = Progress(self.stdout, "Recognising clippings", len(items), unit="clippings")
        with bar:
            recognitions = recognise_batch(items, trip=visit, progress=bar.update)
        labels = batch_labels(recognitions)
        # A dry run saves each clipping as the real run would (the same checks, the same
        # ids) in one transaction, undone at the end; a real run commits each on its own.
        with transaction.atomic() if dry_run else nullcontext():
            outcomes = []
            for number, (item, label) in enumerate(zip(recognitions, labels, strict=True), 1):
                if isinstance(item, Refused):
                    outcome = refused(item, number, label=label)
                else:
                    outcome = save_recognition(item, label=label)
                outcomes.append(outcome)
                self.stdout.write(outcome.line())
            if dry_run:
                transaction.set_rollback(True)
        counts = {
            result: sum(outcome.result == result for outcome in outcomes)
            for result in (CREATED, ALREADY, REFUSED)
        }
        summary = (
            f"created {counts[CREATED]}, already had {counts[ALREADY]}, refused {counts[REFUSED]}"
        )
        self.stdout.write(f"Dry run, nothing saved: {summary}." if dry_run else f"Done: {summary}.")
        if counts[REFUSED]:
            raise CommandError(f"{counts[REFUSED]} of {len(outcomes)} clippings refused.")

    def find_trip(self, slug: str) -> Visit:
        visit = Visit.objects.filter(slug=slug).first()
        if visit is not None:
            return visit
        known = Visit.objects.order_by("-start_date").values_list("slug", flat=True)[:10]
        raise CommandError(
            f'No trip has the slug "{slug}". The newest trips: {", ".join(known) or "none"}.',
            returncode=2,
        )
