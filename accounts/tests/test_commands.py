"""The operators' commands for two-step sign-in: key rotation and a lost phone."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from accounts.tests.second_factor import activate_authenticator_app, code_for
from core.tests.people import make_account

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def test_the_secret_is_stored_encrypted(seeker):
    secret = activate_authenticator_app(seeker)
    stored = Authenticator.objects.get(user=seeker).data["secret"]
    assert secret not in stored


def test_rotation_keeps_codes_working_once_the_old_key_is_gone():
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[OLD]):
        casey = make_account("casey@riverside.example", None)
        secret = activate_authenticator_app(casey)
        codes = RecoveryCodes.activate(casey).get_unused_codes()
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW, OLD]):
        out = StringIO()
        call_command("rotate_authenticator_secrets", stdout=out)
        assert out.getvalue().strip() == "Authenticators: 2 re-encrypted, 0 already current."
        out = StringIO()
        call_command("rotate_authenticator_secrets", stdout=out)
        assert "0 re-encrypted, 2 already current" in out.getvalue()
    with override_settings(PSYCLE_ENCRYPTION_KEYS=[NEW]):
        totp = TOTP(Authenticator.objects.get(user=casey, type="totp"))
        assert totp.validate_code(code_for(secret))
        recovery = RecoveryCodes(Authenticator.objects.get(user=casey, type="recovery_codes"))
        assert recovery.get_unused_codes() == codes


def test_a_lost_phone_is_reset_by_an_operator(client, seeker):
    from accounts.tests.second_factor import sign_in_with_second_factor

    activate_authenticator_app(seeker)
    sign_in_with_second_factor(client, seeker)
    out = StringIO()
    call_command("reset_two_step_sign_in", "SAM@example.com", stdout=out)
    assert "Removed 1 authenticator(s) of sam@example.com" in out.getvalue()
    assert not Authenticator.objects.filter(user=seeker).exists()
    assert client.get("/clinic/").url == "/account/2fa/totp/activate/"
