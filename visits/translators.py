"""Per-language translators: the languages each is assigned (`TranslatorLanguages`, one
row per user, ticked on the user's page in the admin: `visits.adminkit.users`), and the
rule every door asks, `editable_languages(user, obj=None)` (re-exported by
`visits.adminkit.languages`, which applies it to the admin's forms).

Only users who translate (who change items but may not add them) are bound by it.
Imports `visits.text` and `visits.publishing` only (no trip domain, no admin, no press).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from .publishing import APPROVED, Publishable
from .publishing.services import publish_permission
from .text import LANGUAGE_CODES, translation_of


class TranslatorLanguages(models.Model):
    """The languages one user translates (codes of ``settings.LANGUAGES``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="translator_languages",
        verbose_name=_("user"),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_(
            "The languages this person translates. A translator changes and marks ready "
            "only these; with none ticked, they can translate nothing. Editors and "
            "publishers are not limited by it."
        ),
    )

    class Meta:
        verbose_name = _("translator languages")
        verbose_name_plural = _("translator languages")
        ordering = ("user__username",)

    def __str__(self):
        names = dict(settings.LANGUAGES)
        return ", ".join(str(names[code]) for code in self.codes()) or "\N{EN DASH}"

    def clean(self):
        if not isinstance(self.languages, list):
            raise ValidationError({"languages": _("Choose languages from the list.")})
        unknown = [code for code in self.languages if code not in LANGUAGE_CODES]
        if unknown:
            raise ValidationError(
                {
                    "languages": _("Not a language of this site: %(codes)s.")
                    % {"codes": ", ".join(map(str, unknown))}
                }
            )

    def codes(self) -> tuple[str, ...]:
        """The assigned languages, in the site's order; unknown codes left out."""
        chosen = set(self.languages) if isinstance(self.languages, list) else set()
        return tuple(code for code in LANGUAGE_CODES if code in chosen)


# --- the rule -----------------------------------------------------------------------

_ASSIGNED = "_translator_language_codes"
_FACTS = "_original_language_facts"


def language_names(codes) -> str:
    names = dict(settings.LANGUAGES)
    return ", ".join(str(names[code]) for code in codes)


def assigned_languages(user) -> tuple[str, ...]:
    """The languages assigned to ``user`` (`TranslatorLanguages`), in the site's order;
    () when none are. Read once per user object."""
    if not getattr(user, "pk", None):
        return ()
    if not hasattr(user, _ASSIGNED):
        row = TranslatorLanguages.objects.filter(user=user).first()
        setattr(user, _ASSIGNED, row.codes() if row is not None else ())
    return getattr(user, _ASSIGNED)


def writes(user, model=None) -> bool:
    """Whether ``user`` writes ``model`` (may add it), or, without a model, any translated
    model: writers (editors, publishers) are not bound to languages; translators, who
    change but never add, are."""
    if user.is_superuser:
        return True
    if model is not None:
        return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")
    apps = {m._meta.app_label for m in translator.get_registered_models()}
    return any(
        perm.split(".", 1)[0] in apps and perm.split(".", 1)[1].startswith("add_")
        for perm in user.get_all_permissions()
    )


def translated_fields(model) -> tuple[str, ...]:
    """The translated fields of ``model`` in the model's order (title, summary…), or ()
    if it has none."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(
        field.name for field in model._meta.get_fields() if field.name in options.all_fields
    )


def original_language(obj) -> str:
    """The language ``obj`` was written in: its ``original_language`` when it has one (a
    release), else the first language, in the site's order, in which its first translated
    field is filled; "" when none is."""
    code = getattr(obj, "original_language", None)
    if code in LANGUAGE_CODES:
        return code
    fields = translated_fields(type(obj))
    if not fields:
        return ""
    return next((c for c in LANGUAGE_CODES if translation_of(obj, fields[0], c).strip()), "")


def is_published(obj) -> bool:
    """Whether ``obj`` is out: a publishable item approved for publication (scheduled or
    published), or an item its model's ``published()`` finds (a photo a public trip or
    release shows, a place of a public trip…)."""
    if obj is None or obj.pk is None:
        return False
    if isinstance(obj, Publishable):
        return obj.status in APPROVED
    queryset = type(obj)._default_manager.all()
    if not hasattr(queryset, "published"):
        return False
    return queryset.published().filter(pk=obj.pk).exists()


def protected_language(obj) -> str:
    """The language of ``obj`` that only a publisher may change: its original language
    once it is published; "" when none is. Worked out from ``obj`` as first asked (as
    stored, before a form writes into it) and kept on it."""
    if obj is None:
        return ""
    if _FACTS not in obj.__dict__:
        obj.__dict__[_FACTS] = original_language(obj) if is_published(obj) else ""
    return obj.__dict__[_FACTS]


def editable_languages(user, obj=None) -> tuple[str, ...]:
    """The languages whose translated fields ``user`` may change, in the site's order.

    * Writers (superusers, and users who may add ``obj``'s model, or without ``obj`` any
      translated model: editors, publishers): every language.
    * Translators (who change but do not add): the languages assigned to them on their
      user page (`TranslatorLanguages`), none if none are; less, for a published ``obj``
      (`is_published`), its original language (`original_language`), unless they may
      publish it (``<app>.publish_<model>``).
    * Inactive or anonymous users: none.

    Whether the user may change ``obj`` at all is the admin's question (its change
    permission and status rules); this says only which languages."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ()
    if writes(user, type(obj) if obj is not None else None):
        return LANGUAGE_CODES
    codes = assigned_languages(user)
    protected = protected_language(obj)
    if protected and not user.has_perm(publish_permission(type(obj))):
        codes = tuple(code for code in codes if code != protected)
    return codes
