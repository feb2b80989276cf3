"""Topics: the subjects releases are filed under (a topic's page lists its releases)."""

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from visits.models import SluggedModel


class TopicQuerySet(models.QuerySet):
    def published(self):
        """Topics with at least one public release."""
        from .releases import PressRelease  # releases.py imports Topic

        return self.filter(Exists(PressRelease.objects.published().filter(topics=OuterRef("pk"))))


class Topic(SluggedModel):
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.slug

    def get_absolute_url(self):
        return reverse("press:topic_detail", kwargs={"slug": self.slug})
