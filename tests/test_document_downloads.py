"""Documents are downloaded through the site (`press.document_media.download`), whatever
the storage: with media on a bucket (S3) the pages link no bucket URL, an embargo holds,
and the answer is an attachment of the type of the kind the upload check found."""

import feedparser
import pytest

from press.models import Document
from tests.document_samples import DocumentFactory
from tests.factories import PressReleaseFactory, VisitFactory
from tests.test_pages import fetch, rev, url_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_a_bucket(settings):
    """Media URLs on a bucket's host, as with AWS_STORAGE_BUCKET_NAME set."""
    settings.MEDIA_URL = "https://bucket.example/"


def test_pages_and_feeds_link_the_site_not_the_bucket(client, on_a_bucket):
    trip = VisitFactory(legs=1)
    release = PressReleaseFactory(visit=trip)
    document = DocumentFactory(visit=trip, releases=[release], title_en="Agreement")
    page = fetch(client, url_of(release)).html
    assert document.download_url in page
    assert "bucket.example/documents" not in page
    feed = feedparser.parse(client.get(rev("press:trip_release_feed_rss", slug=trip.slug)).content)
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href == "http://testserver" + document.download_url
    assert enclosure.type == "application/pdf"
    response = client.get(document.download_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="Agreement.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_under_embargo_is_not_downloaded_whatever_the_storage(client, on_a_bucket):
    trip = VisitFactory(legs=1)
    document = DocumentFactory(visit=trip, releases=[PressReleaseFactory(visit=trip, draft=True)])
    response = client.get(document.download_url)
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"
    assert client.get(f"/documents/{document.pk + 100}/x.pdf").status_code == 404


def test_the_type_is_the_kinds_not_the_stored_one(client):
    """A restore checks a row's kind against the file, not its media type: the answer's
    type comes from the kind."""
    document = DocumentFactory(visit=VisitFactory(legs=1))
    Document.objects.filter(pk=document.pk).update(media_type="text/html")
    document.refresh_from_db()
    for url in (document.download_url, document.file.url):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"


def test_on_a_real_bucket_the_site_streams_a_public_document_and_keeps_a_draft(client, s3_storage):
    trip = VisitFactory(legs=1)
    public = DocumentFactory(visit=trip, releases=[PressReleaseFactory(visit=trip)])
    draft = DocumentFactory(visit=trip, releases=[PressReleaseFactory(visit=trip, draft=True)])
    assert public.file.url.startswith("http")  # the storage's own URL: not what pages link
    response = client.get(public.download_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(draft.download_url).status_code == 404
