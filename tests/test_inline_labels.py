"""Inline rows are labelled by what they are: a release's coverage by outlet and
headline, its gallery by the photo's caption; never "Coverage_releases object (2)".

Every change form of every item of the demo is opened (the demo is loaded once for the
module and rolled back, as in tests/test_demo.py).
"""

import io

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils.html import escape

from press.models import Coverage, PressRelease
from visits.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


#: Items opened per model, except releases and trips (all of them: they have the inlines).
SAMPLE = 4


def change_urls():
    """The change form of demo items of every model of ours with an admin."""
    for model in admin.site._registry:
        if model._meta.app_label not in ("visits", "press"):
            continue
        info = model._meta.app_label, model._meta.model_name
        pks = model._default_manager.order_by("pk").values_list("pk", flat=True)
        if model not in (PressRelease, Visit):
            pks = pks[:SAMPLE]
        for pk in pks:
            yield reverse(f"admin:{info[0]}_{info[1]}_change", args=[pk])


def test_no_change_form_of_the_demo_labels_a_row_object_n(demo, admin_client):
    urls = list(change_urls())
    assert len(urls) > 40
    unlabelled = []
    for url in urls:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        if "object (" in response.content.decode():
            unlabelled.append(url)
    assert unlabelled == []


def test_a_releases_coverage_rows_name_outlet_and_headline(demo, admin_client):
    release = PressRelease.objects.filter(coverage__isnull=False).first()
    coverage = Coverage.objects.filter(releases=release).select_related("outlet").first()
    html = admin_client.get(reverse("admin:press_pressrelease_change", args=[release.pk]))
    text = html.content.decode()
    assert escape(f"{coverage.outlet}: {coverage.headline}") in text
