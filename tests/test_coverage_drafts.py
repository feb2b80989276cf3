"""A coverage item as a clipping brings it in: a draft may lack its address, outlet and
date (the editor adds them later); it cannot go out without outlet and date; addresses
stay unique among the items that have one; and every door copes with the gaps."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from press.models import Coverage
from visits.publishing import Status

from .factories import CoverageFactory, OutletFactory, VisitFactory
from .test_models import errors_of

pytestmark = pytest.mark.django_db


def bare_draft(**fields) -> Coverage:
    values = {"headline": "중국판 실리콘밸리 찾은 오세훈", "language": "ko", "visit": None}
    return Coverage(**(values | fields))


def test_a_draft_needs_no_address_outlet_or_date():
    draft = bare_draft()
    draft.full_clean()
    draft.save()
    assert draft.needs() == ["needs an outlet", "needs a date", "needs an address", "no byline"]


def test_many_items_without_an_address_live_side_by_side():
    for _ in range(3):
        item = bare_draft()
        item.full_clean()
        item.save()
    assert Coverage.objects.filter(url="").count() == 3


def test_an_address_is_still_unique_among_those_that_have_one():
    CoverageFactory(url="https://news.example.com/a")
    twin = bare_draft(url="https://news.example.com/a")
    assert errors_of(twin) == {"url": ["Another coverage item has this address."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        Coverage.objects.create(headline="x", language="en", url="https://news.example.com/a")


@pytest.mark.parametrize("missing", ["outlet", "published_on"])
@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.SCHEDULED])
def test_nothing_goes_out_without_its_outlet_and_date(missing, status):
    fields = {"outlet": OutletFactory(), "published_on": datetime.date(2024, 8, 4)}
    fields[missing] = None
    item = bare_draft(status=status, published_at=timezone.now(), **fields)
    assert "Give the outlet and the date published" in str(errors_of(item))
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_staff_preview_and_search_cope_with_a_draft_that_lacks_outlet_and_date(admin_client):
    draft = bare_draft(visit=VisitFactory(status=Status.PUBLISHED, published_at=timezone.now()))
    draft.save()  # the search index reads the draft too
    response = admin_client.get(reverse("press:coverage_detail", kwargs={"pk": draft.pk}))
    assert response.status_code == 200
    assert "중국판 실리콘밸리 찾은 오세훈" in response.content.decode()


def test_the_public_never_sees_a_draft(client):
    draft = bare_draft()
    draft.save()
    response = client.get(reverse("press:coverage_detail", kwargs={"pk": draft.pk}))
    assert response.status_code == 404
