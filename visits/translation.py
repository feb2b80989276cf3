from modeltranslation.translator import TranslationOptions, register

from .models import City, Engagement, Organization, Person, Place, Visit


@register(City)
class CityTranslation(TranslationOptions):
    fields = ("name",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "role")


@register(Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Visit)
class VisitTranslation(TranslationOptions):
    fields = ("title", "summary", "purpose")


@register(Engagement)
class EngagementTranslation(TranslationOptions):
    fields = ("title", "description")
