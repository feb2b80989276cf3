from django.core.management import call_command
from django.core.management.base import BaseCommand

from press.demo.loader import load_demo
from visits.progress import Progress


class Command(BaseCommand):
    help = (
        "Load the demo content: two official trips of Seoul's mayors with their itinerary, "
        "press releases, coverage and photos. Safe to run again: only what differs is written."
    )
    requires_migrations_checks = True

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        written = 0
        bar = Progress(self.stdout, "Demo content", unit="rows written")

        def log(message):
            nonlocal written
            if verbosity >= 2:
                self.stdout.write(message)
            elif verbosity:
                written += 1  # the loader logs each row it creates or updates
                bar.update(written)

        with bar:
            report = load_demo(log=log)
        # Photos saved now queued their renditions for the worker; make any still missing
        # here, so the demo shows its crops before a worker has run.
        call_command("make_renditions", verbosity=0)
        if verbosity < 1:
            return
        self.stdout.write(f"Demo content: {report.summary()}.")
        if not report.changed:
            self.stdout.write("No changes: the demo content was already up to date.")
            return
        created, updated = report.created.total(), report.updated.total()
        unchanged, deleted = report.unchanged.total(), report.deleted.total()
        message = f"Created {created}, updated {updated}, left {unchanged} unchanged"
        if deleted:
            message += f", removed {deleted}"
        message += f"; wrote {report.images} image file{'' if report.images == 1 else 's'}."
        self.stdout.write(self.style.SUCCESS(message))
