"""Press contacts: whom journalists call about a release."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PressContact(models.Model):
    """Whom journalists call about a release."""

    name = models.CharField(_("name"), max_length=120)
    department = models.CharField(_("department"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.department})" if self.department else self.name
