"""Bounces and complaints reported by the e-mail service (django-anymail's tracking webhooks)
suppress the address.

The webhooks are authenticated by ANYMAIL_WEBHOOK_SECRET (HTTP basic auth). Without it anyone
could report a fake bounce and silence a subscriber, so until it is set they answer 404.
"""

from functools import wraps

from anymail import urls as anymail_urls
from anymail.signals import EventType, tracking
from django.conf import settings
from django.dispatch import receiver
from django.http import Http404
from django.urls import URLPattern, include, path

from newsletter import services
from newsletter.models import Subscriber

SUPPRESSING_EVENTS = {
    EventType.BOUNCED: Subscriber.Suppression.BOUNCED,
    EventType.COMPLAINED: Subscriber.Suppression.COMPLAINED,
}


def _only_with_a_secret(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not settings.ANYMAIL.get("WEBHOOK_SECRET"):
            raise Http404("The e-mail service webhooks are not configured.")
        return view(request, *args, **kwargs)

    return guarded


_tracking_patterns = [
    URLPattern(
        pattern.pattern, _only_with_a_secret(pattern.callback), pattern.default_args, pattern.name
    )
    for pattern in anymail_urls.urlpatterns
    if pattern.name.endswith("tracking_webhook")
]
urlpatterns = [path("newsletter/esp/", include((_tracking_patterns, "anymail")))]


@receiver(tracking)
def suppress_bounces_and_complaints(sender, event, esp_name, **kwargs):
    reason = SUPPRESSING_EVENTS.get(event.event_type)
    if reason and event.recipient:
        services.suppress_address(event.recipient, reason)
