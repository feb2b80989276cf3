"""Outlets: the newspapers, agencies and broadcasters that coverage comes from."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from visits.links import validate_outside_url
from visits.models import SluggedModel

from .fields import ARTICLE_LANGUAGE_CHOICES


class OutletQuerySet(models.QuerySet):
    def published(self):
        """Outlets with at least one public coverage item."""
        from .coverage import Coverage  # coverage.py imports Outlet

        return self.filter(Exists(Coverage.objects.published().filter(outlet=OuterRef("pk"))))


class Outlet(SluggedModel):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        WIRE = "wire", _("News agency")
        BROADCASTER = "broadcaster", _("Broadcaster")
        PORTAL = "portal", _("Online portal")
        GOVERNMENT = "government", _("Government")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.NEWSPAPER)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(
        _("primary language"),
        max_length=16,
        choices=ARTICLE_LANGUAGE_CHOICES,
        help_text=_("The language most of its articles are written in."),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_outside_url])
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_(
            "One per line: every other name the outlet goes by in clippings, such as a "
            "short name, an old name or the name in its copyright line (Herald Corporation). "
            "The names in every language above are matched already."
        ),
    )
    domains = models.TextField(
        _("web and e-mail domains"),
        blank=True,
        help_text=_(
            "One per line: the domains of its web addresses and of its reporters' e-mail "
            "(heraldcorp.com). The website's domain is matched already."
        ),
    )

    objects = OutletQuerySet.as_manager()

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.slug

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def domain_list(self) -> list[str]:
        return [line.strip().lower() for line in self.domains.splitlines() if line.strip()]
