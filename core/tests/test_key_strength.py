"""The production guard refuses keys that are long but easy to guess, and warns about e-mail
that would cross the network unencrypted."""

import secrets

import pytest
from django.core.management.utils import get_random_secret_key
from django.test import override_settings

from core.checks import smtp_is_encrypted
from core.tests.processes import PRODUCTION
from psycle.keys import LOOKUP_KEY_MINIMUM_BITS, SECRET_KEY_MINIMUM_BITS, too_guessable


@pytest.mark.parametrize(
    "key",
    [
        "a" * 46 + "bcde",
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN",
        "Password1" * 6,
        "django-insecure-" + "x" * 40,
    ],
)
def test_long_but_simple_secret_keys_are_too_guessable(key):
    assert len(key) >= 50
    assert too_guessable(key, SECRET_KEY_MINIMUM_BITS)


def test_keys_that_generators_make_are_not():
    for _ in range(200):
        assert not too_guessable(get_random_secret_key(), SECRET_KEY_MINIMUM_BITS)
        assert not too_guessable(secrets.token_urlsafe(64), SECRET_KEY_MINIMUM_BITS)
        assert not too_guessable(secrets.token_urlsafe(48), LOOKUP_KEY_MINIMUM_BITS)
        assert not too_guessable(secrets.token_hex(16), LOOKUP_KEY_MINIMUM_BITS)
    assert not too_guessable(PRODUCTION["SECRET_KEY"], SECRET_KEY_MINIMUM_BITS)
    assert not too_guessable(PRODUCTION["PSYCLE_LOOKUP_KEY"], LOOKUP_KEY_MINIMUM_BITS)
    assert too_guessable("a" * 32, LOOKUP_KEY_MINIMUM_BITS)


SMTP = {"EMAIL_DELIVERY": "smtp", "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": False}


@override_settings(**SMTP, EMAIL_HOST="mail.psycle.example")
def test_smtp_to_a_remote_host_without_tls_is_a_deployment_warning():
    [warning] = smtp_is_encrypted(None)
    assert warning.id == "psycle.W001"
    assert "mail.psycle.example without encryption" in warning.msg


@pytest.mark.parametrize(
    "changes",
    [
        {"EMAIL_HOST": "localhost"},
        {"EMAIL_HOST": "127.0.0.1"},
        {"EMAIL_HOST": "mail.psycle.example", "EMAIL_USE_TLS": True},
        {"EMAIL_HOST": "mail.psycle.example", "EMAIL_USE_SSL": True},
        {"EMAIL_HOST": "mail.psycle.example", "EMAIL_DELIVERY": "files"},
    ],
)
def test_encrypted_or_local_smtp_is_not(changes):
    with override_settings(**{**SMTP, **changes}):
        assert smtp_is_encrypted(None) == []
