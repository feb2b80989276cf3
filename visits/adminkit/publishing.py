"""`PublishingAdmin`, the admin of a `Publishable` model: submitting for review,
publishing, unpublishing and withdrawing as actions and status choices gated by the
``publish_<model>`` permission, each change a revision (`visits.revisions`); and the
withdrawal's confirmation form (`WithdrawalForm`), which `press`'s release admin reuses.
The rules are `visits.publishing.services`' (a model's admin hands its own services in
through `publish_item` and `withdraw_item`); this module picks items and reports.

Must not import the trip domain (`visits.models`, `visits.admin`) or `press`.
"""

import json

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..publishing import APPROVED, Status, services
from ..publishing.locking import EditConflict
from ..revisions import RevisionAdmin
from ..text import LANGUAGE_CODES
from .base import TRANSLATIONS, BaseAdmin
from .worklists import OwnerFilter, WaitingForTranslationFilter, ready_name


class PublishingAdmin(RevisionAdmin, BaseAdmin):
    """Admin of a `Publishable` model: the publishing workflow (see "Roles" in
    `visits.adminkit.base`).

    Publishing is a separate right (``<app>.publish_<model>``, declared in the model's
    Meta.permissions). Without it, editors write and submit for review: approving is not
    among their status choices, the actions are hidden and refused, and an approved or
    withdrawn item is read-only for them (translators may still translate it).

    Actions save each item through a service (no bulk ``update()``), so each change is
    checked as a form would check it, is a revision with the user, bumps the item's lock
    number (an open form saved afterwards is refused rather than silently putting the old
    status back), and goes through the change pipeline.
    """

    actions = ["submit_for_review", "publish", "unpublish", "withdraw"]
    #: Template of the withdrawal action's confirmation page.
    withdraw_template = "admin/withdraw_confirmation.html"

    def has_publish_permission(self, request) -> bool:
        return services.may_publish(request.user, self.model)

    def has_submit_permission(self, request) -> bool:
        """Writers (who may add) submit drafts for review."""
        return services.may_submit(request.user, self.model)

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
        """Fields only a publisher changes (an editor may propose a time for a draft);
        the owner is whoever made the item until a publisher hands it on."""
        return ("published_at", "owner")

    def get_list_filter(self, request):
        list_filter = tuple(super().get_list_filter(request))
        if self.translation_fields:
            flags = hasattr(self.model, ready_name(LANGUAGE_CODES[0]))
            list_filter += (
                WaitingForTranslationFilter.for_fields(*self.translation_fields, ready_flags=flags),
            )
        return (*list_filter, OwnerFilter)

    def save_model(self, request, obj, form, change):
        if not change and obj.owner_id is None:
            obj.owner = request.user  # the dashboard's "drafts by their owner"
        super().save_model(request, obj, form, change)

    @staticmethod
    def is_approved(obj) -> bool:
        return obj is not None and obj.status in (*APPROVED, Status.WITHDRAWN)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "owner" in form.base_fields:
            # Staff who may sign in, and the present owner even if they no longer may
            # (so that saving the item does not fail on a choice nobody made).
            owner = form.base_fields["owner"]
            present = Q(pk=obj.owner_id) if obj is not None and obj.owner_id else Q(pk__in=[])
            owner.queryset = owner.queryset.filter(
                Q(is_staff=True, is_active=True) | present
            ).order_by("username")
        if "status" in form.base_fields and not self.has_publish_permission(request):
            form.base_fields["status"].choices = [
                (value, label)
                for value, label in Status.choices
                if value in (Status.DRAFT, Status.IN_REVIEW)
            ]
        return form

    # --- actions ---------------------------------------------------------------------
    # The rules are the services' (`visits.publishing.services`, or a model's own through
    # the *_item methods): an action picks the items, asks the service to change each and
    # reports what it did and what the service refused, and why.

    def publish_item(self, request, obj, now) -> None:
        services.publish(item=obj, user=request.user, now=now)

    def withdraw_item(self, request, obj, form) -> None:
        services.withdraw(item=obj, user=request.user)

    def change_each(self, request, queryset, change, *, comment: str, refusal: str, report):
        """Call ``change(obj)``, a service that changes and saves the item, for each item,
        then say what happened; the items changed.

        An item saved by someone else while this runs is skipped, not overwritten. Items
        the service refuses are named in ``refusal`` (``%(items)s``, ``%(reason)s``) with
        its reason, those refused for the same reason in one message. ``report(count)``
        is the ngettext'ed count of changed items (written at the call, so makemessages
        finds it), left out when every item was refused.
        """
        import reversion

        changed, skipped, refused = [], [], {}
        for obj in queryset:
            try:
                with transaction.atomic():
                    change(obj)
            except EditConflict:
                skipped.append(obj)
            except (ValidationError, PermissionDenied) as error:
                refused.setdefault(reason_of(error), []).append(obj)
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
        for reason, items in refused.items():
            self.message_user(
                request, refusal % {"items": quoted(items), "reason": reason}, messages.ERROR
            )
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
        if changed or not refused:
            count = len(changed)
            self.message_user(
                request,
                report(count) % {"count": count, "items": model_ngettext(self.opts, count)},
                messages.SUCCESS if count else messages.INFO,
            )
        return changed

    @admin.action(description=_("Submit for review"), permissions=["submit"])
    def submit_for_review(self, request, queryset):
        self.change_each(
            request,
            queryset.filter(status=Status.DRAFT),
            lambda obj: services.submit_for_review(item=obj, user=request.user),
            comment=gettext("Submitted for review"),
            refusal=gettext("Not submitted for review: %(items)s. %(reason)s"),
            report=lambda count: ngettext(
                "%(count)d %(items)s submitted for review.",
                "%(count)d %(items)s submitted for review.",
                count,
            ),
        )

    @admin.action(description=_("Publish now"), permissions=["publish"])
    def publish(self, request, queryset):
        """Status published; the publication time becomes now unless one was set."""
        now = timezone.now()
        to_publish = queryset.exclude(status=Status.PUBLISHED)
        if not to_publish.exists():
            self.message_user(
                request, gettext("The selected items were already published."), messages.INFO
            )
            return
        changed = self.change_each(
            request,
            to_publish,
            lambda obj: self.publish_item(request, obj, now),
            comment=gettext("Published"),
            refusal=gettext("Not published: %(items)s. %(reason)s"),
            report=lambda count: ngettext(
                "%(count)d %(items)s published.", "%(count)d %(items)s published.", count
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
        self.change_each(
            request,
            queryset.exclude(status=Status.DRAFT),
            lambda obj: services.unpublish(item=obj, user=request.user),
            comment=gettext("Unpublished"),
            refusal=gettext("Not unpublished: %(items)s. %(reason)s"),
            report=lambda count: ngettext(
                "%(count)d %(items)s moved back to draft; the public no longer sees it.",
                "%(count)d %(items)s moved back to draft; the public no longer sees them.",
                count,
            ),
        )

    @admin.action(description=_("Withdraw…"), permissions=["publish"])
    def withdraw(self, request, queryset):
        """Withdraw after a confirmation page (which asks a reason of models that show
        one to readers: see `withdraw_item`)."""
        candidates = self.withdrawal_candidates(request, queryset)
        if candidates is None:
            return None  # back to the list, with the message
        form = WithdrawalForm(request.POST if "withdraw" in request.POST else None)
        if not form.is_valid():
            return self.withdrawal_page(request, candidates, form)
        self.change_each(
            request,
            candidates,
            lambda obj: self.withdraw_item(request, obj, form),
            comment=gettext("Withdrawn"),
            refusal=gettext("Not withdrawn: %(items)s. %(reason)s"),
            report=lambda count: ngettext(
                "%(count)d %(items)s withdrawn.", "%(count)d %(items)s withdrawn.", count
            ),
        )
        return None

    def withdrawal_candidates(self, request, queryset):
        """The items the confirmation page offers, or None to go back to the list."""
        return queryset.exclude(status=Status.WITHDRAWN)

    def withdrawal_page(self, request, items, form):
        """The confirmation page: the items, and the reason's form."""
        return TemplateResponse(
            request,
            self.withdraw_template,
            {
                **self.admin_site.each_context(request),
                "title": gettext("Withdraw"),
                "opts": self.opts,
                "items": items,
                "form": form,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
                "withdraws_pages": hasattr(self.model, "withdrawal_reason"),
            },
        )


def quoted(items) -> str:
    return "; ".join(f"“{item}”" for item in items)


def reason_of(error) -> str:
    """A service's refusal as one line (its messages, each once)."""
    if isinstance(error, PermissionDenied):
        return str(error) or gettext("You may not make this change.")
    return " ".join(dict.fromkeys(error.messages))


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
