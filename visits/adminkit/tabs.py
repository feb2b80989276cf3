"""What a translated form shows about its languages: which are empty, incomplete or not
ready, and, beside a field being translated, the text of the language it is translated
from (the source).

Everything is decided here, on the server, and rendered into the page: a summary line at
the top of the form (templates/admin/includes/translation_status.html), ``data-mt-*``
attributes on each translated field, and under every non-source field a collapsed
<details> with the source text. static/js/translation_tabs.js then marks
modeltranslation's language tabs, keeps the marks true while the editor types, and opens
the source beside the field on wide screens. Without JavaScript the summary and the
<details> still say it all.

Mixed into `visits.adminkit.base.BaseAdmin`; imports neither `press` nor the trip domain:
a model's own rules (a release's "ready" flags) come through `language_ready`.
"""

import nh3
from django.forms.boundfield import BoundField
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info, gettext, pgettext_lazy
from django_prose_editor.fields import ProseEditorField

from ..text import LANGUAGE_CODES, translation_of

#: A language's state on the form, from best to worst.
COMPLETE, NOT_READY, INCOMPLETE, EMPTY = "complete", "not-ready", "incomplete", "empty"
STATE_LABELS = {
    COMPLETE: pgettext_lazy("language state", "complete"),
    NOT_READY: pgettext_lazy("language state", "not ready"),
    INCOMPLETE: pgettext_lazy("language state", "incomplete"),
    EMPTY: pgettext_lazy("language state", "empty"),
}


def language_name(code: str) -> str:
    """The language's name in itself (한국어, 日本語): a translator finds their own."""
    return get_language_info(code)["name_local"]


def html_lang(code: str) -> str:
    return "zh-Hans" if code == "zh-hans" else code


class SourceBoundField(BoundField):
    """A translated field's widget followed by the source text it translates, when the
    form field carries one (``field.translation_source``: language code and HTML)."""

    def as_widget(self, widget=None, attrs=None, only_initial=False):
        html = super().as_widget(widget, attrs, only_initial)
        source = getattr(self.field, "translation_source", None)
        if not source:
            return html
        code, text = source
        return format_html(
            '<div class="mt-with-source"><div class="mt-field">{}</div>'
            '<details class="mt-source" data-mt-source-lang="{}">'
            '<summary>{}</summary><div class="mt-source-text" lang="{}">{}</div>'
            "</details></div>",
            html,
            code,
            gettext("Source: %(language)s") % {"language": language_name(code)},
            html_lang(code),
            text,
        )


class TranslationStateMixin:
    """Language states and source texts for a translated model's change form."""

    # --- hooks a model's admin (or a later per-user setting) fills in -------------

    def language_ready(self, obj, code: str) -> bool | None:
        """Whether ``obj`` is marked ready in language ``code``; None when the model has
        no such mark (only releases have one)."""
        return None

    def ready_input_name(self, code: str) -> str | None:
        """The form field that marks language ``code`` ready, if the model has one: the
        marks follow it as the editor ticks it."""
        return None

    def preferred_source_language(self, request) -> str | None:
        """The language a user prefers to translate from. No user has one yet: the hook
        for a per-user setting (a translator of Japanese who reads Korean best)."""
        return None

    # --- what the form shows ------------------------------------------------------

    def state_fields(self) -> tuple[str, ...]:
        """The fields a language needs to be complete: the key ``translation_fields``,
        or every translated field of a model that names none."""
        return tuple(self.translation_fields) or tuple(self.trans_opts.all_fields)

    def source_language(self, request, obj) -> str | None:
        """The language the item is translated from: the user's preferred one when the
        item has it, else the item's original language, else its first filled one."""
        filled = [
            code
            for code in LANGUAGE_CODES
            if any(translation_of(obj, f, code).strip() for f in self.state_fields())
        ]
        preferred = self.preferred_source_language(request)
        original = getattr(obj, "original_language", None)
        for code in (preferred, original, *filled):
            if code in filled:
                return code
        return original if original in LANGUAGE_CODES else None

    def language_state(self, obj, code: str) -> str:
        filled = [bool(translation_of(obj, f, code).strip()) for f in self.state_fields()]
        if not any(filled):
            return EMPTY
        if self.language_ready(obj, code) is False:
            return NOT_READY
        return COMPLETE if all(filled) else INCOMPLETE

    def translation_status(self, request, obj) -> dict | None:
        """The summary at the top of the form: each language with its state."""
        if obj is None or obj.pk is None:
            return None
        source = self.source_language(request, obj)
        languages = []
        for code in LANGUAGE_CODES:
            state = self.language_state(obj, code)
            languages.append(
                {
                    "code": code,
                    "lang": html_lang(code),
                    "name": language_name(code),
                    "state": state,
                    "label": STATE_LABELS[state],
                    "is_source": code == source,
                    "ready_input": self.ready_input_name(code) or "",
                }
            )
        return {
            "languages": languages,
            "labels": STATE_LABELS,
        }

    def source_text(self, obj, field: str, code: str):
        """The source language's text of ``field`` as safe HTML: rich text as it is
        stored (sanitised on the way in, and again here), plain text with its breaks."""
        value = translation_of(obj, field, code).strip()
        if isinstance(self.model._meta.get_field(field), ProseEditorField):
            return mark_safe(nh3.clean(value))  # cleaned by nh3 just now
        return mark_safe(linebreaks(value, autoescape=True))  # escaped by linebreaks

    def mark_translated_fields(self, request, form_class, obj):
        """Per-language attributes on each translated field of ``form_class``, and the
        source text on the fields of the other languages."""
        saved = obj is not None and obj.pk is not None
        source = self.source_language(request, obj) if saved else None
        key_fields = set(self.state_fields())
        for base, columns in self.trans_opts.all_fields.items():
            for column in columns:
                field = form_class.base_fields.get(column.name)
                if field is None:
                    continue
                code = column.language
                value = translation_of(obj, base, code).strip() if saved else ""
                ready = self.language_ready(obj, code) if saved else None
                attrs = {"data-mt-lang": code, "data-mt-state": "filled" if value else EMPTY}
                if base in key_fields:
                    attrs["data-mt-key"] = "1"
                if ready is not None:
                    attrs["data-mt-ready"] = "yes" if ready else "no"
                field.widget.attrs.update(attrs)
                field.bound_field_class = SourceBoundField
                field.translation_source = None
                if source and code != source and translation_of(obj, base, source).strip():
                    field.translation_source = (source, self.source_text(obj, base, source))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        self.mark_translated_fields(request, form, obj)
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["translation_status"] = self.translation_status(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)
