"""Production settings refuse to start unsafely, and start with a proper configuration."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECK = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def start_production(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "-c", CHECK],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


GOOD_KEY = secrets.token_urlsafe(48)


@pytest.mark.parametrize(
    ("env", "reason"),
    [
        ({}, "no SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "a short SECRET_KEY"),
        ({"SECRET_KEY": "dev-" + "x" * 60}, "the development key"),
        ({"SECRET_KEY": "change-me" + "x" * 60}, "a placeholder key"),
        ({"SECRET_KEY": "wakayama" * 8}, "a long key of few characters"),
        ({"SECRET_KEY": "django-insecure-" + GOOD_KEY}, "Django's insecure prefix"),
        ({"SECRET_KEY": GOOD_KEY, "DEBUG": "true"}, "DEBUG on"),
        (
            {"SECRET_KEY": GOOD_KEY, "STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_WEBHOOK_SECRET": ""},
            "a real Stripe key without the webhook secret",
        ),
    ],
    ids=[
        "no-key",
        "short-key",
        "dev-key",
        "placeholder-key",
        "low-entropy-key",
        "insecure-prefix-key",
        "debug-on",
        "stripe-no-secret",
    ],
)
def test_production_refuses_to_start_unsafely(env, reason):
    result = start_production(**env)
    assert result.returncode != 0, f"started with {reason}"
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_a_proper_key_and_debug_off():
    result = start_production(SECRET_KEY=GOOD_KEY, DEBUG="false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_deploy_checks_pass_with_a_proper_key():
    environment = {k: v for k, v in os.environ.items() if k not in ("DEBUG",)}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="workation.example.jp",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
