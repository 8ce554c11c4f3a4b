"""How allauth behaves on this site: the e-mail address is also the username, staff land in the
clinic portal, and people who must use a second factor cannot switch it off."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import second_factor
from core import crypto
from core.emails import normalise_address

# Django's username column holds 150 characters, and the username is the e-mail address.
MAX_EMAIL_LENGTH = 150


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": gettext_lazy(
            "That e-mail address and password do not match an account. Check them and try again."
        ),
    }

    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        if len(email) > MAX_EMAIL_LENGTH:
            raise forms.ValidationError(
                _("Use an e-mail address of at most %(count)d characters.")
                % {"count": MAX_EMAIL_LENGTH}
            )
        return email

    def populate_username(self, request, user) -> None:
        # One address, one account: the lower-cased address is the username, as it always was.
        user.username = normalise_address(user.email)

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Changing two-step sign-in asks for the password again, unless the person signed in a
        few minutes ago: someone sent to set up an app straight after signing in is not asked
        for the password twice."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = self.request
        if request is None or not request.user.is_authenticated:
            return True
        records = get_authentication_records(request, request.user)
        if not records:
            return True
        return time.time() - records[-1]["at"] >= account_settings.REAUTHENTICATION_TIMEOUT

    def get_login_redirect_url(self, request) -> str:
        if second_factor.is_required(request.user):
            return "/clinic/"
        return super().get_login_redirect_url(request)


class SecondFactorAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": gettext_lazy(
            "Clinic staff and administrators must keep two-step sign-in switched on."
        ),
        "incorrect_code": gettext_lazy(
            "That code is not right. Enter the 6-digit code your authenticator app shows now."
        ),
    }

    # The authenticator's secret would let anyone make codes: it is encrypted at rest, like
    # seekers' contact details.
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator) -> bool:
        return not second_factor.is_required(authenticator.user)
