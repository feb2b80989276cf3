"""Withdrawing a release from the admin: the changelist action and the form's status
field, both through `press.services.withdraw_release` (the rules live there, so that
commands and scripts meet the same ones). Mixed into `press.admin.releases`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from visits.adminkit.publishing import quoted
from visits.publishing import Status
from visits.publishing.locking import EditConflict

from ..services import check_withdrawable, withdraw_release


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

    def withdrawal_candidates(self, request, queryset):
        """Only public releases are offered; those never public are named and left as
        they are."""
        public, never_public = [], []
        for release in queryset.exclude(status=Status.WITHDRAWN):
            (public if withdrawable(release) else never_public).append(release)
        if never_public:
            self.refuse(request, never_public)
            if not public:
                return None
        return public

    def withdraw_item(self, request, release, form):
        withdraw_release(
            release=release,
            user=request.user,
            reason=form.cleaned_data["reason"],
            language=form.language,
        )

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


def withdrawable(release) -> bool:
    try:
        check_withdrawable(release=release)
    except ValidationError:
        return False
    return True
