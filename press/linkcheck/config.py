"""The checker's settings: each is documented where it is set, in
``config/settings/base.py`` (``PRESSROOM_LINK_CHECK_*`` and ``PRESSROOM_CHROMIUM``).
"""

from django.conf import settings


def setting(name: str):
    """``settings.<name>``, read when used (so a test's override holds)."""
    return getattr(settings, name)
