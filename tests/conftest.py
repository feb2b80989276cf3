import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Tests start in English, whatever the previous test activated."""
    with translation.override("en"):
        yield


#: The public host pages, feeds and sitemaps are asked from (not the client's "testserver").
PUBLIC_HOST = "press.example.org"


@pytest.fixture
def public_client(settings):
    """A client on the newsroom's public host, as a feed reader or a crawler is."""
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, PUBLIC_HOST]
    return Client(HTTP_HOST=PUBLIC_HOST)


def on_public_host(url: str) -> str:
    return f"http://{PUBLIC_HOST}{url}"
