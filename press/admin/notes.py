"""A release's public change notes, edited in the release's form: publishers, who alone
change a published release, add them; translators translate them but keep the time each
is dated by (`press.models.notes`; the groups' permissions: press/migrations/0014)."""

from modeltranslation.admin import TranslationTabularInline

from visits.adminkit.base import TranslationInlineMixin

from ..models import ChangeNote


class ChangeNoteInline(TranslationInlineMixin, TranslationTabularInline):
    model = ChangeNote
    fields = ("noted_at", "note")
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("press.add_changenote"):
            fields.append("noted_at")  # a translator's: the note's text only
        return fields
