"""Signed links. They carry only ids, because a signed value is readable, not secret."""

from django.conf import settings

from core.links import LinkExpired, LinkInvalid, sign, unsign

__all__ = ["LinkExpired", "LinkInvalid"]

CONFIRM_SALT = "newsletter.confirm"
MANAGE_SALT = "newsletter.manage"


def confirmation_token(consent_id: int) -> str:
    return sign(consent_id, CONFIRM_SALT)


def consent_id_from(token: str) -> int:
    """The consent a confirmation link is for; it works for NEWSLETTER_CONFIRMATION_MAX_AGE."""
    return unsign(token, CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRMATION_MAX_AGE)


def manage_token(subscriber_id: int) -> str:
    return sign(subscriber_id, MANAGE_SALT)


def subscriber_id_from(token: str) -> int:
    """The subscriber a preferences or unsubscribe link is for. These links never expire: an
    unsubscribe link in a years-old e-mail must still work."""
    return unsign(token, MANAGE_SALT)
