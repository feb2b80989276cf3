"""Field types and field helpers the press models share: rich text sanitised on the way
in, permanent identifiers, the language choices, and the names and makers of a release's
per-language readiness fields (``ready_ko``, ``public_from_ko``…).

Holds no model and imports none, so every model module can use it.
"""

import uuid

from django.conf import settings
from django.conf.global_settings import LANGUAGES as ALL_LANGUAGES
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from visits.models import Engagement, Visit

from ..sanitize import RICH_TEXT_EXTENSIONS, sanitize_html

SITE_LANGUAGE_CHOICES = settings.LANGUAGES
ARTICLE_LANGUAGE_CHOICES = sorted(ALL_LANGUAGES, key=lambda item: item[0])


def new_key() -> uuid.UUID:
    return uuid.uuid4()


def permanent_id() -> models.UUIDField:
    """A UUID made once per row, for identifiers that outlive edits, hosts and databases."""
    return models.UUIDField(
        _("permanent identifier"),
        default=uuid.uuid4,
        editable=False,
        unique=True,
        help_text=_("Never changes; feeds build their entry IDs from it."),
    )


class RichTextField(ProseEditorField):
    """Rich text edited with ProseMirror, sanitised with nh3 on every way in.

    The form field sanitises what editors type; `pre_save` sanitises once more so that
    imports and scripts that skip `full_clean()` cannot store unsafe HTML either.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", RICH_TEXT_EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if value:
            value = sanitize_html(value)
            # Keep the instance in step for the per-language columns (body_en, …). The
            # untranslated `body` is modeltranslation's descriptor: setting it would copy
            # fallback text into the active language's empty column.
            if getattr(self, "language", None):
                setattr(model_instance, self.attname, value)
        return value


def ready_field(code: str) -> str:
    """``ready_zh_hans``: the name of a release's ready flag for a language."""
    return f"ready_{code.replace('-', '_')}"


def language_time_field(code: str) -> str:
    """``public_from_zh_hans``: the name of a language's own publication time."""
    return f"public_from_{code.replace('-', '_')}"


def ready_flag(verbose_name) -> models.BooleanField:
    return models.BooleanField(
        verbose_name,
        default=False,
        help_text=_(
            "Tick when this language's text is final. A language that is not ready is "
            "never shown: readers of it see a ready language and a “translation pending” note."
        ),
    )


def language_time(verbose_name) -> models.DateTimeField:
    return models.DateTimeField(
        verbose_name,
        null=True,
        blank=True,
        db_index=True,  # a language's feed asks for its newest own time
        help_text=_(
            "Optional: a later time for this language alone (its own embargo). Empty: "
            "with the release."
        ),
    )


def trip_link(related_name: str) -> models.ForeignKey:
    """The trip an item belongs to (a release, an article, a photo): optional, and kept
    when the trip is deleted, so the item is not lost with it."""
    return models.ForeignKey(
        Visit,
        verbose_name=_("trip"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
    )


def engagements_covered(related_name: str) -> models.ManyToManyField:
    """The events on a trip's itinerary an item is about."""
    return models.ManyToManyField(
        Engagement, verbose_name=_("engagements covered"), blank=True, related_name=related_name
    )
