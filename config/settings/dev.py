"""Local development: the embedded SQLite database, debug on, loopback only."""

import os

from .base import *  # noqa: F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
# The page cache is off: a change to a template or to code retires no cached page (only
# content does), so it would hide what you just changed. Set PRESSROOM_PAGE_CACHE_SECONDS
# to try it locally; edits from the shell retire pages too, as the generation is in the
# database.
PRESSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("PRESSROOM_PAGE_CACHE_SECONDS", "0"))

# The demo's coverage addresses are illustrative: checked for real they would read as gone.
# PRESSROOM_LINK_CHECK_OUTSIDE=1 checks outside addresses from a development machine.
PRESSROOM_LINK_CHECK_OUTSIDE = os.environ.get("PRESSROOM_LINK_CHECK_OUTSIDE", "") == "1"
