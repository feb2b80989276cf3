"""What every admin page of the project shares; `press.admin` builds on it too.

* `BaseAdmin`: modeltranslation's tabbed forms (jQuery UI from our static files, see
  settings.JQUERY_UI_URL), a "public" column and a translation-completeness column that
  read only what the changelist query already loaded, a "missing translation" filter,
  and editor-friendly validation messages.
* `PublishingAdmin`: the publishing workflow. Submitting for review, publishing,
  unpublishing and withdrawing are actions and form choices gated by permissions (see
  "Roles" below); every change is a revision (`visits.revisions`).
* Optimistic locking: a change form carries the row's `lock_version`; saving a form
  opened before someone else's save is refused with the user's text kept in the form
  (`EditorForm.check_lock`).

Roles (groups made by press/migrations/0005_roles.py):

* Editor: may add and change; writes drafts and submits them for review. A scheduled,
  published or withdrawn item is read-only for them.
* Translator: may change but not add: only the translations of an item (every
  non-translated field is read-only), at any stage but withdrawn, and marks a release's
  languages ready (``press.translate_pressrelease``).
* Publisher: everything, including ``publish_<model>``: schedule, publish, unpublish,
  withdraw.
* `MissingTranslationFilter`, `image_tag()`, `thumbnail()`, `localized()`: small parts used
  by both apps.
"""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import flatten_fieldsets, model_ngettext
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    URLField,
)
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname

from .locking import EditConflict, Locked
from .publishing import APPROVED, Publishable, Status
from .revisions import RevisionAdmin
from .text import LANGUAGE_CODES, translation_of

LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: Shown in place of a language that is missing.
NONE = "\N{EN DASH}"
#: What a user may change on an item (`BaseAdmin.edit_scope`).
FULL, TRANSLATIONS = "full", "translations"


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


