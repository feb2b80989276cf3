"""`PublishingAdmin`, the admin of a `Publishable` model: submitting for review,
publishing, unpublishing and withdrawing as actions and status choices gated by the
``publish_<model>`` permission, each change a revision (`visits.revisions`); and the
withdrawal's confirmation form (`WithdrawalForm`), which `press`'s release admin reuses.

Must not import the trip domain (`visits.models`, `visits.admin`) or `press`.
"""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from ..publishing import APPROVED, Status
from ..publishing.locking import EditConflict
from ..revisions import RevisionAdmin
from ..text import LANGUAGE_CODES
from .base import TRANSLATIONS, BaseAdmin


class PublishingAdmin(RevisionAdmin, BaseAdmin):
    """Admin of a `Publishable` model: the publishing workflow (see "Roles" in
    `visits.adminkit.base`).

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
