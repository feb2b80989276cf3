"""What every admin of a translated model shares (trips, releases, photos, lists…).

* `BaseAdmin`: modeltranslation's tabbed forms (jQuery UI from our static files, see
  settings.JQUERY_UI_URL), a "public" column and a translation-completeness column that
  read only what the changelist query already loaded, a "missing translation" filter,
  editor-friendly validation messages (`visits.adminkit.forms.EditorForm`), and who may
  change what (`edit_scope`: everything, only the translations, or nothing).
* Optimistic locking: a change form carries the row's `lock_version` as a hidden field;
  a save from a form opened before someone else's is refused (`EditorForm.check_lock`),
  and one that loses the race at the database is shown as the same conflict.
* Language states and source texts on translated forms (`visits.adminkit.tabs`).
* `MissingTranslationFilter`, `image_tag()`, `thumbnail()`: small parts
  used by both apps.

Must not import `visits.revisions` (its admin asks `changes_whole_item()` instead, so
neither imports the other), the trip domain (`visits.models`) or `press`.

Roles (groups made by press/migrations/0005_roles.py; the rules themselves are
`visits.publishing.services` and `press.services`):

* Editor: may add and change; writes drafts and submits them for review, and adds photos
  to a trip (public with it, or held back: "not public yet"). A scheduled, published or
  withdrawn item is read-only for them (`publishing.PublishingAdmin`), and so is a public
  photo.
* Translator: may change but not add: only the translations of an item (every
  non-translated field is read-only), at any stage but withdrawn, a public photo's caption
  and alt text included, and marks a release's languages ready
  (``press.translate_pressrelease``); all of it only in the languages assigned to them on
  their user page, and never the original language of a published item
  (`visits.adminkit.languages.editable_languages`). A form sent with anything else is
  refused as a whole (`visits.adminkit.languages`), not silently trimmed.
* Publisher: everything, including ``publish_<model>``: schedule, publish, unpublish,
  withdraw. Only a release that was public can be withdrawn (a draft, one in review or
  under embargo is unpublished or deleted instead); a withdrawal may be dated ahead, and
  the page opens with its notice then. ``press.publish_photo``: a public photo changes,
  and a held-back photo becomes public, only through a publisher.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.views.main import ChangeList
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, URLField
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from ..publishing import Publishable
from ..publishing.locking import EditConflict, Locked
from ..text import LANGUAGE_CODES, translation_of
from .forms import EditorForm
from .languages import LanguageInlineMixin, LanguageRulesMixin
from .tabs import TranslationStateMixin

LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: Shown in place of a language that is missing.
NONE = "\N{EN DASH}"
#: What a user may change on an item (`BaseAdmin.edit_scope`).
FULL, TRANSLATIONS = "full", "translations"


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


def with_csp_nonce(media, request):
    """``media`` with the response's CSP nonce on its tags, when it can carry one.

    The prose editor's media (django-js-asset) renders an inline import map, which the
    Content-Security-Policy runs only with the nonce; Django's own media has no inline
    script and is returned as it is."""
    nonce = getattr(request, "csp_nonce", None)
    if nonce is None or not hasattr(media, "with_nonce"):
        return media
    return media.with_nonce(nonce)


def short_code(code: str) -> str:
    """EN, KO, ZH, JA: the compact label of a language in a changelist column."""
    return code.split("-")[0].upper()


def image_tag(url: str, width: int, height: int, alt: str = "", size: int = 80):
    """An <img> of ``url`` (an image ``width`` by ``height`` pixels) scaled to fit a
    ``size`` square; a square when the image's size is unknown."""
    width, height = width or size, height or size
    scale = size / max(width, height)
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" class="admin-thumb">',
        url,
        alt,
        max(round(width * scale), 1),
        max(round(height * scale), 1),
    )


