"""Withdrawing a release from the admin: the changelist action and the form's status
field, both through `press.services.withdraw_release` (the rules live there, so that
commands and scripts meet the same ones). Mixed into `press.admin.releases`.
"""

import json

import reversion
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from visits.adminkit.publishing import WithdrawalForm
from visits.publishing import Status
from visits.publishing.locking import EditConflict

from ..services import check_withdrawable, withdraw_release


def quoted(items) -> str:
    return "; ".join(f"“{item}”" for item in items)


class WithdrawalFormMixin:
    """The release form refuses the withdrawn status for a release that is not public
    (a draft, one in review or under embargo), new releases included."""

    def clean(self):
        cleaned_data = super().clean()
        stored_status = self.instance.status if self.instance.pk else None
        if cleaned_data.get("status") == Status.WITHDRAWN and stored_status != Status.WITHDRAWN:
            try:
                check_withdrawable(release=self.instance)
            except ValidationError as error:
                self.add_error("status" if "status" in self.fields else None, error)
        return cleaned_data


class ReleaseWithdrawalMixin:
    """Withdrawal of releases, by the changelist action and by the form's status field,
    through `press.services.withdraw_release`."""

    def save_model(self, request, obj, form, change):
        if obj.status != Status.WITHDRAWN or "status" not in form.changed_data:
            return super().save_model(request, obj, form, change)
        try:
            withdraw_release(release=obj, user=request.user)
        except ValidationError:
            # The form checked the release; it changed since (someone unpublished it).
            # The admin shows the edit conflict, with the user's text kept.
            raise EditConflict(obj) from None

    @admin.action(description=_("Withdraw…"), permissions=["publish"])
    def withdraw(self, request, queryset):
        """Withdraw public releases with a reason shown to readers, asked for on a
        confirmation page; releases that were never public are left as they are."""
        candidates = list(queryset.exclude(status=Status.WITHDRAWN))
        never_public = [release for release in candidates if not release.is_public]
        if never_public:
            self.refuse(request, never_public)
            if len(never_public) == len(candidates):
                return None  # back to the list, with the message
        public = [release for release in candidates if release.is_public]
        form = WithdrawalForm(request.POST if "withdraw" in request.POST else None)
        if not form.is_valid():
            return TemplateResponse(
                request,
                self.withdraw_template,
                {
                    **self.admin_site.each_context(request),
                    "title": gettext("Withdraw"),
                    "opts": self.opts,
                    "items": public,
                    "form": form,
                    "action_checkbox_name": ACTION_CHECKBOX_NAME,
                    "withdraws_pages": True,
                },
            )
        changed, skipped, refused = [], [], []
        for release in public:
            try:
                withdraw_release(
                    release=release,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                    language=form.language,
                )
            except EditConflict:
                skipped.append(release)
            except ValidationError:
                refused.append(release)
            else:
                changed.append(release)
        self.record(request, changed)
        if refused:
            self.refuse(request, refused)
        if skipped:
            self.message_user(
                request,
                gettext(
                    "Not changed, because someone saved them meanwhile: %(items)s. Check "
                    "them and try again."
                )
                % {"items": quoted(skipped)},
                messages.WARNING,
            )
        self.report(
            request,
            len(changed),
            ngettext(
                "%(count)d %(items)s withdrawn.",
                "%(count)d %(items)s withdrawn.",
                len(changed),
            ),
        )
        return None

    def refuse(self, request, releases):
        self.message_user(
            request,
            ngettext(
                "Not withdrawn: %(releases)s. Only a published release can be withdrawn; "
                "this one was never public, so unpublish or delete it instead.",
                "Not withdrawn: %(releases)s. Only a published release can be withdrawn; "
                "these were never public, so unpublish or delete them instead.",
                len(releases),
            )
            % {"releases": quoted(releases)},
            messages.ERROR,
        )

    def record(self, request, changed):
        """The revision's comment and the admin log, as for the other actions."""
        if not changed:
            return
        comment = gettext("Withdrawn")
        if reversion.is_active():
            reversion.set_comment(comment)
        LogEntry.objects.log_actions(
            request.user.pk,
            changed,
            CHANGE,
            change_message=json.dumps([{"changed": {"fields": [comment]}}]),
        )
