"""Embargoed distribution in the admin: journalist lists and journalists, the personal
links sent (with who opened what, when), revoking and resending them, and the release's
"Send under embargo…" page (`EmbargoSendMixin`, mixed into `press.admin.releases`).

Only publishers and superusers see any of it: the Publisher group holds these models'
permissions (press/migrations/0019_distribution.py), and sending also needs
``press.publish_pressrelease``. The rules are `press.distribution`'s; the mail leaves
through the task queue, never in the request.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from visits.adminkit.base import LANGUAGE_NAMES, NONE

from .. import distribution
from ..models import EmbargoLink, EmbargoOpen, Journalist, JournalistList, PressRelease
from ..models.alerts import normalise_address
from .common import RecordAdmin


def may_send(user) -> bool:
    return (
        user.is_active
        and user.is_staff
        and user.has_perm("press.publish_pressrelease")
        and user.has_perm("press.add_embargolink")
    )


def refusal(error: ValidationError) -> str:
    return " ".join(dict.fromkeys(error.messages))


# --- lists and journalists ------------------------------------------------------------------


class JournalistForm(forms.ModelForm):
    def clean_email(self):
        email = normalise_address(self.cleaned_data.get("email"))
        taken = Journalist.objects.filter(email=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(
                _("Another journalist has this address already."), code="duplicate"
            )
        return email

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("outlet") and not (cleaned_data.get("outlet_name") or "").strip():
            self.add_error(
                "outlet_name", _("Choose the outlet, or type its name if it is not listed.")
            )
        return cleaned_data


class MembershipInline(admin.TabularInline):
    """The list's journalists, read only (one query whatever their number); tick "delete"
    to take one off. Journalists join a list on their own page (its "lists" field)."""

    model = Journalist.lists.through
    fields = ("journalist", "email", "language")
    readonly_fields = fields
    extra = 0
    verbose_name = _("journalist")
    verbose_name_plural = _("journalists on this list")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("journalist__outlet")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("email address"))
    def email(self, obj):
        return obj.journalist.email

    @admin.display(description=_("language"))
    def language(self, obj):
        return obj.journalist.get_language_display()


@admin.register(JournalistList)
class JournalistListAdmin(admin.ModelAdmin):
    list_display = ("name", "members", "description")
    search_fields = ("name", "description")
    inlines = (MembershipInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("journalists"))

    @admin.display(description=_("journalists"), ordering="member_count")
    def members(self, obj):
        return obj.member_count


@admin.register(Journalist)
class JournalistAdmin(admin.ModelAdmin):
    form = JournalistForm
    list_display = ("name", "outlet_column", "email", "language", "time_zone", "active")
    list_filter = ("active", "language", "lists", ("outlet", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("outlet",)
    search_fields = ("name", "email", "outlet_name", "outlet__name")
    autocomplete_fields = ("outlet", "lists")
    fields = (
        "name",
        ("outlet", "outlet_name"),
        "email",
        ("language", "time_zone"),
        "lists",
        "active",
        "sent_links",
    )
    readonly_fields = ("sent_links",)

    @admin.display(description=_("outlet"), ordering="outlet_name")
    def outlet_column(self, obj):
        return obj.outlet_display

    @admin.display(description=_("embargoed releases"))
    def sent_links(self, obj):
        if obj.pk is None:
            return ""
        return format_html(
            '<a href="{}?journalist__id__exact={}">{}</a> · '
            '<a href="{}?link__journalist__id__exact={}">{}</a>',
            reverse("admin:press_embargolink_changelist"),
            obj.pk,
            gettext("links sent"),
            reverse("admin:press_embargoopen_changelist"),
            obj.pk,
            gettext("when they were opened"),
        )


# --- links and their log ------------------------------------------------------------------


class OpenInline(admin.TabularInline):
    model = EmbargoOpen
    fields = ("opened_at", "ip_address", "user_agent")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EmbargoLink)
class EmbargoLinkAdmin(admin.ModelAdmin):
    list_display = ("release", "recipient", "created_at", "sent_at", "revoked_at")
    list_display += ("open_count", "last_opened")
    list_filter = (
        ("release", admin.RelatedOnlyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
        "journalist__lists",
    )
    list_select_related = ("release",)
    search_fields = ("journalist_name", "journalist_email", "release__number")
    fields = ("release", "recipient", "journalist", "created_at", "sent_by", "sent_at")
    fields += ("revoked_at", "revoked_by")
    readonly_fields = fields
    inlines = (OpenInline,)
    actions = ("revoke_links", "resend_links")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(open_total=Count("opens"), opened_last=Max("opens__opened_at"))
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("journalist"), ordering="journalist_name")
    def recipient(self, obj):
        return obj.recipient

    @admin.display(description=_("opened"), ordering="open_total")
    def open_count(self, obj):
        return obj.open_total

    @admin.display(description=_("last opened"), ordering="opened_last")
    def last_opened(self, obj):
        return obj.opened_last or NONE

    @admin.action(description=_("Revoke the selected links"), permissions=["change"])
    def revoke_links(self, request, queryset):
        count = distribution.revoke(links=queryset, user=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d link revoked: it now answers “no longer available”.",
                "%(count)d links revoked: they now answer “no longer available”.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Send the selected links again"), permissions=["change"])
    def resend_links(self, request, queryset):
        if not may_send(request.user):
            raise PermissionDenied
        sent = 0
        for link in queryset.select_related("release", "journalist"):
            try:
                distribution.resend(link=link, user=request.user)
            except ValidationError as error:
                self.message_user(request, refusal(error), messages.ERROR)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("%(count)d mail queued again.", "%(count)d mails queued again.", sent)
                % {"count": sent},
            )


@admin.register(EmbargoOpen)
class EmbargoOpenAdmin(RecordAdmin):
    list_display = ("opened_at", "release", "journalist", "ip_address", "user_agent")
    list_filter = (("link__release", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("link__release",)
    search_fields = ("link__journalist_name", "link__journalist_email", "ip_address")
    date_hierarchy = "opened_at"

    @admin.display(description=_("release"), ordering="link__release")
    def release(self, obj):
        return obj.link.release

    @admin.display(description=_("journalist"), ordering="link__journalist_name")
    def journalist(self, obj):
        return obj.link.recipient


# --- sending a release --------------------------------------------------------------------


class SendForm(forms.Form):
    lists = forms.ModelMultipleChoiceField(
        label=_("Journalist lists"),
        queryset=JournalistList.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one list.")},
    )


class EmbargoSendMixin:
    """The release admin's "Send under embargo…": a changelist action and a button on the
    change page, both leading to `send_view`."""

    send_template = "admin/press/pressrelease/send_embargoed.html"

    def get_urls(self):
        send = path(
            "<path:object_id>/send-embargoed/",
            self.admin_site.admin_view(self.send_view),
            name="press_pressrelease_send_embargoed",
        )
        return [send, *super().get_urls()]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if may_send(request.user):
            actions["send_under_embargo"] = (
                EmbargoSendMixin.send_under_embargo,
                "send_under_embargo",
                gettext("Send under embargo…"),
            )
        return actions

    def send_under_embargo(self, request, queryset):
        releases = list(queryset[:2])
        if len(releases) != 1:
            self.message_user(
                request, gettext("Choose one release to send under embargo."), messages.WARNING
            )
            return None
        return HttpResponseRedirect(
            reverse("admin:press_pressrelease_send_embargoed", args=[quote(releases[0].pk)])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        release = None
        pk = distribution.parse_pk(object_id)
        if may_send(request.user) and pk is not None:
            release = PressRelease.objects.filter(pk=pk).only("status", "published_at").first()
        if release is not None:
            if distribution.under_embargo(release):
                extra_context["embargo_send_url"] = reverse(
                    "admin:press_pressrelease_send_embargoed", args=[object_id]
                )
            extra_context["embargo_links_url"] = (
                f"{reverse('admin:press_embargolink_changelist')}?release__id__exact={release.pk}"
            )
            extra_context["embargo_opens_url"] = (
                f"{reverse('admin:press_embargoopen_changelist')}"
                f"?link__release__id__exact={release.pk}"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def send_view(self, request, object_id):
        if not may_send(request.user):
            raise PermissionDenied
        pk = distribution.parse_pk(object_id)
        release = PressRelease.objects.filter(pk=pk).first() if pk is not None else None
        if release is None:
            raise Http404(gettext("No such press release."))
        change_url = reverse("admin:press_pressrelease_change", args=[quote(release.pk)])
        try:
            distribution.check_sendable(release=release)
        except ValidationError as error:
            self.message_user(request, refusal(error), messages.ERROR)
            return HttpResponseRedirect(change_url)
        form = SendForm(request.POST if request.method == "POST" else None)
        confirmed = request.method == "POST" and "send" in request.POST
        if request.method == "POST" and form.is_valid():
            lists = form.cleaned_data["lists"]
            if confirmed:
                sent = distribution.send_under_embargo(
                    release=release, lists=lists, user=request.user
                )
                self.message_user(request, sent_message(sent), messages.SUCCESS)
                return HttpResponseRedirect(change_url)
            return self.send_page(request, release, form, change_url, chosen=lists)
        return self.send_page(request, release, form, change_url)

    def send_page(self, request, release, form, change_url, chosen=None):
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Send under embargo"),
            "opts": self.opts,
            "release": release,
            "form": form,
            "change_url": change_url,
            "notice": distribution.embargo_notice(release, distribution.SEOUL),
        }
        sizes = list_sizes()
        form.fields["lists"].label_from_instance = lambda item: (
            ngettext(
                "%(list)s (%(count)d journalist)",
                "%(list)s (%(count)d journalists)",
                sizes.get(item.pk, 0),
            )
            % {"list": item, "count": sizes.get(item.pk, 0)}
        )
        if chosen is not None:
            summary = distribution.audience_summary(chosen)
            context["chosen"] = chosen
            context["total"] = summary["total"]
            context["languages"] = [
                (LANGUAGE_NAMES.get(code, code), count)
                for code, count in sorted(summary["languages"].items())
            ]
            context["already"] = distribution.not_to_mail(release, chosen).count()
        return TemplateResponse(request, self.send_template, context)


def list_sizes() -> dict:
    """How many journalists each list reaches (active, not suppressed), in one query."""
    rows = (
        Journalist.lists.through.objects.filter(journalist__in=Journalist.objects.receiving())
        .values("journalistlist")
        .annotate(count=Count("journalist"))
        .order_by()
    )
    return {row["journalistlist"]: row["count"] for row in rows}


def sent_message(sent: distribution.Sent) -> str:
    """What the publisher is told: how many journalists will be mailed (the mails leave
    from the task queue, a moment later), and how many had it already."""
    text = ngettext(
        "The embargoed mail is on its way to %(count)d journalist.",
        "The embargoed mail is on its way to %(count)d journalists.",
        sent.queued,
    ) % {"count": sent.queued}
    if sent.already:
        text += " " + ngettext(
            "%(count)d journalist had the release already and was not mailed again.",
            "%(count)d journalists had the release already and were not mailed again.",
            sent.already,
        ) % {"count": sent.already}
    return text
