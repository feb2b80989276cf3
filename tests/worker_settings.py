"""Settings of the worker processes tests/test_tasks.py starts: the test settings with the
real queue (base's database backend) instead of running tasks at once."""

from config.settings import base
from config.settings.test import *  # noqa: F403

TASKS = base.TASKS
