"""The checker's settings, each with its default (set any of them in the settings module).

``PRESSROOM_LINK_CHECK_ALLOW_HOSTS``
    Host names or addresses fetched even on a private, loopback or link-local network
    (the tests' own server on 127.0.0.1). Empty: the checker never reaches the newsroom's
    own network.
``PRESSROOM_LINK_CHECK_OUTSIDE``
    False: only the allowed hosts are fetched, nothing else leaves the machine (the test
    settings, so that no test reaches an outlet, whatever a page links to).
``PRESSROOM_LINK_CHECK_ON_SAVE``
    Check a coverage item's address when it is saved with a new one (off in the tests,
    which save coverage by the hundred; the link-check tests turn it on).
``PRESSROOM_LINK_CHECK_INTERVAL_DAYS``
    A link is due again this long after its last check.
``PRESSROOM_LINK_CHECK_CONNECT_TIMEOUT``, ``…_READ_TIMEOUT``, ``…_TOTAL_TIMEOUT``
    Seconds to connect, to wait for each read, and for one whole answer (a server that
    trickles a byte a second never reaches a read timeout).
``PRESSROOM_LINK_CHECK_MAX_BYTES``
    The most of one answer read; a larger one is an error and nothing of it is kept.
``PRESSROOM_LINK_CHECK_USER_AGENT``
    Names the newsroom, so an outlet knows who asks and whom to tell.
``PRESSROOM_LINK_CHECK_CAPTURE_TIMEOUT``
    Seconds Chromium may take over a PDF or a screenshot.
``PRESSROOM_CHROMIUM``
    The headless browser that prints the PDF and takes the screenshot; when it is missing
    both are skipped (the WARC record is still kept) and the state says so.
"""

from django.conf import settings

DEFAULTS = {
    "PRESSROOM_LINK_CHECK_ALLOW_HOSTS": [],
    "PRESSROOM_LINK_CHECK_OUTSIDE": True,
    "PRESSROOM_LINK_CHECK_ON_SAVE": True,
    "PRESSROOM_LINK_CHECK_INTERVAL_DAYS": 7,
    "PRESSROOM_LINK_CHECK_CONNECT_TIMEOUT": 5.0,
    "PRESSROOM_LINK_CHECK_READ_TIMEOUT": 10.0,
    "PRESSROOM_LINK_CHECK_TOTAL_TIMEOUT": 30.0,
    "PRESSROOM_LINK_CHECK_MAX_BYTES": 5 * 1024 * 1024,
    "PRESSROOM_LINK_CHECK_USER_AGENT": (
        "PressroomLinkCheck/1.0 (the city press office's newsroom; checks its coverage links)"
    ),
    "PRESSROOM_LINK_CHECK_CAPTURE_TIMEOUT": 60.0,
    "PRESSROOM_CHROMIUM": "/usr/bin/chromium",
}


def setting(name: str):
    """``settings.<name>``, or its default."""
    return getattr(settings, name, DEFAULTS[name])
