"""manage.py requeue_stalled_tasks [--minutes 60]: queue again the tasks whose worker died.

Run it every few minutes beside the workers (README, "Background work"); see
`visits.tasks.stalled`.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from visits.tasks.stalled import requeue_stalled


class Command(BaseCommand):
    help = (
        "Queue again every task that has been running for longer than any task can (its "
        "worker was killed or its machine lost), so that another worker runs it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=60,
            help="A task running for longer than this is taken to be stalled (default 60).",
        )

    def handle(self, *args, minutes=60, verbosity=1, **options):
        if minutes < 1:
            raise CommandError("--minutes must be at least 1.")
        requeued = requeue_stalled(older_than=dt.timedelta(minutes=minutes))
        if verbosity and requeued:
            plural = "" if requeued == 1 else "s"
            self.stdout.write(f"Queued {requeued} stalled task{plural} again.")
