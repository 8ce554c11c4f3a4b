"""Accounts as signing up leaves them, for any app's tests."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model


def make_account(email: str, password: str | None, **fields):
    """The address is the username, and it has been verified."""
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
