"""Documents: PDFs, office and Hangul files and plain text that go with a release, a trip
or its events (the full text of an agreement, a speech, a fact sheet), with titles in the
site's languages and the language of the document itself.

A document is public through the same door as what it belongs to (`published()`): with
a public release that carries it, or, when it is the trip's own (``trip_wide``), with its
public trip. Never for want of a release: a document whose releases are deleted or
taken off stays private until an editor puts it on the trip's page.
Its file is stored under ``documents/`` on the site's storage and answered only while it
is public (`press.media`). What a file really is comes from its bytes
(`press.document_checks`), checked on the way in, never from its name.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from visits.models import Engagement, Visit
from visits.text import LANGUAGE_CODES, first_translation

from .. import document_checks
from .fields import ARTICLE_LANGUAGE_CHOICES, trip_link
from .owned_files import OwnsFile, files_go_with_rows
from .releases import PressRelease

#: What a download's name must not carry: separators, quotes, control characters.
UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\"*:<>?|]+')


class DocumentQuerySet(models.QuerySet):
    def published(self, now=None):
        """Public at ``now`` (by default the present): carried by a public release; or
        the trip's own (``trip_wide``) and its trip public. A document of a release under
        embargo waits for the release, even on its public trip's page, and one whose
        releases are gone is public only if an editor marked it the trip's own."""
        releases = PressRelease.objects.filter(documents=OuterRef("pk"))
        trip = Visit.objects.published(now).filter(pk=OuterRef("visit_id"))
        return self.filter(Exists(releases.published(now)) | (Q(trip_wide=True) & Exists(trip)))

    def for_pages(self):
        """In the order pages list them."""
        return self.order_by("order", "pk")


class Document(OwnsFile, models.Model):
    owned_file = "file"
    file = models.FileField(
        _("file"),
        upload_to="documents/%Y/%m/",
        max_length=255,
        db_index=True,  # the media view finds a document by its file name
        help_text=_(
            "PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), HWP, HWPX, text (TXT) or "
            "CSV. Checked on upload: PDFs with scripts or attachments, macros and other "
            "kinds of file are refused."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=250,
        help_text=_(
            "What readers see in the list of documents, e.g. “Full text of the agreement”."
        ),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Optional: one or two sentences about it.")
    )
    language = models.CharField(
        _("language of the document"),
        max_length=16,
        choices=ARTICLE_LANGUAGE_CHOICES,
        default="ko",
        help_text=_("The language the document itself is written in (not its title)."),
    )
    visit = trip_link("documents")
    events = models.ManyToManyField(
        Engagement,
        verbose_name=_("events"),
        blank=True,
        related_name="documents",
        help_text=_("Events of the trip this document is about; listed on their pages."),
    )
    releases = models.ManyToManyField(
        PressRelease,
        verbose_name=_("press releases"),
        blank=True,
        related_name="documents",
        help_text=_(
            "Releases that carry this document. It is public once one of them is (or "
            "with its trip, if it is on the trip's page)."
        ),
    )
    trip_wide = models.BooleanField(
        _("on the trip's page"),
        default=False,
        help_text=_(
            "The trip's own document: public with the trip, whatever its releases. Leave "
            "it off for a document that must wait for its release's embargo."
        ),
    )
    kind = models.CharField(
        _("type"), max_length=8, choices=document_checks.KIND_CHOICES, editable=False
    )
    media_type = models.CharField(_("media type"), max_length=100, editable=False)
    file_size = models.PositiveBigIntegerField(_("file size in bytes"), default=0, editable=False)
    page_count = models.PositiveIntegerField(
        _("pages"), null=True, blank=True, editable=False, help_text=_("Counted for PDFs.")
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["order", "pk"]
        get_latest_by = "uploaded_at"
        constraints = [
            models.CheckConstraint(
                condition=~Q(file=""),
                name="document_has_file",
                violation_error_message=_("Every document needs a file."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=list(document_checks.KINDS)),
                name="document_kind_known",
                violation_error_message=_("This kind of file is not accepted."),
            ),
        ]

    def __str__(self):
        return first_translation(self, "title")[1] or self.file.name

    def save(self, *args, **kwargs):
        self.check_file()  # a script or import that skipped full_clean()
        super().save(*args, **kwargs)  # a replaced file leaves the storage (OwnsFile)

    def get_absolute_url(self):
        return self.download_url

    def clean(self):
        super().clean()
        if not first_translation(self, "title")[1]:
            raise ValidationError(
                {"title": _("Give the document a title in one language at least.")}
            )
        self.check_file()

    def check_file(self) -> None:
        """Work out the kind, size and pages of a new file, or refuse it."""
        if not self.file or self.file._committed or getattr(self.file, "_checked", False):
            return
        try:
            checked = document_checks.check(self.file.file, self.file.name)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        self.kind = checked.kind
        self.media_type = checked.media_type
        self.file_size = checked.size
        self.page_count = checked.pages
        self.file._checked = True

    @property
    def label(self) -> str:
        """The kind as readers know it: "PDF", "Excel", "HWP"."""
        kind = document_checks.KINDS.get(self.kind)
        return str(kind[0]) if kind else ""

    @property
    def kind_media_type(self) -> str:
        """The media type of its kind (`document_checks.KINDS`), what it is served as."""
        kind = document_checks.KINDS.get(self.kind)
        return kind[1] if kind else "application/octet-stream"

    @property
    def extension(self) -> str:
        kind = document_checks.KINDS.get(self.kind)
        return kind[2][0] if kind else "bin"

    @property
    def download_url(self) -> str:
        """Where its file is downloaded: through the site (`press.document_media`), whatever
        the storage, never the storage's own URL."""
        return reverse("document_download", kwargs={"pk": self.pk, "filename": self.download_name})

    @property
    def download_name(self) -> str:
        """The name a download is saved under: the title in the document's own language
        when it has one (else the first there is), and its kind's extension. The same for
        every reader, so shared caches may keep the answer."""
        if self.language in LANGUAGE_CODES:
            title = first_translation(self, "title", self.language)[1]
        else:
            title = first_translation(self, "title")[1]
        stem = UNSAFE_NAME.sub(" ", title).strip(" .")[:120] or "document"
        return f"{stem}.{self.extension}"


# A deleted document takes its file with it, once the deletion is committed.
files_go_with_rows(Document)


def carried_document_label(link) -> str:
    """A row of the table behind `Document.releases` as a release's form and history name
    it: the document's title, not Django's "Document_releases object (2)"."""
    return str(link.document)


Document.releases.through.__str__ = carried_document_label
Document.events.through.__str__ = lambda link: str(link.document)
