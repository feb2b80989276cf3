from django.core.management.base import BaseCommand

from press.models import Photo
from press.renditions import make_renditions


class Command(BaseCommand):
    help = (
        "Make the responsive renditions (sizes, formats, crops) of every photo that lacks "
        "some, e.g. after restoring media or changing the rendition recipes. Photos saved "
        "in the admin get theirs at once; this is for the rest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Make every rendition again, even existing ones."
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        photos = made = 0
        for photo in Photo.objects.exclude(image="").iterator(chunk_size=200):
            count = make_renditions(photo, force=force)
            photos += bool(count)
            made += count
            if count and verbosity >= 2:
                self.stdout.write(f"{photo.image.name}: {count} files")
        if verbosity:
            self.stdout.write(f"Made {made} rendition files for {photos} photos.")
