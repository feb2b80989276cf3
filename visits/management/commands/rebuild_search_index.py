"""manage.py rebuild_search_index [--kind release ...]: index everything again.

The index is kept in step after every save, so this is for a first deployment, after a
bulk import that bypassed ``save()``, or after a change to how text is analysed.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from visits.progress import Progress
from visits.search.documents import REGISTRY
from visits.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from the database (all kinds, or those named)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind",
            action="append",
            dest="kinds",
            metavar="KIND",
            help=f"Only this kind (repeatable): {', '.join(REGISTRY)}.",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, kinds=None, batch_size=500, verbosity=1, **options):
        unknown = sorted(set(kinds or ()) - set(REGISTRY))
        if unknown:
            raise CommandError(
                f"Unknown kind: {', '.join(unknown)}. Choose from {', '.join(REGISTRY)}."
            )
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        # A progress line at the default verbosity (2 prints a line per batch, 0 nothing).
        # rebuild() reports after each batch of rows, all full but a kind's last.
        counted = verbosity == 1
        totals = {}
        if counted:
            totals = {kind: REGISTRY[kind].rows().count() for kind in kinds or REGISTRY}
        batches = dict.fromkeys(totals, 0)
        bar = Progress(self.stdout, "Search index", sum(totals.values()), unit="items")

        def progress(kind, last_pk, made):
            if verbosity >= 2:
                self.stdout.write(f"  {kind}: up to #{last_pk}, {made} entries")
            elif counted:
                batches[kind] += 1
                rows = sum(min(batches[k] * batch_size, totals[k]) for k in totals)
                bar.update(rows, kind)

        with bar:
            made = rebuild(kinds, batch_size=batch_size, progress=progress)
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {made} entries ({', '.join(kinds or REGISTRY)}) "
                    f"in {time.monotonic() - started:.1f} s."
                )
            )
