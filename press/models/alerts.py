"""Email alerts: readers who asked for releases by mail, what each was sent, and the
addresses no mail may go to.

* `Subscriber`: one address, one language, and what it follows (every release, or some
  trips and topics). It gets mail only once confirmed (double opt-in) and until it stops.
  Its `key` is what signed links (confirm, manage, unsubscribe) carry, never the address.
* `AlertDelivery`: one row per subscriber and release, written before the mail is sent;
  the unique pair is what makes each release reach each subscriber once, whatever the
  retries, workers or languages released late.
* `SuppressedAddress`: an address that bounced or complained (anymail's tracking
  signals) or was suppressed by hand; no alert or embargoed mail goes to it.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .fields import SITE_LANGUAGE_CHOICES, new_key


def ascii_domain(domain: str) -> str:
    """``exämple.com`` as mail servers know it, ``xn--exmple-cua.com`` (IDNA, as Django's
    `EmailValidator` checks it); a domain IDNA refuses stays as it is."""
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


def normalise_address(address: str) -> str:
    """The form an address is kept and compared in: trimmed, the domain in ASCII (IDNA:
    ``a@exämple.com`` and ``a@xn--exmple-cua.com`` are one address), lower case (the local
    part is case-sensitive by the letter of RFC 5321, by no mail service in practice)."""
    local, at, domain = (address or "").strip().rpartition("@")
    if at:
        domain = ascii_domain(domain)
    return f"{local}{at}{domain}".lower()


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        """Subscribers who get mail: confirmed, not stopped, address not suppressed."""
        return self.filter(confirmed_at__isnull=False, stopped_at__isnull=True).exclude(
            email__in=SuppressedAddress.objects.values("email")
        )

    def following(self, release):
        """Receiving subscribers in any language who follow ``release``: every release,
        its trip, or one of its topics."""
        follows = Q(everything=True)
        if release.visit_id:
            follows |= Q(trips=release.visit_id)
        follows |= Q(topics__in=release.topics.values("pk"))
        return self.receiving().filter(follows).distinct()


class Subscriber(models.Model):
    email = models.EmailField(
        _("email address"),
        max_length=254,
        unique=True,
        help_text=_("Kept in lower case; one subscription per address."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=SITE_LANGUAGE_CHOICES,
        help_text=_("Alerts come in this language, when a release goes out in it."),
    )
    everything = models.BooleanField(
        _("every release"),
        default=False,
        help_text=_("Every release in the language; otherwise only the trips and topics below."),
    )
    trips = models.ManyToManyField(
        "visits.Visit", verbose_name=_("trips"), blank=True, related_name="subscribers"
    )
    topics = models.ManyToManyField(
        "press.Topic", verbose_name=_("topics"), blank=True, related_name="subscribers"
    )
    key = models.UUIDField(
        _("key"),
        default=new_key,
        unique=True,
        editable=False,
        help_text=_("Carried, signed, by the confirm, manage and unsubscribe links."),
    )
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(
        _("confirmed"),
        null=True,
        blank=True,
        help_text=_("When the reader opened the confirmation link; no mail goes out before."),
    )
    stopped_at = models.DateTimeField(
        _("stopped"),
        null=True,
        blank=True,
        help_text=_("When the reader unsubscribed; no mail goes out after."),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscriber")
        verbose_name_plural = _("alert subscribers")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="subscriber_email_lower_case"
            ),
        ]
        indexes = [models.Index(fields=["language", "confirmed_at"])]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_address(self.email)
        super().save(*args, **kwargs)


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("skipped")


#: A queued row whose send task has not claimed it after this long is queued again, once
#: (its task was lost on the way to the queue): a row's first ``retry_at``.
REQUEUE_AFTER = timedelta(minutes=5)


def requeue_time():
    return timezone.now() + REQUEUE_AFTER


class AlertDelivery(models.Model):
    """The alert of one release to one subscriber. Written (queued) before the mail is
    sent, so a second worker, a retry or a language released later finds the row and sends
    nothing."""

    subscriber = models.ForeignKey(
        Subscriber,
        verbose_name=_("subscriber"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    release = models.ForeignKey(
        "press.PressRelease",
        verbose_name=_("release"),
        on_delete=models.CASCADE,
        related_name="alert_deliveries",
    )
    language = models.CharField(_("language"), max_length=8, choices=SITE_LANGUAGE_CHOICES)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    created_at = models.DateTimeField(_("queued"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("message ID"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(
        _("failed attempts"),
        default=0,
        editable=False,
        help_text=_("Times the mail server could not be reached for this alert."),
    )
    retry_at = models.DateTimeField(
        _("queued again at"),
        null=True,
        blank=True,
        default=requeue_time,
        editable=False,
        help_text=_("When a queued alert's send task is queued again, if it has not gone by then."),
    )

    class Meta:
        verbose_name = _("alert sent")
        verbose_name_plural = _("alerts sent")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "release"], name="one_alert_per_subscriber_and_release"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["status", "retry_at"], name="press_alert_status_retry_idx"),
        ]

    def __str__(self):
        return f"{self.release_id} → {self.subscriber_id}"


class SuppressionReason(models.TextChoices):
    BOUNCED = "bounced", _("bounced")
    COMPLAINED = "complained", _("complained (marked as spam)")
    UNSUBSCRIBED = "unsubscribed", _("unsubscribed at the provider")
    BY_HAND = "by_hand", _("suppressed by the office")


class SuppressedAddress(models.Model):
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    reason = models.CharField(_("reason"), max_length=16, choices=SuppressionReason.choices)
    detail = models.TextField(
        _("detail"), blank=True, help_text=_("What the mail provider reported, if anything.")
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=Lower("email")), name="suppressed_email_lower_case"
            ),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_address(self.email)
        super().save(*args, **kwargs)

    @classmethod
    def suppress(cls, address: str, reason: str, detail: str = "") -> "SuppressedAddress":
        """Stop all mail to ``address`` (idempotent: the first reason is kept)."""
        obj, _created = cls.objects.get_or_create(
            email=normalise_address(address), defaults={"reason": reason, "detail": detail}
        )
        return obj

    @classmethod
    def is_suppressed(cls, address: str) -> bool:
        return cls.objects.filter(email=normalise_address(address)).exists()
