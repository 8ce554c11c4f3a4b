"""Absolute links for e-mails, built from SITE_URL."""

from django.urls import reverse

from core.links import absolute
from newsletter import tokens


def confirm_url(consent_id: int) -> str:
    return absolute(reverse("newsletter:confirm", args=[tokens.confirmation_token(consent_id)]))


def preferences_url(subscriber_id: int) -> str:
    return absolute(reverse("newsletter:preferences", args=[tokens.manage_token(subscriber_id)]))


def unsubscribe_url(subscriber_id: int) -> str:
    return absolute(reverse("newsletter:unsubscribe", args=[tokens.manage_token(subscriber_id)]))


def unsubscribe_headers(unsubscribe: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs show an Unsubscribe button that POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
