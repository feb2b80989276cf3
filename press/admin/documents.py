"""Documents in the admin: their own list and form, a table of documents on a release's
form (chosen or added through the "+" link, titles in four languages) and the documents
of a trip on the trip's form (added from here, since `visits` knows nothing of press).

An upload is checked by the model (`Document.clean`, `press.document_checks`): a refused
file is an error on the file field in the editor's language, and the rest of the form
stays as it was typed.
"""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from visits.admin import TripEngagementsAdmin, VisitAdmin
from visits.adminkit.base import FULL, TRANSLATIONS, BaseAdmin, TranslationInlineMixin
from visits.adminkit.columns import trip_column
from visits.adminkit.forms import EditorForm
from visits.text import localized

from ..models import Document, PressRelease

PUBLISH = "press.publish_pressrelease"
TRANSLATE = "press.translate_pressrelease"


class DocumentForm(EditorForm):
    def clean(self):
        cleaned_data = super().clean()
        visit, events = cleaned_data.get("visit"), cleaned_data.get("events")
        if events:
            strays = [e for e in events if e.visit_id != getattr(visit, "pk", None)]
            if strays:
                self.add_error(
                    "events" if visit else "visit",
                    gettext("Choose events of the document's trip (and the trip itself)."),
                )
        return cleaned_data


@admin.register(Document)
class DocumentAdmin(TripEngagementsAdmin, BaseAdmin):
    form = DocumentForm
    list_display = ("__str__", "kind", "size", "language", "trip", "public", "translations")
    list_filter = ("kind", "language", ("visit", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("visit",)
    date_hierarchy = "uploaded_at"
    search_fields = (*localized("title"), "file")
    autocomplete_fields = ("visit", "events", "releases")
    readonly_fields = ("kind", "media_type", "size", "page_count", "uploaded_at")
    translation_fields = ("title",)
    list_defer = ("description", *localized("description"))
    trip_engagement_fields = ("events",)
    fieldsets = (
        (None, {"fields": ("file", "title", "description", "language", "order")}),
        (_("Where it is shown"), {"fields": ("visit", "trip_wide", "events", "releases")}),
        (_("File"), {"fields": ("kind", "media_type", "size", "page_count", "uploaded_at")}),
    )

    trip = trip_column()

    def edit_scope(self, request, obj=None):
        """A public document is a publisher's to change, as a public release is: an
        editor sees it read-only (a translator still translates its title)."""
        scope = super().edit_scope(request, obj)
        if scope != FULL or obj is None or request.user.has_perm(PUBLISH):
            return scope
        if not Document.objects.published().filter(pk=obj.pk).exists():
            return scope
        return TRANSLATIONS if request.user.has_perm(TRANSLATE) else None

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        """Only a publisher puts a document in a release that is public already (which
        would publish it): for the others the choice is among releases not yet out, and
        a release typed into the request is refused beside the field."""
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "releases" and field and not request.user.has_perm(PUBLISH):
            field.queryset = field.queryset.exclude(
                pk__in=PressRelease.objects.published().values("pk")
            )
            field.error_messages["invalid_choice"] = gettext(
                "Only a publisher adds a document to a release that is public already."
            )
        return field

    @admin.display(description=_("size"), ordering="file_size")
    def size(self, obj):
        return filesizeformat(obj.file_size)


class ReleaseDocumentInline(admin.TabularInline):
    """The documents a release carries, on the table behind Document.releases: chosen by
    title, or uploaded through the "+" link beside the choice."""

    model = Document.releases.through
    fk_name = "pressrelease"
    fields = ("document", "details")
    readonly_fields = ("details",)
    autocomplete_fields = ("document",)
    extra = 0
    verbose_name = _("document")
    verbose_name_plural = _("documents of this release")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")

    @admin.display(description=_("type and size"))
    def details(self, obj):
        if not obj.document_id:
            return ""
        document = obj.document
        return f"{document.label}, {filesizeformat(document.file_size)}"


class TripDocumentInline(TranslationInlineMixin, TranslationStackedInline):
    """A trip's own documents (those of its releases are on the releases' forms)."""

    model = Document
    fk_name = "visit"
    fields = ("file", "title", "description", "language", "trip_wide", "order")
    extra = 0
    verbose_name_plural = _("documents of this trip")

    def get_formset(self, request, obj=None, **kwargs):
        """A document added on the trip's form is the trip's own unless the editor says
        not."""
        formset = super().get_formset(request, obj, **kwargs)
        if "trip_wide" in formset.form.base_fields:
            formset.form.base_fields["trip_wide"].initial = True
        return formset


VisitAdmin.inlines = [*VisitAdmin.inlines, TripDocumentInline]
