from modeltranslation.translator import TranslationOptions, register

from .models import (
    ChangeNote,
    Coverage,
    Document,
    Outlet,
    Photo,
    PressContact,
    PressRelease,
    Topic,
    Video,
)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Outlet)
class OutletTranslation(TranslationOptions):
    fields = ("name",)


@register(PressContact)
class PressContactTranslation(TranslationOptions):
    fields = ("name", "department")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("caption", "alt_text")


@register(PressRelease)
class PressReleaseTranslation(TranslationOptions):
    fields = ("title", "subtitle", "lead", "body", "withdrawal_reason")


@register(Coverage)
class CoverageTranslation(TranslationOptions):
    # The headline and summary stay in the article's language; these are for other readers.
    fields = ("translated_headline", "translated_summary")


@register(ChangeNote)
class ChangeNoteTranslation(TranslationOptions):
    fields = ("note",)


@register(Video)
class VideoTranslation(TranslationOptions):
    fields = ("title", "caption", "poster_alt")


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title", "description")
