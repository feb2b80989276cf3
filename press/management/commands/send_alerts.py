"""manage.py send_alerts [--send]: queue the email alerts now due (run every minute).

See `press.alerts.sending`: releases that went out in a language lately, to the receiving
subscribers of that language who follow them, minus those already written. The workers
(``manage.py db_worker``) send them; ``--send`` sends them in this process instead.
"""

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from press.alerts import sending


class Command(BaseCommand):
    help = (
        "Write and queue the email alerts of every release that went out lately in a "
        "language to that language's subscribers who follow it and were not sent it yet. "
        "Run it every minute; each subscriber gets each release once however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--send",
            action="store_true",
            help="Send the queued alerts in this process too (when no worker runs).",
        )

    def handle(self, *args, send=False, verbosity=1, **options):
        def heard(code, releases, written):
            if verbosity >= 2 or (verbosity and written):
                self.stdout.write(
                    f"{code}: {releases} release(s) out lately, {written} alert(s) queued"
                )

        try:
            done = sending.dispatch(progress=heard)
        except DatabaseError as error:
            self.stderr.write(f"Could not read or write the alerts: {error}")
            raise SystemExit(1) from None
        if done.requeued and verbosity:
            self.stdout.write(
                f"{done.requeued} alert(s) queued again (task lost or mail server unreachable)"
            )
        stuck = sending.stuck().count()
        if stuck:
            self.stderr.write(
                f"{stuck} alert(s) have been 'sending' for over an hour: their worker died "
                "mid-send. They are not sent again (they may have gone); see the alerts sent "
                "in the admin."
            )
        if send:

            def sent(index, total):
                if verbosity and (index == total or index % 50 == 0):
                    self.stdout.write(f"sent {index} of {total}")

            outcomes = sending.send_queued(progress=sent)
            if verbosity:
                summary = ", ".join(f"{count} {name}" for name, count in sorted(outcomes.items()))
                self.stdout.write(f"Sending done: {summary or 'nothing to send'}")
        elif verbosity:
            self.stdout.write(f"{sum(done.written.values())} alert(s) queued")
