"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


@register(Tags.security, deploy=True)
def smtp_is_encrypted(app_configs, **kwargs):
    """Mail to a remote server without TLS crosses the network readable: confirmation links,
    deletion links and the address of everyone who wrote to a clinic."""
    if settings.EMAIL_DELIVERY != "smtp" or settings.EMAIL_USE_TLS or settings.EMAIL_USE_SSL:
        return []
    if settings.EMAIL_HOST.lower() in LOCAL_HOSTS:
        return []
    return [
        Warning(
            f"E-mail goes to {settings.EMAIL_HOST} without encryption.",
            hint="Set EMAIL_USE_TLS=true (STARTTLS, usually port 587) or EMAIL_USE_SSL=true "
            "(port 465), or relay through a mail server on localhost.",
            id="psycle.W001",
        )
    ]
