"""What every admin page of the project shares; `press.admin` builds on it too.

* `BaseAdmin`: modeltranslation's tabbed forms (jQuery UI from our static files, see
  settings.JQUERY_UI_URL), a "public" column and a translation-completeness column that
  read only what the changelist query already loaded, a "missing translation" filter,
  and editor-friendly validation messages.
* `PublishingAdmin`: publish and unpublish actions for users with the model's
  ``publish_<model>`` permission; editors without it cannot approve items in the form.
* `MissingTranslationFilter`, `image_tag()`, `thumbnail()`, `localized()`: small parts used
  by both apps.
"""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.contrib.admin.views.main import ChangeList
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    URLField,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from .changes import content_changed
from .publishing import APPROVED, Publishable, Status
from .revisions import RevisionAdmin
from .text import LANGUAGE_CODES, translation_of

LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: Shown in place of a language that is missing.
NONE = "\N{EN DASH}"


def localized(*fields: str) -> tuple[str, ...]:
    """Every language's column of each translated field: ``title`` → ``title_en``, …"""
    return tuple(build_localized_fieldname(f, code) for f in fields for code in LANGUAGE_CODES)


def missing_q(fields, code: str) -> Q:
    """Rows where any of ``fields`` is empty (NULL or '') in language ``code``."""
    condition = Q()
    for field in fields:
        name = build_localized_fieldname(field, code)
        condition |= Q(**{f"{name}__isnull": True}) | Q(**{name: ""})
    return condition


def has_attname(code: str) -> str:
    """The changelist annotation telling whether a row is complete in language ``code``."""
    return f"has_{code.replace('-', '_')}"


def short_code(code: str) -> str:
    """EN, KO, ZH, JA: the compact label of a language in a changelist column."""
    return code.split("-")[0].upper()


def image_tag(url: str, width: int, height: int, alt: str = "", size: int = 80):
    """An <img> of ``url`` (an image ``width`` by ``height`` pixels) scaled to fit a
    ``size`` square; a square when the image's size is unknown."""
    width, height = width or size, height or size
    scale = size / max(width, height)
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" '
        'style="object-fit: cover; border-radius: 2px">',
        url,
        alt,
        max(round(width * scale), 1),
        max(round(height * scale), 1),
    )


def thumbnail(image, alt: str = "", size: int = 80):
    """An <img> of an image field's file in a ``size`` square, or an empty string.

    For images without renditions (portraits). The image is not opened to measure it:
    that would read every file of a changelist from the storage. Photos have small
    renditions; `press.admin` shows those instead.
    """
    if not image:
        return ""
    return image_tag(image.url, size, size, alt=alt, size=size)


class MissingTranslationFilter(admin.SimpleListFilter):
    """Rows that lack a language in any of ``fields``; use ``for_fields("title", "body")``."""

    title = _("missing translation")
    parameter_name = "missing"
    fields: tuple[str, ...] = ()

    @classmethod
    def for_fields(cls, *fields: str) -> type["MissingTranslationFilter"]:
        return type(cls.__name__, (cls,), {"fields": fields})

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in LANGUAGE_CODES:  # no choice, or a hand-made URL: show everything
            return queryset
        return queryset.filter(missing_q(self.fields, code))


class EditorChangeList(ChangeList):
    """The changelist query, plus what the public and translation columns need.

    Everything those columns show is computed in the one SQL query of the page, so the
    number of queries does not grow with the number of rows.
    """

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return self.model_admin.annotate_changelist(queryset)


