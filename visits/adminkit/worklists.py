"""What waits for whom: the conditions behind the dashboard's lists
(`visits.adminkit.dashboard`) and the changelist filters that show each list in full, so
that a section's "see all" link and its lines are the same rows.

* `waiting_for_translation_q`: items in review or approved whose text in a language is
  missing, or not marked ready where the model has ready flags.
* `WaitingForTranslationFilter`, `OwnerFilter`: changelist filters of any `Publishable`
  admin; their menus cost no query.

Must not import the trip domain (`visits.models`) or `press`.
"""

from django.conf import settings
from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..publishing import APPROVED, Status
from ..text import LANGUAGE_CODES
from .base import missing_q

LANGUAGE_NAMES = dict(settings.LANGUAGES)
#: The stages at which an item waits for its translations: submitted, or approved.
TRANSLATION_STAGES = (Status.IN_REVIEW, *APPROVED)


def ready_name(code: str) -> str:
    """``ready_zh_hans``: the name of a language's ready flag, where a model has one."""
    return f"ready_{code.replace('-', '_')}"


def has_original_language(model) -> bool:
    """Whether ``model`` names the language its items are written in (a release)."""
    return any(f.name == "original_language" for f in model._meta.concrete_fields)


def waiting_for_translation_q(
    fields, code: str, *, ready_flags: bool = False, original: bool = False
) -> Q:
    """Items in review or approved whose ``fields`` lack language ``code`` or, with
    ``ready_flags``, whose ``code`` is not marked ready yet. With ``original``, items
    written in ``code`` are left out: their own language waits for its writers, not for
    a translator (it is "not ready" on the list of what goes out next)."""
    lacking = missing_q(fields, code)
    if ready_flags:
        lacking |= Q(**{ready_name(code): False})
    condition = Q(status__in=TRANSLATION_STAGES) & lacking
    if original:
        condition &= ~Q(original_language=code)
    return condition


class WaitingForTranslationFilter(admin.SimpleListFilter):
    """Items waiting for a translation into the chosen language (`for_fields`)."""

    title = _("waiting for translation")
    parameter_name = "waiting"
    fields: tuple[str, ...] = ()
    ready_flags = False

    @classmethod
    def for_fields(cls, *fields: str, ready_flags: bool = False):
        return type(cls.__name__, (cls,), {"fields": fields, "ready_flags": ready_flags})

    def lookups(self, request, model_admin):
        return [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in LANGUAGE_CODES:  # no choice, or a hand-made URL: everything
            return queryset
        original = has_original_language(queryset.model)
        return queryset.filter(
            waiting_for_translation_q(
                self.fields, code, ready_flags=self.ready_flags, original=original
            )
        )


class OwnerFilter(admin.SimpleListFilter):
    """Items of the user looking at the list, or nobody's."""

    title = _("owner")
    parameter_name = "owner"
    MINE, NOBODY = "mine", "none"

    def lookups(self, request, model_admin):
        return [(self.MINE, _("mine")), (self.NOBODY, _("no owner"))]

    def queryset(self, request, queryset):
        if self.value() == self.MINE:
            return queryset.filter(owner=request.user.pk)
        if self.value() == self.NOBODY:
            return queryset.filter(owner__isnull=True)
        return queryset
