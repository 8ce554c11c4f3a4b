"""Links in the e-mails about a request: the clinic's link into the portal, and the seeker's
signed link to delete their request."""

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from core.links import absolute, sign, unsign

DELETE_SALT = "consultations.delete"


def deletion_token(request_id: uuid.UUID) -> str:
    return sign(str(request_id), DELETE_SALT)


def request_id_from(token: str) -> uuid.UUID:
    """The request a deletion link is for. It works as long as a request can be kept
    (PSYCLE_REQUEST_MAX_AGE_DAYS); raises core.links.LinkExpired or LinkInvalid."""
    value = unsign(token, DELETE_SALT, max_age=settings.PSYCLE_REQUEST_MAX_AGE_DAYS * 86400)
    return uuid.UUID(value)


def deletion_url(request_id: uuid.UUID) -> str:
    return absolute(reverse("consultations:delete", args=[deletion_token(request_id)]))


def find_deletion_links_url() -> str:
    return absolute(reverse("consultations:find_for_deletion"))


def portal_url(request_id: uuid.UUID) -> str:
    """Where the clinic's staff read the request: the clinic portal, after signing in."""
    return absolute(f"/clinic/requests/{request_id}/")


def message_id(request_id: uuid.UUID, kind: str) -> str:
    """The same Message-ID every time one e-mail about one request is sent, so that a copy sent
    again after an interrupted attempt is recognisable as the same message."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{kind}.{request_id}@{host}>"
