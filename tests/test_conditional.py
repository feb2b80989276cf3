"""Conditional GET, as the feeds, the media route and the page cache share it
(`visits.conditional`): a reader whose copy is current gets a 304 carrying the validators,
without the answer being made; anyone else gets the answer with them."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date

from tests.factories import PhotoFactory
from visits.conditional import conditional_response, content_etag, revalidated

MODIFIED = 1_722_000_000.75  # a file's modification time has a fraction of a second
ETAG = content_etag("the feed's state")


def get(**headers):
    return RequestFactory().get("/anything", headers=headers)


class Builder:
    """Makes the full answer, counting how often it is asked to."""

    def __init__(self, response=None):
        self.calls = 0
        self.response = HttpResponse("the full answer") if response is None else response

    def __call__(self):
        self.calls += 1
        return self.response


def test_content_etag_is_strong_and_names_the_content():
    assert content_etag(b"abc") == content_etag("abc")
    assert content_etag("abc") != content_etag("abd")
    assert content_etag("abc").startswith('"') and not content_etag("abc").startswith("W/")


def test_first_visit_gets_the_answer_with_its_validators():
    build = Builder()
    response = conditional_response(get(), build, etag=ETAG, last_modified=MODIFIED)
    assert (response.status_code, response.content, build.calls) == (200, b"the full answer", 1)
    assert response["ETag"] == ETAG
    assert response["Last-Modified"] == http_date(int(MODIFIED))


@pytest.mark.parametrize(
    "headers",
    [{"If-None-Match": ETAG}, {"If-Modified-Since": http_date(MODIFIED)}],
    ids=["etag", "date"],
)
def test_current_copy_gets_a_304_without_the_answer_being_made(headers):
    build = Builder()
    response = conditional_response(get(**headers), build, etag=ETAG, last_modified=MODIFIED)
    assert (response.status_code, build.calls) == (304, 0)
    assert response["ETag"] == ETAG
    assert response["Last-Modified"] == http_date(MODIFIED)


def test_a_date_alone_is_enough_even_with_a_fraction_of_a_second():
    """The media route knows only the file's time, which HTTP's dates cannot carry whole."""
    request = get(**{"If-Modified-Since": http_date(MODIFIED)})
    assert conditional_response(request, Builder(), last_modified=MODIFIED).status_code == 304


def test_stale_copy_gets_the_new_answer():
    request = get(**{"If-None-Match": content_etag("an old state")})
    response = conditional_response(request, Builder(), etag=ETAG, last_modified=MODIFIED)
    assert response.status_code == 200
    assert response["ETag"] == ETAG


def test_nothing_to_serve_is_none():
    assert conditional_response(get(), lambda: None, etag=ETAG) is None


def test_without_validators_the_answer_is_untouched():
    build = Builder()
    response = conditional_response(get(**{"If-Match": "*"}), build)
    assert response is build.response
    assert not response.has_header("ETag") and not response.has_header("Last-Modified")


def test_revalidated_keeps_the_answers_headers_on_its_304():
    """A page read from the cache: its Cache-Control and Vary travel with the 304."""
    page = HttpResponse("a cached page")
    page["ETag"] = ETAG
    page["Last-Modified"] = http_date(MODIFIED)
    page["Cache-Control"] = "no-cache"
    page["Vary"] = "Cookie"
    not_modified = revalidated(get(**{"If-None-Match": ETAG}), page)
    assert not_modified.status_code == 304
    assert (not_modified["Cache-Control"], not_modified["Vary"]) == ("no-cache", "Cookie")
    assert revalidated(get(), page) is page
    stale = get(**{"If-None-Match": content_etag("an old state")})
    assert revalidated(stale, page) is page


@pytest.mark.django_db
def test_a_photos_304_says_when_the_file_changed_and_how_long_to_keep_it(client):
    """A cache revalidating a public photo learns its date and its lifetime anew."""
    url = PhotoFactory().image.url
    first = client.get(url)
    again = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert again.status_code == 304
    assert again["Last-Modified"] == first["Last-Modified"]
    assert again["Cache-Control"] == first["Cache-Control"]
