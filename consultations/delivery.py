"""Delivering the two e-mails a request causes, each exactly once as far as we can know.

The clinic's notice and the seeker's confirmation each have a state on the request row
(pending, sending, sent, failed). A worker claims one with a conditional UPDATE from pending to
sending, so two workers can never both send it; sends; and marks it sent. If the mail server
cannot take it, the row goes back to pending with a time to try again, twice as long each time,
and a task is queued for then; after PSYCLE_REQUEST_DELIVERY_ATTEMPTS it is marked failed.

A row still "sending" after PSYCLE_REQUEST_CLAIM_TIMEOUT belongs to a worker that stopped,
perhaps after the server had accepted the message. ``release_stale_claims`` puts it back to
pending and it is sent again: for these e-mails a second copy is better than none, and each
copy carries the same Message-ID (docs/decisions.md).

Logs name the request by its id and the e-mail by its kind, never a person or an address.
"""

import enum
import logging
import smtplib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from consultations.models import ConsultationRequest
from core.tasks import backoff

logger = logging.getLogger(__name__)
Delivery = ConsultationRequest.Delivery


@dataclass(frozen=True)
class Channel:
    """One of a request's e-mails and the names of the columns that hold its state."""

    kind: str
    status: str
    attempts: str
    claimed_at: str
    retry_at: str
    done_at: str


CLINIC_NOTICE = Channel(
    "clinic-notice",
    "clinic_notice_status",
    "clinic_notice_attempts",
    "clinic_notice_claimed_at",
    "clinic_notice_retry_at",
    "clinic_notice_sent_at",
)
SEEKER_CONFIRMATION = Channel(
    "seeker-confirmation",
    "confirmation_status",
    "confirmation_attempts",
    "confirmation_claimed_at",
    "confirmation_retry_at",
    "confirmation_sent_at",
)
CHANNELS = (CLINIC_NOTICE, SEEKER_CONFIRMATION)


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    NOTHING_TO_DO = "nothing to do"


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    retry_at: datetime | None = None


def claim(request_id: uuid.UUID, channel: Channel) -> datetime | None:
    """Take the e-mail for sending; the claim's time, or None if it is not ours to send (sent,
    being sent by another worker, not due yet, or the request is gone)."""
    now = timezone.now()
    due = Q(**{f"{channel.retry_at}__isnull": True}) | Q(**{f"{channel.retry_at}__lte": now})
    claimed = (
        ConsultationRequest.objects.filter(due, pk=request_id, **{channel.status: Delivery.PENDING})
        .update(**{
            channel.status: Delivery.SENDING,
            channel.claimed_at: now,
            channel.attempts: F(channel.attempts) + 1,
            channel.retry_at: None,
        })
    )  # fmt: skip
    return now if claimed else None


def _ours(request_id: uuid.UUID, channel: Channel, claimed_at: datetime):
    """The row, only while our claim on it stands."""
    return ConsultationRequest.objects.filter(
        pk=request_id, **{channel.status: Delivery.SENDING, channel.claimed_at: claimed_at}
    )


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the given number of failed attempts: 1, 2, 4, 8 ... times the
    first delay."""
    return backoff(timedelta(seconds=settings.PSYCLE_REQUEST_RETRY_DELAY), attempts)


class Undeliverable(Exception):
    """Nothing to send to: the clinic has no e-mail address on its listing any more."""


def is_permanent(error: Exception) -> bool:
    """A failure that trying again will not change: a 5xx reply (such as an unknown mailbox),
    no address to send to, or anything that is not a mail server's or the network's fault (a
    broken template, a value no key decrypts), which would otherwise be retried for ever."""
    if not isinstance(error, OSError | smtplib.SMTPException):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def deliver(
    request_id: uuid.UUID,
    channel: Channel,
    send: Callable[[ConsultationRequest], None],
    schedule_retry: Callable[[datetime], None],
) -> Result:
    """Claim, send and record one e-mail. ``schedule_retry`` queues another attempt; it is called
    inside the transaction that puts the row back to pending, so both happen or neither."""
    claimed_at = claim(request_id, channel)
    if claimed_at is None:
        return Result(Outcome.NOTHING_TO_DO)
    consultation = (
        ConsultationRequest.objects.select_related("organization").filter(pk=request_id).first()
    )
    if consultation is None:  # deleted by its seeker since it was claimed
        return Result(Outcome.NOTHING_TO_DO)
    try:
        send(consultation)
    except Exception as error:  # every failure is recorded; is_permanent says which end it
        return _after_failure(consultation, channel, claimed_at, error, schedule_retry)
    _ours(request_id, channel, claimed_at).update(
        **{channel.status: Delivery.SENT, channel.done_at: timezone.now()}
    )
    return Result(Outcome.SENT)


def _after_failure(consultation, channel, claimed_at, error, schedule_retry) -> Result:
    attempts = getattr(consultation, channel.attempts)
    reason = type(error).__name__
    if is_permanent(error) or attempts >= settings.PSYCLE_REQUEST_DELIVERY_ATTEMPTS:
        _ours(consultation.pk, channel, claimed_at).update(**{channel.status: Delivery.FAILED})
        logger.error(
            "Consultation request %s: the %s could not be sent after %s attempts (%s); "
            "run deliver_pending_requests --retry-failed once the cause is fixed",
            consultation.pk,
            channel.kind,
            attempts,
            reason,
        )
        return Result(Outcome.FAILED)
    retry_at = timezone.now() + retry_delay(attempts)
    with transaction.atomic():
        released = _ours(consultation.pk, channel, claimed_at).update(
            **{channel.status: Delivery.PENDING, channel.retry_at: retry_at}
        )
        if released:
            schedule_retry(retry_at)
    logger.warning(
        "Consultation request %s: attempt %s to send the %s failed (%s); trying again at %s",
        consultation.pk,
        attempts,
        channel.kind,
        reason,
        retry_at.isoformat(timespec="seconds"),
    )
    return Result(Outcome.RETRY, retry_at)


def release_stale_claims(channel: Channel) -> int:
    """Put back to pending every send whose worker stopped mid-way (claimed longer ago than
    PSYCLE_REQUEST_CLAIM_TIMEOUT); the number released."""
    stale_before = timezone.now() - timedelta(seconds=settings.PSYCLE_REQUEST_CLAIM_TIMEOUT)
    return ConsultationRequest.objects.filter(
        **{channel.status: Delivery.SENDING, f"{channel.claimed_at}__lt": stale_before}
    ).update(**{channel.status: Delivery.PENDING, channel.retry_at: None})


def release_claim(request_id: uuid.UUID, channel: Channel) -> int:
    """Put one send back to pending because its worker is known to have stopped (see
    ``core.tasks.mark_abandoned``), without waiting for the claim timeout."""
    return ConsultationRequest.objects.filter(
        pk=request_id, **{channel.status: Delivery.SENDING}
    ).update(**{channel.status: Delivery.PENDING, channel.retry_at: None})


def reopen_failed(channel: Channel) -> int:
    """Give every failed send a fresh set of attempts; the number reopened."""
    return ConsultationRequest.objects.filter(**{channel.status: Delivery.FAILED}).update(
        **{channel.status: Delivery.PENDING, channel.attempts: 0, channel.retry_at: None}
    )


def pending(channel: Channel):
    """(id, when it is due) for every send waiting for a worker."""
    return ConsultationRequest.objects.filter(**{channel.status: Delivery.PENDING}).values_list(
        "pk", channel.retry_at
    )
