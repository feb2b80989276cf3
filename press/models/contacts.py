"""Press contacts: whom journalists call about a release."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _


class PressContactQuerySet(models.QuerySet):
    def published(self):
        """Contacts readers may see: those named on a public release, whose pages show
        them already. A contact named only on drafts (or on none) stays internal, so no
        flag of its own is needed to keep it off the contacts page."""
        from .releases import PressRelease  # releases.py imports PressContact

        public = PressRelease.objects.published().filter(contact=OuterRef("pk"))
        return self.filter(Exists(public))


class PressContact(models.Model):
    """Whom journalists call about a release."""

    name = models.CharField(_("name"), max_length=120)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    objects = PressContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.department})" if self.department else self.name
