"""manage.py rebuild_read_model [--kind press.pressrelease ...]: build every item page's
rows again.

The read model follows every commit, so this is for a first deployment, after a restore or
a bulk change that bypassed ``save()``, or after a change to the templates (every page
looks different). Pages stay right meanwhile: an item with no row is served by its view.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from visits.progress import Progress
from visits.readmodel.pages import registry
from visits.readmodel.upkeep import BATCH, rebuild


class Command(BaseCommand):
    help = "Build the read model's rows again (every kind of item page, or those named)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            metavar="KIND",
            help="Only this kind (repeatable): the model's label, e.g. press.pressrelease.",
        )
        parser.add_argument(
            "--newest",
            type=int,
            metavar="N",
            help="Only the N newest items of each kind (a full rebuild goes newest first).",
        )
        parser.add_argument(
            "--id",
            action="append",
            dest="ids",
            type=int,
            metavar="ID",
            help="Only this item (repeatable), e.g. after fixing one page by hand.",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH)

    def handle(
        self, *args, kinds=None, batch_size=BATCH, newest=None, ids=None, verbosity=1, **options
    ):
        kinds_known = registry()
        unknown = sorted(set(kinds or ()) - set(kinds_known))
        if unknown:
            raise CommandError(
                f"Unknown kind: {', '.join(unknown)}. Choose from {', '.join(kinds_known)}."
            )
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        if newest is not None and newest < 1:
            raise CommandError("--newest must be at least 1.")
        chosen = kinds or list(kinds_known)
        started = time.monotonic()
        totals = {}
        for kind in chosen:
            items = kinds_known[kind].rows()
            if ids:
                items = items.filter(pk__in=ids)
            totals[kind] = items.count() if newest is None else min(newest, items.count())
        bar = Progress(self.stdout, "Read model", sum(totals.values()), unit="items")
        finished: dict[str, int] = dict.fromkeys(chosen, 0)

        def progress(kind, done, made):
            finished[kind] = done
            if verbosity >= 2:
                self.stdout.write(f"  {kind}: {done} of {totals[kind]} items, {made} rows")
            elif verbosity:
                bar.update(sum(finished.values()), kind)

        with bar:
            made = rebuild(chosen, batch_size=batch_size, progress=progress, newest=newest, ids=ids)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {made} rows for {sum(finished.values())} items "
                    f"({', '.join(chosen)}) in {time.monotonic() - started:.1f} s."
                )
            )
