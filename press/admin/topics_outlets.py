"""The reference lists editors pick from: topics, outlets and press contacts."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from visits.adminkit.base import BaseAdmin
from visits.adminkit.forms import EditorForm
from visits.text import localized

from ..models import Outlet, PressContact, Topic
from .common import LanguageInUseFilter


@admin.register(Topic)
class TopicAdmin(BaseAdmin):
    list_display = ("__str__", "slug", "public", "translations")
    search_fields = (*localized("name"), "slug")
    translation_fields = ("name",)
    list_defer = ("description", *localized("description"))
    fieldsets = ((None, {"fields": ("name", "description", "slug")}),)


@admin.register(Outlet)
class OutletAdmin(BaseAdmin):
    list_display = ("__str__", "kind", "country", "language", "website", "public")
    list_display += ("translations",)
    list_filter = ("kind", "country", LanguageInUseFilter)
    search_fields = (*localized("name"), "slug", "website", "aliases", "domains")
    translation_fields = ("name",)
    fieldsets = (
        (None, {"fields": ("name", "kind", "country", "language", "website", "slug")}),
        # What the coverage desk recognises the outlet by in clippings.
        (_("In clippings"), {"fields": ("aliases", "domains")}),
    )


class PressContactForm(EditorForm):
    def clean(self):
        cleaned_data = super().clean()
        if not any((cleaned_data.get(name) or "").strip() for name in localized("name")):
            self.add_error("name_en", _("Fill in this field in at least one language."))
        return cleaned_data


@admin.register(PressContact)
class PressContactAdmin(BaseAdmin):
    form = PressContactForm
    list_display = ("__str__", "email", "phone", "translations")
    search_fields = (*localized("name", "department"), "email", "phone")
    translation_fields = ("name",)
    fieldsets = ((None, {"fields": ("name", "department", "email", "phone")}),)
