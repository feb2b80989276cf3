"""`EditorForm`, the base of every admin form: validation messages written for editors, in
their language, and the optimistic lock's check (a save from a stale form is refused with
the user's text kept, see `visits.publishing.locking`).

Imports no admin class: `base` and `publishing` build on it, not the other way round.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


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
