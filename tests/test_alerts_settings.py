"""Production's mail settings from the environment (config/settings/prod.py): a provider
through anymail, with its settings and the webhooks' secret, or SMTP; the sender and the
site's HTTPS address required. Each case in a fresh interpreter, as tests/test_settings.py
does."""

import json

import pytest

from tests.test_settings import PRODUCTION, import_prod, in_production

DESCRIBE_MAIL = (
    "import json; from django.conf import settings as s; from django.urls import reverse; "
    "print(json.dumps({'backend': s.EMAIL_BACKEND, 'anymail': getattr(s, 'ANYMAIL', {}), "
    "'host': getattr(s, 'EMAIL_HOST', ''), 'port': s.EMAIL_PORT, "
    "'user': s.EMAIL_HOST_USER, 'tls': s.EMAIL_USE_TLS, 'ssl': s.EMAIL_USE_SSL, "
    "'from': s.DEFAULT_FROM_EMAIL, 'site': s.PRESSROOM_SITE_URL, "
    "'apps': 'anymail' in s.INSTALLED_APPS}))"
)


def mail_settings(env):
    result = in_production(env, DESCRIBE_MAIL)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_provider_through_anymail_with_its_settings_from_the_environment():
    found = mail_settings(
        {
            "PRESSROOM_EMAIL_PROVIDER": "postmark",
            "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token",
            "ANYMAIL_WEBHOOK_SECRET": "hook:long-random-secret",
        }
    )
    assert found["backend"] == "anymail.backends.postmark.EmailBackend"
    assert found["anymail"] == {
        "POSTMARK_SERVER_TOKEN": "server-token",
        "WEBHOOK_SECRET": "hook:long-random-secret",
    }
    assert found["apps"] is True
    assert found["from"] == PRODUCTION["DEFAULT_FROM_EMAIL"]


def test_anymail_flags_and_dicts_are_parsed_not_passed_as_text():
    found = mail_settings(
        {
            "PRESSROOM_EMAIL_PROVIDER": "amazon_ses",
            "ANYMAIL_WEBHOOK_SECRET": "hook:long-random-secret",
            "ANYMAIL_IGNORE_RECIPIENT_STATUS": "false",
            "ANYMAIL_IGNORE_UNSUPPORTED_FEATURES": "true",
            "ANYMAIL_DEBUG_API_REQUESTS": "0",
            "ANYMAIL_AMAZON_SES_CLIENT_PARAMS": '{"region_name": "ap-northeast-2"}',
            "ANYMAIL_SEND_DEFAULTS": '{"tags": ["alerts"]}',
            "ANYMAIL_AMAZON_SES_CONFIGURATION_SET_NAME": "newsroom",
        }
    )
    anymail = found["anymail"]
    assert anymail["IGNORE_RECIPIENT_STATUS"] is False
    assert anymail["IGNORE_UNSUPPORTED_FEATURES"] is True
    assert anymail["DEBUG_API_REQUESTS"] is False
    assert anymail["AMAZON_SES_CLIENT_PARAMS"] == {"region_name": "ap-northeast-2"}
    assert anymail["SEND_DEFAULTS"] == {"tags": ["alerts"]}
    assert anymail["AMAZON_SES_CONFIGURATION_SET_NAME"] == "newsroom"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ANYMAIL_IGNORE_RECIPIENT_STATUS", "nope"),
        ("ANYMAIL_AMAZON_SES_CLIENT_PARAMS", "{region_name: long-random"),
        ("ANYMAIL_SEND_DEFAULTS", '["long-random"]'),
        ("ANYMAIL_POSTMARK_ESP_EXTRA", "long-random"),
    ],
)
def test_malformed_anymail_values_are_refused_by_name(name, value):
    env = {"PRESSROOM_EMAIL_PROVIDER": "postmark", "ANYMAIL_WEBHOOK_SECRET": "hook:secret"}
    result = import_prod(PRODUCTION | env | {name: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and f"{name} must be" in result.stderr
    if not name.endswith("STATUS"):
        assert "long-random" not in result.stderr


@pytest.mark.parametrize("provider", ["amazon_ses", "mailgun", "sendgrid", "brevo"])
def test_other_providers(provider):
    found = mail_settings(
        {"PRESSROOM_EMAIL_PROVIDER": provider, "ANYMAIL_WEBHOOK_SECRET": "hook:secret"}
    )
    assert found["backend"] == f"anymail.backends.{provider}.EmailBackend"


def test_the_webhooks_answer_only_with_their_secret():
    code = "from django.urls import resolve; print(resolve('/anymail/postmark/tracking/').url_name)"
    result = in_production(
        {"PRESSROOM_EMAIL_PROVIDER": "postmark", "ANYMAIL_WEBHOOK_SECRET": "hook:secret"}, code
    )
    assert result.stdout.strip() == "postmark_tracking_webhook", result.stderr
    # SMTP without a secret: no webhook at all (anymail would take anyone's report).
    result = in_production({}, code)
    assert "Resolver404" in result.stderr


def test_smtp_otherwise():
    found = mail_settings(
        {
            "EMAIL_HOST": "smtp.example.org",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "newsroom",
            "EMAIL_HOST_PASSWORD": "pw",
            "EMAIL_USE_TLS": "true",
        }
    )
    assert found["backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["host"], found["port"], found["user"]) == ("smtp.example.org", 587, "newsroom")
    assert (found["tls"], found["ssl"]) == (True, False)
    assert found["site"] == "https://newsroom.example.org"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEFAULT_FROM_EMAIL": ""}, "Set the DEFAULT_FROM_EMAIL environment variable"),
        ({"PRESSROOM_SITE_URL": ""}, "Set the PRESSROOM_SITE_URL environment variable"),
        ({"PRESSROOM_SITE_URL": "http://newsroom.example.org"}, "PRESSROOM_SITE_URL must be"),
        ({"PRESSROOM_EMAIL_PROVIDER": "carrier-pigeon"}, "PRESSROOM_EMAIL_PROVIDER must be"),
        ({"PRESSROOM_EMAIL_PROVIDER": "postmark"}, "Set the ANYMAIL_WEBHOOK_SECRET"),
        (
            {"PRESSROOM_EMAIL_PROVIDER": "postmark", "ANYMAIL_WEBHOOK_SECRET": "nocolon"},
            "ANYMAIL_WEBHOOK_SECRET must be",
        ),
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be"),
        ({"EMAIL_USE_TLS": "perhaps"}, "EMAIL_USE_TLS must be"),
        ({"EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"}, "not both"),
    ],
)
def test_production_refuses_bad_mail_settings(env, message):
    result = import_prod(PRODUCTION | env)
    assert result.returncode != 0
    assert message in result.stderr
    assert "long-random" not in result.stderr
