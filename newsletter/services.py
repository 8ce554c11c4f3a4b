"""The rules of subscribing, shared by the views, the tasks and the bounce webhooks.

Whatever happens here, the sign-up page answers the same way, so nobody can learn from it
whether an address subscribes.
"""

from datetime import timedelta
from enum import Enum

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.emails import counting_key, normalise_address
from core.ratelimit import Limit
from core.tasks import enqueue_on_commit
from newsletter import tasks
from newsletter.consent import CONSENT_TEXTS, CONSENT_VERSION
from newsletter.models import ConsentRecord, Subscriber, Topic

# The sign-up form writes to an address at most this often, so it cannot flood an inbox.
ASKING_INTERVAL = timedelta(minutes=10)


class TooManySignUps(Exception):
    """This client, or this address, has asked too often this hour; nothing was recorded."""


def sign_up_limits() -> tuple[Limit, Limit]:
    """Each sign-up e-mails the address typed in, so one client cannot make the site write to
    many strangers, nor anyone to one address again and again."""
    return (
        Limit("newsletter-ip", settings.NEWSLETTER_SIGNUP_LIMIT_PER_IP, 60 * 60),
        Limit("newsletter-email", settings.NEWSLETTER_SIGNUP_LIMIT_PER_EMAIL, 60 * 60),
    )


class Confirmation(Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already confirmed"


def subscribe(
    email: str, topics: list[str], zip_code: str, form_name: str, client_ip: str = ""
) -> None:
    """Record a sign-up and, once it commits, write to the address: a confirmation link, or a
    reminder of the preferences link for someone already subscribed. Nothing else is sent
    until the link is followed. TooManySignUps past the limits, whoever the address is."""
    by_ip, by_email = sign_up_limits()
    if by_ip.exceeded(client_ip) or by_email.exceeded(counting_key(email)):
        raise TooManySignUps
    now = timezone.now()
    with transaction.atomic():
        by_ip.record(client_ip)
        by_email.record(counting_key(email))
        subscriber, _created = Subscriber.objects.get_or_create(email=normalise_address(email))
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.suppressed_at is not None:
            return
        if subscriber.last_asked_at and now - subscriber.last_asked_at < ASKING_INTERVAL:
            return
        subscriber.last_asked_at = now
        subscriber.save(update_fields=["last_asked_at"])
        if subscriber.status == Subscriber.Status.SUBSCRIBED:
            enqueue_on_commit(tasks.send_already_subscribed, subscriber.pk)
            return
        consent = ConsentRecord.objects.create(
            subscriber=subscriber,
            form_name=form_name,
            consent_text=str(CONSENT_TEXTS[form_name]),
            consent_version=CONSENT_VERSION,
            topics=list(topics),
            zip_code=zip_code,
            created_at=now,
        )
        enqueue_on_commit(tasks.send_confirmation, consent.pk)


def _apply_topics(subscriber: Subscriber, topics: list[str], zip_code: str) -> None:
    for topic in Topic.values:
        setattr(subscriber, topic, topic in topics)
    subscriber.zip_code = zip_code


def confirm(consent: ConsentRecord, topics: list[str], zip_code: str) -> Confirmation:
    """Confirm a sign-up with the topics chosen on the confirmation page. A link works once."""
    now = timezone.now()
    with transaction.atomic():
        first_time = ConsentRecord.objects.filter(pk=consent.pk, confirmed_at__isnull=True).update(
            confirmed_at=now
        )
        if not first_time:
            return Confirmation.ALREADY_CONFIRMED
        subscriber = Subscriber.objects.select_for_update().get(pk=consent.subscriber_id)
        _apply_topics(subscriber, topics, zip_code)
        subscriber.status = Subscriber.Status.SUBSCRIBED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        # Following the link proves the mailbox works and wants our mail again.
        subscriber.suppressed_at = None
        subscriber.suppressed_reason = ""
        subscriber.save()
        enqueue_on_commit(tasks.send_welcome, subscriber.pk)
    return Confirmation.CONFIRMED


def update_preferences(subscriber: Subscriber, topics: list[str], zip_code: str) -> None:
    _apply_topics(subscriber, topics, zip_code)
    subscriber.save(update_fields=[*Topic.values, "zip_code"])


def unsubscribe(subscriber_id: int) -> None:
    """Stop every campaign to this subscriber, including any already being sent. Idempotent."""
    Subscriber.objects.filter(pk=subscriber_id).exclude(
        status=Subscriber.Status.UNSUBSCRIBED
    ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())


def suppress_address(email: str, reason: str) -> int:
    """A bounce or a complaint: write nothing more to this address until it confirms again."""
    return Subscriber.objects.filter(email=normalise_address(email)).suppress(reason)
