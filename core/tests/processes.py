"""Read the settings, or run manage.py in a child process, under exactly the environment a test
gives. Reading the settings file in this process takes milliseconds where a child process takes
seconds, so a test that only asks what the settings become reads them with `settings_under`."""

import os
import runpy
import subprocess
import sys
from unittest import mock

from django.conf import settings

SETTING_VARIABLES = (
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "PSYCLE_ENV",
    "PSYCLE_VAR_DIR",
    "DEBUG",
    "SECRET_KEY",
    "SECRET_KEY_FILE",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "PSYCLE_ENCRYPTION_KEYS",
    "PSYCLE_ENCRYPTION_KEYS_FILE",
    "PSYCLE_LOOKUP_KEY",
    "TRUST_X_FORWARDED_FOR",
    "EMAIL_DELIVERY",
    "EMAIL_HOST",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "PORT",
)

PRODUCTION = {
    "PSYCLE_ENV": "production",
    "SECRET_KEY": "k7Qp2vX9sLm4RtY8wZc1NbH6jF3dG5aE0uIoPqWxVyTzSrUe-m8Bn2Kd7Lx4Hs9Tw",
    "ALLOWED_HOSTS": "psycle.example",
    "SITE_URL": "https://psycle.example",
    "EMAIL_DELIVERY": "smtp",
    "EMAIL_HOST": "mail.psycle.example",
    "EMAIL_USE_TLS": "true",
    "PSYCLE_ENCRYPTION_KEYS": "q9Vb0YtqKk5pW8c4mJ2xN7rL1sD6fH3gA0zE5uI8oPk=",
    "PSYCLE_LOOKUP_KEY": "r4Tz9Qm2Wx7Kp1Vb6Nc3Hj8Ld5Fs0Ga2Ye",
}


def clean_environment(**overrides: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in SETTING_VARIABLES}
    environment.update(overrides)
    return environment


def manage(*args: str, timeout: float = 180, **overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=clean_environment(**overrides),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def python(code: str, timeout: float = 180, **overrides: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=clean_environment(DJANGO_SETTINGS_MODULE="psycle.settings", **overrides),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def settings_under(**overrides: str) -> dict:
    """What psycle/settings.py defines under exactly these environment variables, read afresh in
    this process (raising what start-up would raise, ImproperlyConfigured with its message)."""
    with mock.patch.dict(os.environ, clean_environment(**overrides), clear=True):
        return runpy.run_path(str(settings.BASE_DIR / "psycle" / "settings.py"))
