"""Signing in as staff in tests: an authenticator app, and a session that has used it."""

import time

import pyotp
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP


def activate_authenticator_app(user) -> str:
    """What setting up an authenticator app leaves behind; returns the app's secret."""
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    return secret


def code_for(secret: str) -> str:
    """The 6-digit code the authenticator app shows now."""
    return pyotp.TOTP(secret).now()


def sign_in_with_second_factor(client, user) -> None:
    """Like ``force_login``, for a session that has also given a code from the app.

    The password-and-code sign-in itself is tested end to end in accounts and clinics tests.
    """
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        activate_authenticator_app(user)
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "mfa", "at": time.time(), "type": Authenticator.Type.TOTP}
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
