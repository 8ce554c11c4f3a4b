"""The messages signing up causes: a confirmation link, or for someone already subscribed, a
reminder of where to change their preferences; and once confirmed, a welcome with those links."""

from django.conf import settings

from core import emails
from newsletter import links
from newsletter.models import ConsentRecord, Subscriber, Topic


def send_confirmation(consent_id: int) -> bool:
    """Send the confirmation link; False when it is no longer wanted (confirmed, suppressed)."""
    consent = ConsentRecord.objects.select_related("subscriber").filter(pk=consent_id).first()
    if consent is None or consent.confirmed_at or consent.subscriber.suppressed_at:
        return False
    emails.send(
        "newsletter_confirm",
        consent.subscriber.email,
        {
            "confirm_url": links.confirm_url(consent.pk),
            "topics": [Topic(topic).label for topic in consent.topics],
            "hours_valid": settings.NEWSLETTER_CONFIRMATION_MAX_AGE // 3600,
        },
    )
    return True


def _send_to_subscriber(template_name: str, subscriber_id: int) -> bool:
    """A message with the subscriber's preferences and unsubscribe links; False when they are
    no longer subscribed or their address is suppressed."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.SUBSCRIBED, suppressed_at__isnull=True
    ).first()
    if subscriber is None:
        return False
    unsubscribe = links.unsubscribe_url(subscriber.pk)
    emails.send(
        template_name,
        subscriber.email,
        {
            "preferences_url": links.preferences_url(subscriber.pk),
            "unsubscribe_url": unsubscribe,
            "topics": [Topic(topic).label for topic in subscriber.topics],
        },
        headers=links.unsubscribe_headers(unsubscribe),
    )
    return True


def send_already_subscribed(subscriber_id: int) -> bool:
    return _send_to_subscriber("newsletter_already_subscribed", subscriber_id)


def send_welcome(subscriber_id: int) -> bool:
    """After confirming: the links a new reader needs before the first campaign arrives."""
    return _send_to_subscriber("newsletter_welcome", subscriber_id)
