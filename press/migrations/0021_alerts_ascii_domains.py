"""Addresses kept with their domain in ASCII (IDNA), as `normalise_address` now keeps them:
``a@exämple.com`` becomes ``a@xn--exmple-cua.com``, lower case either way (the check
constraints hold). A subscription whose ASCII spelling is already taken by another is
stopped, not deleted (its deliveries stay; the other one gets the mail); a suppression
already held in ASCII makes its Unicode twin redundant, which is deleted."""

from django.db import migrations
from django.utils import timezone


def ascii_address(address: str) -> str:
    # A copy of press.models.alerts.normalise_address as of this migration.
    local, at, domain = (address or "").strip().rpartition("@")
    if at:
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            pass
    return f"{local}{at}{domain}".lower()


def to_ascii(apps, schema_editor):
    Subscriber = apps.get_model("press", "Subscriber")
    SuppressedAddress = apps.get_model("press", "SuppressedAddress")
    for pk, old in list(Subscriber.objects.values_list("pk", "email")):
        email = ascii_address(old)
        if old.isascii() or email == old:
            continue
        if Subscriber.objects.filter(email=email).exists():
            Subscriber.objects.filter(pk=pk, stopped_at__isnull=True).update(
                stopped_at=timezone.now()
            )
        else:
            Subscriber.objects.filter(pk=pk).update(email=email)
    for pk, old in list(SuppressedAddress.objects.values_list("pk", "email")):
        email = ascii_address(old)
        if old.isascii() or email == old:
            continue
        if SuppressedAddress.objects.filter(email=email).exists():
            SuppressedAddress.objects.filter(pk=pk).delete()
        else:
            SuppressedAddress.objects.filter(pk=pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [("press", "0020_videos")]

    operations = [migrations.RunPython(to_ascii, migrations.RunPython.noop)]
