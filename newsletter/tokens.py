"""Signed links. They carry only ids, because a signed value is readable, not secret."""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


class LinkExpired(Exception):
    """The link was genuine but is too old to use."""


class LinkInvalid(Exception):
    """The link was not made by us, or was changed."""


def confirmation_token(consent_id: int) -> str:
    return signing.dumps(consent_id, salt=CONFIRM_SALT)


def consent_id_from(token: str) -> int:
    """The consent a confirmation link is for; it works for NEWSLETTER_CONFIRMATION_MAX_AGE."""
    try:
        return signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None


def manage_token(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt=MANAGE_SALT)


def subscriber_id_from(token: str) -> int:
    """The subscriber a preferences or unsubscribe link is for. These links never expire: an
    unsubscribe link in a years-old e-mail must still work."""
    try:
        return signing.loads(token, salt=MANAGE_SALT)
    except signing.BadSignature:
        raise LinkInvalid from None
