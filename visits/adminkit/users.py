"""The user page of the admin, with the languages a translator is assigned
(`visits.translators.TranslatorLanguages`): an office administrator ticks them there,
no shell needed. Registered by `visits.admin`; imports no trip domain and no `press`.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ..translators import TranslatorLanguages


class TranslatorLanguagesForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=TranslatorLanguages._meta.get_field("languages").help_text,
    )

    class Meta:
        model = TranslatorLanguages
        fields = ("languages",)


class TranslatorLanguagesInline(admin.StackedInline):
    model = TranslatorLanguages
    form = TranslatorLanguagesForm
    can_delete = False
    max_num = 1
    verbose_name = _("languages translated")
    verbose_name_plural = _("languages translated")


User = get_user_model()


class NewsroomUserAdmin(UserAdmin):
    """Django's user admin, with the languages the user translates."""

    inlines = (*UserAdmin.inlines, TranslatorLanguagesInline)
    list_display = (*UserAdmin.list_display, "translates")
    list_select_related = ("translator_languages",)

    @admin.display(description=_("translates"))
    def translates(self, user):
        row = getattr(user, "translator_languages", None)
        return str(row) if row is not None else "\N{EN DASH}"


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, NewsroomUserAdmin)
