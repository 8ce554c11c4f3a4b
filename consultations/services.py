"""What happens when a seeker sends a request or asks for their data to be deleted; the views,
commands and tasks all go through here."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consultations import tasks
from consultations.models import ConsultationRequest
from core.crypto import lookup_hash
from core.emails import counting_key
from core.ratelimit import Limit, forget_before
from core.tasks import enqueue_on_commit
from directory.models import Organization

# The version of the privacy notice shown beside the form; change it when the notice changes,
# so each request records which one the seeker agreed to.
PRIVACY_NOTICE_VERSION = "2025-06"


def request_limits() -> tuple[Limit, Limit]:
    window = settings.PSYCLE_REQUEST_LIMIT_WINDOW
    return (
        Limit("consultation-ip", settings.PSYCLE_REQUEST_LIMIT_PER_IP, window),
        Limit("consultation-email", settings.PSYCLE_REQUEST_LIMIT_PER_EMAIL, window),
    )


def deletion_link_limits() -> tuple[Limit, Limit]:
    """Asking for deletion links sends an e-mail to the address typed in, so it is limited too:
    an address gets at most three of these e-mails an hour."""
    return (
        Limit("deletion-links-ip", settings.PSYCLE_REQUEST_LIMIT_PER_IP, 60 * 60),
        Limit("deletion-links-email", 3, 60 * 60),
    )


class TooManyRequests(Exception):
    """The rate limit for this address or e-mail address is reached; nothing was stored."""


def submit(organization: Organization, data: dict, client_ip: str) -> ConsultationRequest:
    """Store a request (checked by the form), then, once it is committed, have it delivered."""
    by_ip, by_email = request_limits()
    email = data.get("email", "")
    if by_ip.exceeded(client_ip) or by_email.exceeded(counting_key(email)):
        raise TooManyRequests
    with transaction.atomic():
        by_ip.record(client_ip)
        by_email.record(counting_key(email))
        consultation = ConsultationRequest.objects.create(
            organization=organization,
            service=data.get("service"),
            name=data["name"],
            email=email,
            email_hash=lookup_hash(email),
            phone=data.get("phone", ""),
            message=data.get("message", ""),
            preferred_contact=data["preferred_contact"],
            preferred_time=data["preferred_time"],
            state=data["state"],
            consent_at=timezone.now(),
            privacy_notice_version=PRIVACY_NOTICE_VERSION,
            confirmation_status=(
                ConsultationRequest.Delivery.PENDING
                if email
                else ConsultationRequest.Delivery.NOT_NEEDED
            ),
        )
        enqueue_on_commit(tasks.notify_clinic, str(consultation.pk))
        if email:
            enqueue_on_commit(tasks.confirm_to_seeker, str(consultation.pk))
    return consultation


def ask_for_deletion_links(email: str, client_ip: str) -> None:
    """Send links to delete every request made with this address, if there are any. The page
    says the same whatever happens, so it cannot be used to learn who wrote to a clinic."""
    by_ip, by_email = deletion_link_limits()
    if by_ip.exceeded(client_ip):
        raise TooManyRequests
    email_hash = lookup_hash(email)
    with transaction.atomic():
        by_ip.record(client_ip)
        if by_email.exceeded(counting_key(email)):
            return
        by_email.record(counting_key(email))
        if ConsultationRequest.objects.filter(email_hash=email_hash).exists():
            enqueue_on_commit(tasks.send_deletion_links, email_hash)


def _delete(requests) -> int:
    """Delete requests (and, by cascade, whatever hangs on them); how many requests."""
    _total, per_model = requests.delete()
    return per_model.get(ConsultationRequest._meta.label, 0)


def delete(request_id) -> bool:
    """Delete a request for good (the clinic's notes about it go with it); False if it was
    already gone."""
    return bool(_delete(ConsultationRequest.objects.filter(pk=request_id)))


@dataclass(frozen=True)
class Purged:
    closed: int
    expired: int
    rate_limit_records: int


def purge(now=None) -> Purged:
    """Delete requests closed more than PSYCLE_REQUEST_RETENTION_DAYS ago, any request older
    than PSYCLE_REQUEST_MAX_AGE_DAYS, and rate-limit records past every window."""
    now = now or timezone.now()
    closed_before = now - timedelta(days=settings.PSYCLE_REQUEST_RETENTION_DAYS)
    created_before = now - timedelta(days=settings.PSYCLE_REQUEST_MAX_AGE_DAYS)
    closed_long_ago = Q(closed_at__lt=closed_before) | Q(
        closed_at__isnull=True, updated_at__lt=closed_before
    )
    with transaction.atomic():
        closed = _delete(
            ConsultationRequest.objects.filter(
                closed_long_ago, status=ConsultationRequest.Status.CLOSED
            )
        )
        expired = _delete(ConsultationRequest.objects.filter(created_at__lt=created_before))
    longest_window = max(settings.PSYCLE_REQUEST_LIMIT_WINDOW, 60 * 60)
    forgotten = forget_before(now - timedelta(seconds=longest_window))
    return Purged(closed=closed, expired=expired, rate_limit_records=forgotten)