def thumbnail(image, alt: str = "", size: int = 80):
    """An <img> of an image field's file in a ``size`` square, or an empty string.

    For images without renditions (portraits). The image is not opened to measure it:
    that would read every file of a changelist from the storage. Photos have small
    renditions; `press.admin.photos` shows those instead.
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


class BaseAdmin(LanguageRulesMixin, TranslationStateMixin, TabbedTranslationAdmin):
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

    class Media:
        # After modeltranslation's tabs: marks them and places the source texts
        # (visits.adminkit.tabs); the changelists' column widths.
        js = (
            "admin/js/jquery.init.js",  # named, so that Media's merge keeps the order
            "modeltranslation/js/tabbed_translation_fields.js",
            "js/translation_tabs.js",
        )
        css = {"all": ("css/translation_tabs.css", "css/changelists.css")}

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
            '<span title="{}" class="translation-codes">'
            '<span aria-hidden="true">{}</span><span class="visually-hidden">{}</span></span>',
            summary,
            codes,
            summary,
        )

    # --- who may change what -----------------------------------------------------

    def edit_scope(self, request, obj=None) -> str | None:
        """What the user may change: everything (FULL), only the translations
        (TRANSLATIONS: Translators, who may change but not add), or nothing (None)."""
        if not super().has_change_permission(request, obj):
            return None
        return FULL if self.has_add_permission(request) else TRANSLATIONS

    def changes_whole_item(self, request, obj=None) -> bool:
        """Whether the user may change every field of ``obj``, as a restore of one of its
        revisions does (`visits.revisions.RevisionAdmin.has_restore_permission`)."""
        return self.edit_scope(request, obj) == FULL

    def translates_only(self, request, obj=None) -> bool:
        """Whether the user changes only translations here, and so only their languages
        (`visits.adminkit.languages.editable_languages`)."""
        return self.edit_scope(request, obj) == TRANSLATIONS

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request, obj)
        return self.edit_scope(request, obj) is not None

    def translation_only_fields(self, request, obj=None) -> set[str]:
        """Non-translated fields a translator may still change (none by default)."""
        return set()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if self.edit_scope(request, obj) == TRANSLATIONS:
            # modeltranslation rewrites fieldsets to the per-language names (title_en, …)
            translated = {
                name
                for base, columns in self.trans_opts.all_fields.items()
                for name in (base, *(column.name for column in columns))
            }
            allowed = self.translation_only_fields(request, obj)
            fields += [
                name
                for name in flatten_fieldsets(self.fieldsets or ())
                if name not in translated and name not in allowed and name not in fields
            ]
            fields += [
                name for name in self.other_language_fields(request, obj) if name not in fields
            ]
        return fields

    # --- optimistic locking ------------------------------------------------------

    def is_locked_form(self, request, obj) -> bool:
        return (
            obj is not None
            and issubclass(self.model, Locked)
            and self.edit_scope(request, obj) is not None
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.is_locked_form(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        first = (name, {**options, "fields": (*options["fields"], "lock_version")})
        return [first, *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "lock_version" in form.base_fields:
            form.base_fields["lock_version"].widget = forms.HiddenInput()
        return form

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = with_csp_nonce(context.get("media"), request)
        return super().render_change_form(request, context, *args, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its save (the transaction was
            # rolled back). Run the view again: its check now sees their save and shows
            # the conflict, with the user's text still in the form.
            return super().changeform_view(request, object_id, form_url, extra_context)

    # --- forms --------------------------------------------------------------------

    def patch_translation_field(self, db_field, field, request, **kwargs):
        """No language is required in the form; models check that one is filled in.

        modeltranslation makes the English field required when the original field is;
        a release may exist only in Korean, so the model's ``clean()`` decides instead.
        """
        super().patch_translation_field(db_field, field, request, **kwargs)
        if hasattr(db_field, "translated_field"):
            field.required = False


class TranslationInlineMixin(LanguageInlineMixin):
    """The same "no language required" rule for inlines of translated models, whose rows
    a translator changes only in their languages."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        if hasattr(db_field, "translated_field"):
            field.required = False
