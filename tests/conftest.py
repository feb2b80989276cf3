import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Tests start in English, whatever the previous test activated."""
    with translation.override("en"):
        yield
