"""Embargoed distribution: accredited journalists, the lists publishers keep of them, and
the personal links through which a scheduled release reaches them before its minute.

* `JournalistList` and `Journalist`: who may receive a release under embargo (one address,
  one language, one time zone each).
* `EmbargoLink`: one per release and journalist (a unique pair: each journalist gets one
  link and one mail per release, unless a publisher resends on purpose); its `key` is the
  secret the link carries, compared in constant time; revoked, it answers 410. It keeps
  a copy of who it went to (name, address, outlet), so that deleting a journalist keeps
  the log; a release that has links cannot be deleted (withdraw it).
* `EmbargoOpen`: each time a link was opened, from where (the address the trusted
  proxies saw), with what browser: the log publishers read.

The rules (what may be sent, when a link shows the release) live in
`press.distribution`; must not import it, the admin or the views.
"""

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .alerts import normalise_address
from .fields import SITE_LANGUAGE_CHOICES

DEFAULT_ZONE = "Asia/Seoul"
#: How much of a browser's User-Agent the log keeps.
USER_AGENT_LENGTH = 300


def validate_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("“%(value)s” is not a time zone name; use one like Asia/Seoul or Europe/Paris."),
            code="unknown_zone",
            params={"value": value},
        )


def new_link_key() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


class JournalistList(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Who is on this list and why; only the press office sees it."),
    )

    class Meta:
        verbose_name = _("journalist list")
        verbose_name_plural = _("journalist lists")
        ordering = ["name"]

    def __str__(self):
        return self.name


class JournalistQuerySet(models.QuerySet):
    def receiving(self):
        """Journalists whose address may get mail: active and not suppressed."""
        from .alerts import SuppressedAddress

        return self.filter(active=True).exclude(email__in=SuppressedAddress.objects.values("email"))


class Journalist(models.Model):
    name = models.CharField(_("name"), max_length=200)
    outlet = models.ForeignKey(
        "press.Outlet",
        verbose_name=_("outlet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journalists",
        help_text=_("The outlet from the newsroom's list, when it is there."),
    )
    outlet_name = models.CharField(
        _("outlet name"),
        max_length=200,
        blank=True,
        help_text=_("For an outlet that is not in the newsroom's list (or a freelancer)."),
    )
    email = models.EmailField(
        _("email address"),
        max_length=254,
        unique=True,
        help_text=_("Kept in lower case; one journalist per address."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=SITE_LANGUAGE_CHOICES,
        default=settings.LANGUAGE_CODE,
        help_text=_(
            "Embargoed mail and its page come in this language when the release is ready "
            "in it, otherwise in the language the release goes out in first."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=DEFAULT_ZONE,
        validators=[validate_zone],
        help_text=_(
            "Where the journalist works, as an IANA name (Asia/Seoul, Europe/London, "
            "America/New_York): the embargo time is given in it, and in Seoul's."
        ),
    )
    lists = models.ManyToManyField(
        JournalistList, verbose_name=_("lists"), blank=True, related_name="journalists"
    )
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to stop all embargoed mail to this journalist without deleting."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        ordering = ["name", "email"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="journalist_email_lower_case"
            ),
        ]

    def __str__(self):
        outlet = self.outlet_display
        return f"{self.name} ({outlet})" if outlet else self.name

    def save(self, *args, **kwargs):
        self.email = normalise_address(self.email)
        super().save(*args, **kwargs)

    @property
    def outlet_display(self) -> str:
        return str(self.outlet) if self.outlet_id else self.outlet_name

    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_ZONE)


class EmbargoLink(models.Model):
    # The log of who received an embargoed copy outlives the release's deletion only if
    # the release stays: a release that was sent cannot be deleted (withdraw it instead).
    release = models.ForeignKey(
        "press.PressRelease",
        verbose_name=_("release"),
        on_delete=models.PROTECT,
        related_name="embargo_links",
    )
    # Deleting a journalist keeps the log: the link keeps who it went to (the copies).
    journalist = models.ForeignKey(
        Journalist,
        verbose_name=_("journalist"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="embargo_links",
    )
    journalist_name = models.CharField(_("name"), max_length=200, blank=True, editable=False)
    journalist_email = models.EmailField(
        _("email address"), max_length=254, blank=True, editable=False
    )
    journalist_outlet = models.CharField(_("outlet"), max_length=200, blank=True, editable=False)
    key = models.CharField(
        _("key"),
        max_length=64,
        default=new_link_key,
        editable=False,
        help_text=_("The secret part of the personal link."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(
        _("mailed"),
        null=True,
        blank=True,
        help_text=_("When the mail left; empty while it is queued or when it was skipped."),
    )
    revoked_at = models.DateTimeField(
        _("revoked"),
        null=True,
        blank=True,
        help_text=_("From then on the link answers “no longer available”."),
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("embargoed link")
        verbose_name_plural = _("embargoed links")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "journalist"], name="one_embargo_link_per_journalist"
            ),
            models.UniqueConstraint(fields=["key"], name="embargo_link_key_unique"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("created_at")),
                name="embargo_link_revoked_after_created",
            ),
        ]

    def __str__(self):
        return f"{self.release} → {self.recipient}"

    @property
    def recipient(self) -> str:
        """Who the link went to, as copied when it was made or last mailed: still there
        once the journalist is deleted."""
        name = self.journalist_name or self.journalist_email
        return f"{name} ({self.journalist_outlet})" if self.journalist_outlet else name

    def copy_journalist(self, journalist) -> None:
        self.journalist_name = journalist.name
        self.journalist_email = journalist.email
        self.journalist_outlet = journalist.outlet_display

    @property
    def token(self) -> str:
        return f"{self.pk}.{self.key}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class EmbargoOpen(models.Model):
    link = models.ForeignKey(
        EmbargoLink, verbose_name=_("link"), on_delete=models.CASCADE, related_name="opens"
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now, editable=False)
    ip_address = models.GenericIPAddressField(
        _("address"),
        null=True,
        blank=True,
        help_text=_("The reader's address as the site's trusted proxies saw it."),
    )
    user_agent = models.CharField(_("browser"), max_length=USER_AGENT_LENGTH, blank=True)

    class Meta:
        verbose_name = _("embargoed link opened")
        verbose_name_plural = _("embargoed links opened")
        ordering = ["-opened_at", "-pk"]
        get_latest_by = "opened_at"
        indexes = [models.Index(fields=["link", "opened_at"])]

    def __str__(self):
        return f"{self.link_id} @ {self.opened_at:%Y-%m-%d %H:%M}"