class EditorForm(forms.ModelForm):
    """Validation messages written for editors, in their language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].error_messages["unique"] = _(
                "This slug is already taken. Choose another, or leave the field empty to "
                "make one from the title."
            )

    def check_date_range(self, message):
        """Put ``message`` on the end date when it lies before the start date."""
        start, end = self.cleaned_data.get("start_date"), self.cleaned_data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", message % {"start": date_format(start), "end": date_format(end)}
            )


class BaseAdmin(TabbedTranslationAdmin):
    """Common settings of every admin of a translated model.

    Subclasses name their key translated fields in ``translation_fields``: the
    "translations" column and the "missing translation" filter both check them.
    ``list_defer`` names long text columns that the changelist does not show.
    """

    form = EditorForm
    list_per_page = 50
    # The "(N total)" link costs a second COUNT over the whole table on every page.
    show_full_result_count = False
    save_on_top = True
    translation_fields: tuple[str, ...] = ()
    list_defer: tuple[str, ...] = ()
    # Editors paste addresses without a scheme; today's web is https (Django 6's default).
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    # --- changelist ---------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return EditorChangeList

    def get_list_filter(self, request):
        list_filter = tuple(super().get_list_filter(request))
        if self.translation_fields:
            list_filter += (MissingTranslationFilter.for_fields(*self.translation_fields),)
        return list_filter

    def annotate_changelist(self, queryset):
        """Computed columns for the changelist, in its single query."""
        annotations = {
            has_attname(code): ExpressionWrapper(
                ~missing_q(self.translation_fields, code), output_field=BooleanField()
            )
            for code in LANGUAGE_CODES
            if self.translation_fields
        }
        if not issubclass(self.model, Publishable) and hasattr(queryset, "published"):
            public = self.model._default_manager.published().filter(pk=OuterRef("pk"))
            annotations["public_now"] = Exists(public)
        if self.list_defer:
            queryset = queryset.defer(*self.list_defer)
        return queryset.annotate(**annotations)

    @admin.display(boolean=True, description=_("public"))
    def public(self, obj):
        """Seen by the public now: the published() rule, from the row's own columns."""
        if isinstance(obj, Publishable):
            return obj.is_public
        return getattr(obj, "public_now", None)

    def has_language(self, obj, code: str) -> bool:
        """Whether every key field of ``obj`` is filled in language ``code``."""
        annotated = has_attname(code)
        if hasattr(obj, annotated):  # computed in the changelist query
            return bool(getattr(obj, annotated))
        return all(translation_of(obj, field, code).strip() for field in self.translation_fields)

    @admin.display(description=_("translations"))
    def translations(self, obj):
        """Compact, e.g. "EN KO - -"; the title and hidden text name the languages."""
        filled = [code for code in LANGUAGE_CODES if self.has_language(obj, code)]
        missing = [code for code in LANGUAGE_CODES if code not in filled]
        summary = gettext("Translated: %(filled)s. Missing: %(missing)s.") % {
            "filled": ", ".join(str(LANGUAGE_NAMES[c]) for c in filled) or NONE,
            "missing": ", ".join(str(LANGUAGE_NAMES[c]) for c in missing) or NONE,
        }
        codes = " ".join(short_code(c) if c in filled else NONE for c in LANGUAGE_CODES)
        return format_html(
            '<span title="{}" style="font-family: monospace; white-space: nowrap">'
            '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></span>',
            summary,
            codes,
            summary,
        )

    # --- forms --------------------------------------------------------------------

    def patch_translation_field(self, db_field, field, request, **kwargs):
        """No language is required in the form; models check that one is filled in.

        modeltranslation makes the English field required when the original field is;
        a release may exist only in Korean, so the model's ``clean()`` decides instead.
        """
        super().patch_translation_field(db_field, field, request, **kwargs)
        if hasattr(db_field, "translated_field"):
            field.required = False


class TranslationInlineMixin:
    """The same "no language required" rule for inlines of translated models."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        if hasattr(db_field, "translated_field"):
            field.required = False


class PublishingAdmin(RevisionAdmin, BaseAdmin):
    """Admin of a `Publishable` model: status filter, publication columns and actions.

    Publishing is a separate right (``<app>.publish_<model>``, declared in the model's
    Meta.permissions). Without it, editors can write and submit for review but not
    approve: the actions are hidden and refused, and the status of an approved or
    withdrawn item is read-only for them.
    """

    actions = ["publish", "unpublish"]

    def has_publish_permission(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        approved_or_withdrawn = (*APPROVED, Status.WITHDRAWN)
        locked = obj is not None and obj.status in approved_or_withdrawn
        if locked and not self.has_publish_permission(request):
            fields += ("status", "published_at")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "status" in form.base_fields and not self.has_publish_permission(request):
            form.base_fields["status"].choices = [
                (value, label)
                for value, label in Status.choices
                if value in (Status.DRAFT, Status.IN_REVIEW)
            ]
        return form

    def _log_status_change(self, request, queryset, *field_names):
        fields = [str(self.opts.get_field(name).verbose_name) for name in field_names]
        LogEntry.objects.log_actions(
            request.user.pk,
            queryset,
            CHANGE,
            change_message=json.dumps([{"changed": {"fields": fields}}]),
        )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish(self, request, queryset):
        """Status published; the publication time becomes now unless one was set."""
        now = timezone.now()
        to_publish = queryset.exclude(status=Status.PUBLISHED)
        pks = list(to_publish.values_list("pk", flat=True))
        count = to_publish.update(
            status=Status.PUBLISHED,
            published_at=Coalesce("published_at", Value(now)),
            updated_at=now,
        )
        changed = self.model._default_manager.filter(pk__in=pks)
        self._log_status_change(request, changed, "status", "published_at")
        content_changed()  # update() sends no post_save
        if not count:
            self.message_user(
                request, gettext("The selected items were already published."), messages.INFO
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d %(items)s published.",
                "%(count)d %(items)s published.",
                count,
            )
            % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS,
        )
        embargoed = changed.filter(published_at__gt=now).count()
        if embargoed:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them stays under embargo until its publication time.",
                    "%(count)d of them stay under embargo until their publication time.",
                    embargoed,
                )
                % {"count": embargoed},
                messages.WARNING,
            )

    @admin.action(description=_("Unpublish (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        to_draft = queryset.exclude(status=Status.DRAFT)
        pks = list(to_draft.values_list("pk", flat=True))
        count = to_draft.update(status=Status.DRAFT, updated_at=timezone.now())
        content_changed()  # update() sends no post_save
        self._log_status_change(request, self.model._default_manager.filter(pk__in=pks), "status")
        self.message_user(
            request,
            ngettext(
                "%(count)d %(items)s moved back to draft; the public no longer sees it.",
                "%(count)d %(items)s moved back to draft; the public no longer sees them.",
                count,
            )
            % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS if count else messages.INFO,
        )
