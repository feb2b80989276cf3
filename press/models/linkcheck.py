"""Proof of coverage: what the last check of a coverage item's link found (`LinkState`),
and the copies of the article kept when it was seen alive (`ArchivedCopy`).

Both are the checker's (`press.linkcheck`), written by its task, never by editors.

`LinkState` is a row of its own beside `Coverage` (one-to-one, sharing its key) rather
than columns of it: a check is not an edit, so it neither takes the item's optimistic lock
(`Locked`), nor adds a revision that restoring an old version would roll back, nor widens
the public lists' queries, which read coverage rows by the thousand. A coverage item
with no state, or whose state is about another address than its own, was never checked.

`ArchivedCopy` files live under `ARCHIVE_PREFIX` on the media storage: staff only (the
article is its outlet's copyright). The public media route refuses that prefix whatever a
row says (`press.media`); staff download them through `press.linkcheck.admin`.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .coverage import Coverage

#: Where archived copies live on the media storage. Never served to the public.
ARCHIVE_PREFIX = "archives/"


class LinkStatus(models.TextChoices):
    OK = "ok", _("ok")
    MOVED = "moved", _("moved")
    GONE = "gone", _("gone")
    SUSPECT = "suspect", _("suspect")
    ERROR = "error", _("error")


#: The admin's and the command's name for an item with no state for its address.
NEVER_CHECKED = "never"


class Reason(models.TextChoices):
    """Why a link got its status (the detail, a number or a message, is stored beside)."""

    NONE = "", _("no reason")
    NOT_FOUND = "not_found", _("the outlet answers %(detail)s")
    HOME_PAGE = "home_page", _("the address now leads to the outlet's home page")
    SECTION = "section", _("the address now leads to a section front")
    HEADLINE = "headline", _("the page no longer carries the article's headline")
    MALFORMED = "malformed", _("the address is malformed")
    SCHEME = "scheme", _("only http and https addresses are checked")
    DNS = "dns", _("the host name does not resolve")
    PRIVATE = "private", _("the address is on a private network, which is never fetched")
    OUTSIDE = "outside", _("addresses outside this machine are not fetched here")
    TLS = "tls", _("the secure connection failed: %(detail)s")
    CONNECT = "connect", _("the outlet could not be reached: %(detail)s")
    TIMEOUT = "timeout", _("the outlet did not answer in time")
    TOO_LARGE = "too_large", _("the answer is larger than %(detail)s")
    LOOP = "loop", _("too many redirects (a loop)")
    HTTP = "http", _("the outlet answers %(detail)s")
    BUSY = "busy", _("another check of this host took too long")


class CaptureNote(models.TextChoices):
    """What became of the PDF and the screenshot when the page was archived."""

    NONE = "", _("made")
    NO_BROWSER = "no_browser", _("skipped: Chromium is not installed")
    FAILED = "failed", _("failed: %(detail)s")


class LinkState(models.Model):
    coverage = models.OneToOneField(
        Coverage,
        verbose_name=_("coverage item"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="link_state",
    )
    url = models.CharField(
        _("address checked"),
        max_length=600,
        help_text=_("The item's address when it was checked; another address is unchecked."),
    )
    status = models.CharField(_("link status"), max_length=8, choices=LinkStatus.choices)
    final_url = models.CharField(
        _("final address"),
        max_length=2000,
        blank=True,
        help_text=_("Where the address led after its redirects."),
    )
    http_status = models.PositiveSmallIntegerField(
        _("HTTP status"),
        null=True,
        blank=True,
        help_text=_("The outlet's answer that decided the status, if it answered."),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("last checked"), db_index=True)
    changed_at = models.DateTimeField(
        _("status since"), help_text=_("When the link last changed status.")
    )
    capture_note = models.CharField(
        _("PDF and screenshot"), max_length=16, choices=CaptureNote.choices, blank=True
    )
    capture_detail = models.CharField(_("capture detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LinkStatus.values), name="linkstate_status_known"
            ),
            models.CheckConstraint(
                condition=Q(http_status__isnull=True)
                | Q(http_status__gte=100, http_status__lte=599),
                name="linkstate_http_status_range",
            ),
            models.CheckConstraint(
                condition=~Q(status=LinkStatus.MOVED) | ~Q(final_url=""),
                name="linkstate_moved_has_final_url",
            ),
            models.CheckConstraint(
                condition=Q(changed_at__lte=F("checked_at")), name="linkstate_changed_not_after"
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.url}"

    @property
    def reason_text(self) -> str:
        """The reason in the active language (empty when there is none)."""
        return _explain(Reason, self.reason, self.detail)

    @property
    def capture_text(self) -> str:
        return _explain(CaptureNote, self.capture_note, self.capture_detail)

    def is_current(self, coverage=None) -> bool:
        """Whether this state is about the item's present address."""
        return self.url == (coverage or self.coverage).url


def _explain(choices, value, detail) -> str:
    if not value:
        return ""
    return str(choices(value).label) % {"detail": detail}


class ArchivedCopy(models.Model):
    class Kind(models.TextChoices):
        WARC = "warc", _("WARC record")
        PDF = "pdf", _("PDF")
        SCREENSHOT = "screenshot", _("screenshot")

    #: The file type of each kind: its name's ending and its media type.
    FILES = {
        Kind.WARC: (".warc.gz", "application/warc"),
        Kind.PDF: (".pdf", "application/pdf"),
        Kind.SCREENSHOT: (".png", "image/png"),
    }

    coverage = models.ForeignKey(
        Coverage,
        verbose_name=_("coverage item"),
        on_delete=models.CASCADE,
        related_name="archived_copies",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = models.FileField(
        _("file"),
        max_length=300,
        unique=True,
        help_text=_("On the media storage, staff only: the article is its outlet's copyright."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, help_text=_("Of the file's bytes."))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    url = models.CharField(
        _("address captured"), max_length=2000, help_text=_("The page the copy was made of.")
    )
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    captured_at = models.DateTimeField(_("captured"))

    class Meta:
        verbose_name = _("archived copy")
        verbose_name_plural = _("archived copies")
        ordering = ["-captured_at", "kind", "pk"]
        get_latest_by = "captured_at"
        indexes = [models.Index(fields=["coverage", "kind"], name="archivedcopy_coverage_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["warc", "pdf", "screenshot"]),
                name="archivedcopy_kind_known",
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="archivedcopy_not_empty"),
            models.CheckConstraint(
                condition=Q(file__startswith=ARCHIVE_PREFIX), name="archivedcopy_under_prefix"
            ),
            models.CheckConstraint(
                condition=Q(http_status__isnull=True)
                | Q(http_status__gte=100, http_status__lte=599),
                name="archivedcopy_http_status_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.captured_at:%Y-%m-%d %H:%M}"

    @property
    def media_type(self) -> str:
        return self.FILES[self.Kind(self.kind)][1]

    @property
    def download_name(self) -> str:
        """A file name for a download: the coverage item, the kind and the capture time."""
        ending = self.FILES[self.Kind(self.kind)][0]
        return f"coverage-{self.coverage_id}-{self.captured_at:%Y%m%d-%H%M%S}{ending}"
