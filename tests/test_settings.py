"""Production settings refuse to start without their secrets; the rest is in place."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def import_prod(
    env: dict[str, str], code: str = "import config.settings.prod"
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "x" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "example.org"}, "DATABASE_URL"),
    ],
)
def test_production_refuses_to_start_without_required_variable(env, missing):
    result = import_prod(env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_starts_with_everything_set():
    result = import_prod(
        {
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_ALLOWED_HOSTS": "newsroom.example.org, www.example.org",
            "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/pressroom",
        }
    )
    assert result.returncode == 0, result.stderr


def test_languages_and_time_zone():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "ko", "zh-hans", "ja"]
    assert settings.USE_TZ is True
    assert settings.TIME_ZONE == "Asia/Seoul"


def run_with(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PRESSROOM_"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings.test"} | env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_admin_path_is_configurable():
    code = (
        "import django; django.setup(); from django.urls import reverse; "
        "from django.utils import translation; translation.activate('ko'); "
        "print(reverse('admin:index'))"
    )
    result = run_with({"PRESSROOM_ADMIN_PATH": "/newsroom-desk/"}, code)
    assert result.stdout.strip() == "/ko/newsroom-desk/", result.stderr
    result = run_with({"PRESSROOM_ADMIN_PATH": "../x?y"}, code)
    assert result.returncode != 0
    assert "PRESSROOM_ADMIN_PATH must be a URL path" in result.stderr


def test_deploy_checks_are_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        | {
            "DJANGO_SETTINGS_MODULE": "config.settings.prod",
            "DJANGO_SECRET_KEY": "k" * 20 + "Z9!q" * 12,
            "DJANGO_ALLOWED_HOSTS": "newsroom.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
