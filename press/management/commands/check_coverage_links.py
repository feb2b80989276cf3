"""manage.py check_coverage_links [--wait] [--json] [--all] [ID …]: check coverage links.

Without ``--wait``, queues a check (`press.tasks.check_coverage_link`) for every item that
is due: never checked at its present address, or checked longer ago than
``PRESSROOM_LINK_CHECK_INTERVAL_DAYS`` (run it daily from cron; the workers do the rest).
With ``--wait``, checks them here, one after the other, and prints one line per item::

    #12 https://… ok
    #13 https://… moved https://…
    #14 https://… gone 404
    #15 https://… suspect: the page no longer carries the article's headline
    #16 https://… error: the host name does not resolve

``--json`` prints the same as a JSON list of {"id", "url", "status", "final_url",
"http_status", "archived"} (``archived``: the kinds of copy the item holds: ``warc``,
``pdf``, ``screenshot``, ``clipping``). Progress goes to the error stream, so the lines
and the JSON stay clean. ``--all`` takes every item with an address; IDs take those items.
"""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from press.linkcheck.check import check_coverage, due
from press.models import Coverage
from press.tasks import check_coverage_link
from visits.progress import Progress


class Command(BaseCommand):
    help = (
        "Check the coverage links that are due (never checked, or not for a week): queue "
        "them for the workers, or with --wait check them here and print each one's status."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Check these items only.")
        parser.add_argument(
            "--wait", action="store_true", help="Check here and print a line per item."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="With --wait: print a JSON list instead.",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            dest="every",
            help="Every item with an address, due or not.",
        )

    def handle(self, *args, ids=(), wait=False, as_json=False, every=False, verbosity=1, **options):
        if as_json and not wait:
            raise CommandError("--json prints what --wait finds: give both.")
        if ids:
            items = Coverage.objects.filter(pk__in=ids).exclude(url="").order_by("pk")
            missing = set(ids) - set(items.values_list("pk", flat=True))
            if missing:
                named = ", ".join(map(str, sorted(missing)))
                raise CommandError(f"No coverage item with an address has the id {named}.")
        elif every:
            items = Coverage.objects.exclude(url="").order_by("pk")
        else:
            items = due()
        if not wait:
            queued = 0
            for pk in items.values_list("pk", flat=True).iterator():
                check_coverage_link.enqueue(pk)
                queued += 1
            if verbosity:
                self.stdout.write(f"Queued {queued} coverage link check(s).")
            return
        self.check_here(items, as_json=as_json, verbosity=verbosity)

    def check_here(self, items, *, as_json: bool, verbosity: int) -> None:
        total = items.count()
        started = time.monotonic()
        found = []
        counts: dict[str, int] = {}
        show = Progress(self.stderr, "Checking links", total, unit="items") if verbosity else None
        for done, coverage in enumerate(items.iterator(chunk_size=100), 1):
            outcome = check_coverage(coverage)
            if outcome is None:
                continue
            counts[str(outcome.status)] = counts.get(str(outcome.status), 0) + 1
            if as_json:
                found.append(outcome.as_json())
            else:
                self.stdout.write(outcome.line())
            if show:
                show.update(done, outcome.url[:60])
        if show:
            show.done()
        if as_json:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=2))
        if verbosity:
            minutes = max(time.monotonic() - started, 1e-6) / 60
            summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
            self.stderr.write(
                f"Checked {total} link(s) in {minutes * 60:.1f} s "
                f"({total / minutes:.0f} a minute){': ' + summary if summary else ''}."
            )
