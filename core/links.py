"""Absolute links for e-mails, and signed tokens for links that act on one row.

A signed value is readable, not secret, so tokens carry only ids.
"""

from django.conf import settings
from django.core import signing


class LinkExpired(Exception):
    """The link was genuine but is too old to use."""


class LinkInvalid(Exception):
    """The link was not made by us, or was changed."""


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def sign(value, salt: str) -> str:
    return signing.dumps(value, salt=salt)


def unsign(token: str, salt: str, max_age: int | None = None):
    """The value a token carries; LinkExpired after ``max_age`` seconds, LinkInvalid if forged."""
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
