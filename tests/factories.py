"""factory_boy factories for every model.

Translated fields are set per language (``title_en``), never through the bare field.
Publishable models are published an hour ago by default; use the ``draft`` or
``scheduled`` traits (``PressReleaseFactory(scheduled=True)``) for the other states.
Trips make their legs on request: ``VisitFactory(legs=2)`` splits the trip's days
between two cities, in order.
"""

import datetime
import io
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from press.models import (
    Coverage,
    Outlet,
    Photo,
    PressContact,
    PressRelease,
    ReleasePhoto,
    Topic,
)
from visits.models import City, Engagement, Leg, Organization, Person, Place, Visit
from visits.publishing import Status

SEOUL_CREDIT = "Seoul Metropolitan Government"


def png_file(name: str = "photo.png", size=(16, 12), color=(30, 90, 160)) -> ContentFile:
    """A real, tiny PNG image that Pillow and Django's ImageField can read."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=name)


def _add_m2m(manager, extracted):
    if extracted:
        manager.add(*extracted)


class PublishableFactory(factory.django.DjangoModelFactory):
    """Published an hour ago; traits for the other states."""

    class Meta:
        abstract = True

    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            status=Status.SCHEDULED,
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=1)),
        )
        withdrawn = factory.Trait(status=Status.WITHDRAWN)


# --- visits -------------------------------------------------------------------------


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"City {n}")
    country = "CN"
    time_zone = "Asia/Shanghai"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organization.Kind.COMPANY
    country = "CN"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name_en = factory.Sequence(lambda n: f"Person {n}")
    role_en = "Mayor"
    organization = None


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name_en = factory.Sequence(lambda n: f"Place {n}")
    city = factory.SubFactory(CityFactory)
    latitude = None
    longitude = None


class VisitFactory(PublishableFactory):
    """A nine-day trip; ``VisitFactory(legs=3)`` also makes three consecutive legs."""

    class Meta:
        model = Visit
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Trip {n}")
    summary_en = factory.LazyAttribute(lambda o: f"Summary of {o.title_en}.")
    official = factory.SubFactory(PersonFactory)
    start_date = datetime.date(2024, 7, 24)
    end_date = factory.LazyAttribute(lambda o: o.start_date + timedelta(days=8))

    @factory.post_generation
    def legs(self, create, extracted, **kwargs):
        """Split the trip's days between ``extracted`` legs, the last leg taking the rest."""
        if not create or not extracted:
            return
        count = int(extracted)
        days = (self.end_date - self.start_date).days + 1
        per_leg = max(days // count, 1)
        for index in range(count):
            start = min(self.start_date + timedelta(days=index * per_leg), self.end_date)
            end = (
                self.end_date
                if index == count - 1
                else min(start + timedelta(days=per_leg - 1), self.end_date)
            )
            LegFactory(visit=self, order=index + 1, start_date=start, end_date=end, **kwargs)


class LegFactory(factory.django.DjangoModelFactory):
    """A leg covering its whole trip unless dates are given."""

    class Meta:
        model = Leg

    visit = factory.SubFactory(VisitFactory)
    city = factory.SubFactory(CityFactory)
    start_date = factory.LazyAttribute(lambda o: o.visit.start_date)
    end_date = factory.LazyAttribute(lambda o: o.visit.end_date)
    order = factory.Sequence(lambda n: n + 1)


class EngagementFactory(factory.django.DjangoModelFactory):
    """An engagement on the first day of its leg; ``people=[...]`` and ``organizations=[...]``."""

    class Meta:
        model = Engagement
        skip_postgeneration_save = True

    leg = factory.SubFactory(LegFactory)
    visit = factory.SelfAttribute("leg.visit")
    date = factory.LazyAttribute(lambda o: o.leg.start_date)
    start_time = None
    kind = Engagement.Kind.SITE_VISIT
    title_en = factory.Sequence(lambda n: f"Engagement {n}")
    place = None

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.people, extracted)

    @factory.post_generation
    def organizations(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.organizations, extracted)


# --- press --------------------------------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name_en = factory.Sequence(lambda n: f"Topic {n}")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name_en = factory.Sequence(lambda n: f"Outlet {n}")
    kind = Outlet.Kind.NEWSPAPER
    country = "KR"
    language = "en"
    website = factory.Sequence(lambda n: f"https://outlet{n}.example.com/")


class PressContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressContact

    name_en = factory.Sequence(lambda n: f"Press officer {n}")
    department_en = "International Relations Division"
    email = factory.Sequence(lambda n: f"press{n}@seoul.example")
    phone = "+82-2-120"


