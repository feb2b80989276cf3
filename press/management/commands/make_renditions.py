"""manage.py make_renditions [--force]: make every photo's missing renditions now.

Each save queues its photo's renditions as a task (press/tasks.py); this fills any gap:
after restoring media, a change of the recipes (`press.renditions.RECIPES`), or a task
that failed or could not be queued. Safe to run at any time, beside the workers.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from press.models import Photo
from press.renditions import make_renditions
from visits.progress import Progress


class Command(BaseCommand):
    help = (
        "Make the responsive renditions (sizes, formats, crops) of every photo that lacks "
        "some, e.g. after restoring media, changing the rendition recipes, or a rendition "
        "task that failed. Saved photos get theirs from a task; this is for the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Make every rendition again, even existing ones."
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        photos = Photo.objects.exclude(image="").order_by("pk")
        # A progress line at the default verbosity (2 prints a line per photo, 0 nothing).
        counted = verbosity == 1
        total = photos.count() if counted else None
        bar = Progress(self.stdout, "Renditions", total, unit="photos")
        made = changed = 0
        failed = []
        with bar:
            for done, photo in enumerate(photos.iterator(chunk_size=200), 1):
                try:
                    count = make_renditions(photo, force=force)
                except DatabaseError:
                    raise
                except Exception as error:  # a missing original, a storage that refuses
                    bar.done()
                    failed.append(photo)
                    self.stderr.write(f"{photo.image.name} (photo #{photo.pk}): {error}")
                    continue
                changed += bool(count)
                made += count
                if count and verbosity >= 2:
                    self.stdout.write(f"{photo.image.name}: {count} files")
                elif counted:
                    bar.update(done, f"{made:,} files made")
        if verbosity:
            self.stdout.write(f"Made {made} rendition files for {changed} photos.")
        if failed:
            raise CommandError(
                f"{len(failed)} photo(s) could not be given their renditions (named above)."
            )