class EditorForm(forms.ModelForm):
    """Validation messages written for editors, in their language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].error_messages["unique"] = _(
                "This slug is already taken. Choose another, or leave the field empty to "
                "make one from the title."
            )

    def clean(self):
        cleaned_data = super().clean()
        if "lock_version" in self.fields and self.instance.pk is not None:
            self.check_lock(cleaned_data.get("lock_version"))
        return cleaned_data

    def check_lock(self, submitted):
        """Refuse a save made from a form opened before someone else saved the item.

        The user's text stays in the form. The hidden number becomes the current one,
        so saving again, after reading the message, knowingly replaces the other save.
        """
        current = self.instance.current_lock_version()
        if current is None or submitted == current:
            return
        data = self.data.copy()
        data[self.add_prefix("lock_version")] = str(current)
        self.data = data
        raise ValidationError(self.conflict_message(), code="edit_conflict")

    def conflict_message(self) -> str:
        from reversion.models import Version

        last = (
            Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        )
        who = last.revision.user if last and last.revision.user else None
        when = last.revision.date_created if last else None
        details = {
            "who": (who.get_full_name() or who.get_username()) if who else gettext("someone"),
            "when": date_format(timezone.localtime(when), "DATETIME_FORMAT") if when else "",
        }
        return (
            gettext(
                "Not saved: %(who)s changed this item (%(when)s) after you opened it. Your "
                "changes are still in the form below, nothing you typed is lost. Open the "
                "history in a new tab to see what they changed. Saving again replaces their "
                "changes with yours; reloading the page discards yours."
            )
            % details
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


class TranslationInlineMixin:
    """The same "no language required" rule for inlines of translated models."""

    def patch_translation_field(self, db_field, field, request, **kwargs):
        super().patch_translation_field(db_field, field, request, **kwargs)
        if hasattr(db_field, "translated_field"):
            field.required = False


class PublishingAdmin(RevisionAdmin, BaseAdmin):
    """Admin of a `Publishable` model: the publishing workflow (see the module's "Roles").

    Publishing is a separate right (``<app>.publish_<model>``, declared in the model's
    Meta.permissions). Without it, editors write and submit for review: approving is not
    among their status choices, the actions are hidden and refused, and an approved or
    withdrawn item is read-only for them (translators may still translate it).

    Actions save each item (no bulk ``update()``), so each change is a revision with the
    user, bumps the item's lock number (an open form saved afterwards is refused rather
    than silently putting the old status back), and reaches the content signals.
    """

    actions = ["submit_for_review", "publish", "unpublish", "withdraw"]
    #: Template of the withdrawal action's confirmation page.
    withdraw_template = "admin/withdraw_confirmation.html"

    def has_publish_permission(self, request) -> bool:
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def has_submit_permission(self, request) -> bool:
        """Writers (who may add) submit drafts for review."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def edit_scope(self, request, obj=None):
        scope = super().edit_scope(request, obj)
        if scope is None or obj is None or self.has_publish_permission(request):
            return scope
        if obj.status == Status.WITHDRAWN:
            return None
        if obj.status in APPROVED:
            # Approved text changes only through a publisher; translators still translate.
            return scope if scope == TRANSLATIONS else None
        return scope

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields += [
                name
                for name in self.publisher_fields()
                if name not in fields and (name != "published_at" or self.is_approved(obj))
            ]
        return fields

    def publisher_fields(self) -> tuple[str, ...]:
        """Fields only a publisher changes (an editor may propose a time for a draft)."""
        return ("published_at",)

    @staticmethod
    def is_approved(obj) -> bool:
        return obj is not None and obj.status in (*APPROVED, Status.WITHDRAWN)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "status" in form.base_fields and not self.has_publish_permission(request):
            form.base_fields["status"].choices = [
                (value, label)
                for value, label in Status.choices
                if value in (Status.DRAFT, Status.IN_REVIEW)
            ]
        return form

    # --- actions ---------------------------------------------------------------------

    def change_each(self, request, queryset, change, comment: str) -> tuple[list, list]:
        """Apply ``change(obj)`` to each item and save it; (changed, skipped).

        An item saved by someone else while this runs is skipped, not overwritten.
        """
        import reversion

        changed, skipped = [], []
        for obj in queryset:
            change(obj)
            try:
                with transaction.atomic():
                    obj.save()
            except EditConflict:
                skipped.append(obj)
            else:
                changed.append(obj)
        if changed:
            if reversion.is_active():
                reversion.set_comment(comment)
            LogEntry.objects.log_actions(
                request.user.pk,
                changed,
                CHANGE,
                change_message=json.dumps([{"changed": {"fields": [comment]}}]),
            )
        if skipped:
            self.message_user(
                request,
                gettext(
                    "Not changed, because someone saved them meanwhile: %(items)s. Check "
                    "them and try again."
                )
                % {"items": "; ".join(f"“{obj}”" for obj in skipped)},
                messages.WARNING,
            )
        return changed, skipped

    def report(self, request, count: int, message: str):
        """``message`` is already ngettext'ed for ``count`` (so makemessages finds it)."""
        self.message_user(
            request,
            message % {"count": count, "items": model_ngettext(self.opts, count)},
            messages.SUCCESS if count else messages.INFO,
        )

    @admin.action(description=_("Submit for review"), permissions=["submit"])
    def submit_for_review(self, request, queryset):
        def submit(obj):
            obj.status = Status.IN_REVIEW

        changed, _skipped = self.change_each(
            request, queryset.filter(status=Status.DRAFT), submit, gettext("Submitted for review")
        )
        self.report(
            request,
            len(changed),
            ngettext(
                "%(count)d %(items)s submitted for review.",
                "%(count)d %(items)s submitted for review.",
                len(changed),
            ),
        )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish(self, request, queryset):
        """Status published; the publication time becomes now unless one was set."""
        now = timezone.now()

        def publish(obj):
            obj.status = Status.PUBLISHED
            obj.published_at = obj.published_at or now

        to_publish = queryset.exclude(status=Status.PUBLISHED)
        if not to_publish.exists():
            self.message_user(
                request, gettext("The selected items were already published."), messages.INFO
            )
            return
        changed, _skipped = self.change_each(request, to_publish, publish, gettext("Published"))
        self.report(
            request,
            len(changed),
            ngettext(
                "%(count)d %(items)s published.",
                "%(count)d %(items)s published.",
                len(changed),
            ),
        )
        embargoed = sum(1 for obj in changed if obj.published_at > now)
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
        def to_draft(obj):
            obj.status = Status.DRAFT

        changed, _skipped = self.change_each(
            request, queryset.exclude(status=Status.DRAFT), to_draft, gettext("Unpublished")
        )
        self.report(
            request,
            len(changed),
            ngettext(
                "%(count)d %(items)s moved back to draft; the public no longer sees it.",
                "%(count)d %(items)s moved back to draft; the public no longer sees them.",
                len(changed),
            ),
        )

    @admin.action(description=_("Withdraw…"), permissions=["publish"])
    def withdraw(self, request, queryset):
        """Withdraw with a reason shown to readers: a confirmation page asks for it."""
        candidates = queryset.exclude(status=Status.WITHDRAWN)
        form = WithdrawalForm(request.POST if "withdraw" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                self.withdraw_template,
                {
                    **self.admin_site.each_context(request),
                    "title": gettext("Withdraw"),
                    "opts": self.opts,
                    "items": candidates,
                    "form": form,
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                    "withdraws_pages": hasattr(self.model, "withdrawal_reason"),
                },
            )
        reason, now = form.cleaned_data["reason"], timezone.now()

        def withdraw(obj):
            obj.status = Status.WITHDRAWN
            if hasattr(obj, "withdrawal_reason"):
                # In the language the publisher writes in; readers of others see it
                # as fallback text marked with its language.
                field = build_localized_fieldname("withdrawal_reason", form.language)
                setattr(obj, field, reason)
                obj.withdrawn_at = now

        changed, _skipped = self.change_each(request, candidates, withdraw, gettext("Withdrawn"))
        self.report(
            request,
            len(changed),
            ngettext(
                "%(count)d %(items)s withdrawn.",
                "%(count)d %(items)s withdrawn.",
                len(changed),
            ),
        )


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        max_length=2000,
        help_text=_("Shown to readers at the top of each withdrawn release."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = get_language() or settings.LANGUAGE_CODE
        self.language = code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE
