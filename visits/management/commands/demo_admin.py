"""Create (or reset) the local demo's admin account and print its login."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create or reset the 'admin' superuser of the local demo and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=USERNAME)

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("demo_admin is for the local demo only (DEBUG is off).")
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localhost"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        verb = "Created" if created else "Reset"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} the demo admin login (local use only):\n")
            + "  URL:      http://127.0.0.1:8000/en/admin/\n"
            + f"  Username: {username}\n"
            + f"  Password: {password}"
        )
