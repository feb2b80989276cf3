"""Settings of the worker processes tests/test_alerts_workers.py starts: the task workers'
(tests/worker_settings.py), mailing through the SMTP server the test runs on 127.0.0.1 at
``PRESSROOM_TEST_SMTP_PORT``."""

import os

from tests.worker_settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("PRESSROOM_TEST_SMTP_PORT", "25"))
EMAIL_TIMEOUT = 10
PRESSROOM_SITE_URL = "https://newsroom.example.org"
