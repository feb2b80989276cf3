"""Which languages a user may translate, and the admin's enforcement of it.

`editable_languages(user, obj=None)` is the one rule: the change forms, their inlines,
the release's readiness marks, the dashboard and the translation tabs all ask it.
`LanguageRulesMixin` (part of `BaseAdmin`) and `LanguageInlineMixin` (part of
`TranslationInlineMixin`) apply it to the forms: another language's fields are
read-only, and a POST that names them anyway is refused as a whole
(`refused_fields`), never saved in part or silently ignored.

The rule itself lives with the assignments in `visits.translators` (services ask it too)
and is re-exported here. Must not import the trip domain (`visits.models`),
`visits.revisions` or `press`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from modeltranslation.translator import translator

from ..text import LANGUAGE_CODES
from ..translators import (
    assigned_languages,
    editable_languages,
    language_names,
    protected_language,
    translated_fields,
)

__all__ = ["LanguageInlineMixin", "LanguageRulesMixin", "editable_languages"]

# --- the admin's side -------------------------------------------------------------------


def other_language_columns(model, codes) -> list[str]:
    """The translated columns of ``model`` in languages other than ``codes``."""
    return [
        column.name
        for field in translated_fields(model)
        for column in translator.get_options_for_model(model).all_fields[field]
        if column.language not in codes
    ]


def model_field_names(model) -> set[str]:
    return {
        field.name
        for field in model._meta.get_fields()
        if field.concrete or (field.many_to_many and not field.auto_created)
    }


def refused_fields(data, model, form_fields, prefix: str = "") -> list[str]:
    """The fields of ``model`` that ``data`` (a POST) sets and the form does not offer
    (read-only for this user): a crafted request. ``prefix`` is a form's in a formset
    ("changenote_set-0"); a split widget's parts (published_at_0, _1) count as the field."""
    names = model_field_names(model)
    lead = f"{prefix}-" if prefix else ""
    refused = []
    for key in data:
        if not key.startswith(lead):
            continue
        name = key[len(lead) :]
        if name[-2:] in ("_0", "_1") and name[:-2] in names:
            name = name[:-2]
        if name in names and name not in form_fields and name not in refused:
            refused.append(name)
    return refused


def sent(data, key: str) -> bool:
    """Whether ``data`` carries field ``key`` (or a part of its split widget)."""
    return key in data or f"{key}_0" in data or f"{key}_1" in data


def refusal_message(names) -> str:
    return gettext(
        "Not saved: this form was sent with changes to fields you may not change "
        "(%(fields)s). Nothing was saved. Reload the page and change only your languages."
    ) % {"fields": ", ".join(names)}


class LanguageRulesMixin:
    """For a `BaseAdmin`: a translator's form offers only their languages (plus what
    ``translation_only_fields`` allows), says so, and refuses a POST that sets anything
    else. Writers are not affected."""

    def translates_only(self, request, obj=None) -> bool:
        raise NotImplementedError  # BaseAdmin: edit_scope == TRANSLATIONS

    def other_language_fields(self, request, obj=None) -> list[str]:
        if not self.translates_only(request, obj):
            return []
        return other_language_columns(self.model, editable_languages(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.method != "POST" or not self.translates_only(request, obj):
            return form
        return type(form.__name__, (RefusingFormMixin, form), {})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Writers need no account of their languages: the item is not read twice for them.
        if request.method == "GET" and self.translates_only(request):
            self.explain_languages(request, self.get_object(request, object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def explain_languages(self, request, obj):
        """Tell a translator, before they type, which languages they may change."""
        if obj is None or not self.has_change_permission(request, obj):
            return
        if not self.translates_only(request, obj):
            return
        user = request.user
        codes = editable_languages(user, obj)
        protected = protected_language(obj)
        if protected and protected in assigned_languages(user) and protected not in codes:
            self.message_user(
                request,
                gettext(
                    "This item is published: its original language (%(language)s) can be "
                    "changed only by a publisher."
                )
                % {"language": language_names([protected])},
                messages.INFO,
            )
        if not assigned_languages(user):
            self.message_user(
                request,
                gettext(
                    "No languages are assigned to you, so you cannot translate anything. "
                    "Ask an administrator to tick your languages on your user page."
                ),
                messages.WARNING,
            )
        elif codes:
            self.message_user(
                request,
                gettext("You translate: %(languages)s. The other languages are read-only.")
                % {"languages": language_names(codes)},
                messages.INFO,
            )

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        if request.method == "POST" and self.translates_only(request, obj):
            for formset, inline in zip(formsets, inline_instances, strict=True):
                refuse_crafted_rows(formset, inline, request, obj)
        return formsets, inline_instances


class RefusingFormMixin:
    """The change form of a translator: refuses, as a whole, data for fields it does not
    offer."""

    def clean(self):
        cleaned_data = super().clean()
        refused = refused_fields(self.data, self._meta.model, self.fields, self.prefix or "")
        if refused:
            raise ValidationError(refusal_message(refused), code="not_your_fields")
        return cleaned_data


def refuse_crafted_rows(formset, inline, request, obj):
    """Make ``formset`` invalid, with the refusal as its error, when the POST sets fields
    its rows do not offer, or changes or adds rows the user may only view."""
    can_change = inline.has_change_permission(request, obj)
    can_add = inline.has_add_permission(request, obj)
    refused = []
    for form in formset.forms:
        refused += refused_fields(formset.data, formset.model, form.fields, form.prefix)
        adding = form.instance._state.adding
        if (adding and not can_add) or (not adding and not can_change):
            # A browser sends only the row's id and parent for a row it shows read-only:
            # any other field sent, and changed, was written by hand.
            fk = getattr(formset, "fk", None)
            ignored = {"id", fk.name if fk is not None else ""}
            refused += [
                name
                for name in form.changed_data
                if name not in ignored and sent(formset.data, form.add_prefix(name))
            ]
    if not refused:
        return
    message = refusal_message(list(dict.fromkeys(refused)))
    original_clean = formset.clean

    def clean():
        original_clean()
        raise ValidationError(message, code="not_your_fields")

    formset.clean = clean


class LanguageInlineMixin:
    """For an inline of a translated model: a translator's rows offer only their
    languages (``obj`` is the item the inline belongs to)."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        codes = editable_languages(request.user, obj)
        if codes != LANGUAGE_CODES:
            fields += [f for f in other_language_columns(self.model, codes) if f not in fields]
        return fields