class PhotoFactory(factory.django.DjangoModelFactory):
    """A real 16 by 12 PNG with a credit, shown on a (published) trip."""

    class Meta:
        model = Photo

    image = factory.LazyFunction(png_file)
    caption_en = factory.Sequence(lambda n: f"Photo {n}")
    alt_text_en = factory.LazyAttribute(lambda o: f"Description of {o.caption_en}")
    credit = SEOUL_CREDIT
    visit = factory.SubFactory(VisitFactory)
    place = None
    engagement = None
    order = factory.Sequence(lambda n: n)


class PressReleaseFactory(PublishableFactory):
    """``topics=[...]``, ``engagements=[...]`` and ``photos=[...]`` (the first is the lead)."""

    class Meta:
        model = PressRelease
        skip_postgeneration_save = True

    title_en = factory.Sequence(lambda n: f"Press release {n}")
    lead_en = factory.LazyAttribute(lambda o: f"The lead of {o.title_en}.")
    body_en = "<p>The body of the release.</p>"
    number = factory.Sequence(lambda n: f"SMG-2024-{n:04d}")
    original_language = "en"
    visit = factory.SubFactory(VisitFactory)
    contact = None
    # A language is ready when the release has a title in it (override per test).
    ready_en = factory.LazyAttribute(lambda o: bool(getattr(o, "title_en", "")))
    ready_ko = factory.LazyAttribute(lambda o: bool(getattr(o, "title_ko", "")))
    ready_zh_hans = factory.LazyAttribute(lambda o: bool(getattr(o, "title_zh_hans", "")))
    ready_ja = factory.LazyAttribute(lambda o: bool(getattr(o, "title_ja", "")))

    class Params:
        # A row as a script or an old database may hold it: withdrawn, never shown as
        # public (was_public stays False). A real withdrawal goes through
        # press.services.withdraw_release.
        withdrawn = factory.Trait(
            status=Status.WITHDRAWN,
            withdrawn_at=factory.LazyFunction(timezone.now),
            withdrawal_reason_en="The event was cancelled.",
        )

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.topics, extracted)

    @factory.post_generation
    def engagements(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.engagements, extracted)

    @factory.post_generation
    def photos(self, create, extracted, **kwargs):
        if create and extracted:
            for index, photo in enumerate(extracted):
                ReleasePhoto.objects.create(
                    release=self, photo=photo, order=index, is_lead=index == 0
                )


class ReleasePhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReleasePhoto

    release = factory.SubFactory(PressReleaseFactory)
    photo = factory.SubFactory(PhotoFactory, visit=factory.SelfAttribute("..release.visit"))
    order = factory.Sequence(lambda n: n)
    is_lead = False


class CoverageFactory(PublishableFactory):
    """``engagements=[...]`` and ``releases=[...]`` link what the article covers."""

    class Meta:
        model = Coverage
        skip_postgeneration_save = True

    outlet = factory.SubFactory(OutletFactory)
    headline = factory.Sequence(lambda n: f"Coverage headline {n}")
    url = factory.Sequence(lambda n: f"https://news.example.com/articles/{n}")
    language = factory.SelfAttribute("outlet.language")
    byline = "Cho Jung-woo"
    summary = factory.LazyAttribute(lambda o: f"What {o.headline} says.")
    published_on = datetime.date(2024, 8, 4)
    published_time = datetime.time(17, 42)
    visit = factory.SubFactory(VisitFactory)

    @factory.post_generation
    def engagements(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.engagements, extracted)

    @factory.post_generation
    def releases(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.releases, extracted)


def assign_languages(user, *codes):
    """Assign ``codes`` (every language when none are given) to ``user``, a translator."""
    from visits.text import LANGUAGE_CODES
    from visits.translators import TranslatorLanguages

    TranslatorLanguages.objects.update_or_create(
        user=user, defaults={"languages": list(codes or LANGUAGE_CODES)}
    )
    return user


class VideoFactory(factory.django.DjangoModelFactory):
    """A YouTube link on a (published) trip; ``releases=[...]``, ``engagements=[...]``."""

    class Meta:
        model = "press.Video"
        skip_postgeneration_save = True

    url = factory.Sequence(lambda n: f"https://youtu.be/video{n:06d}")
    title_en = factory.Sequence(lambda n: f"Video {n}")
    visit = factory.SubFactory(VisitFactory)

    @classmethod
    def _generate(cls, strategy, params):
        # In no release, the trip's own (as the demo and the admin's trip form make it).
        params.setdefault("trip_wide", not params.get("releases"))
        return super()._generate(strategy, params)

    @factory.post_generation
    def releases(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.releases, extracted)

    @factory.post_generation
    def engagements(self, create, extracted, **kwargs):
        if create:
            _add_m2m(self.engagements, extracted)
