"""Sending a campaign: each subscriber at most once, in throttled batches, resumable.

A campaign that starts gets one Delivery row per recipient (unique per campaign and
subscriber). A batch claims rows one at a time with a conditional UPDATE (pending to sending,
with a claim token and time), sends the message, and marks the row sent once the mail server
has accepted it. So a worker that stops leaves at most one row in "sending": the message may or
may not have gone out. Such a row is marked "unknown" once its claim is older than
NEWSLETTER_CLAIM_TIMEOUT and is never resent automatically: one missed copy is better than two.
"""

import logging
import re
import smtplib
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.html import urlize

from core import emails
from newsletter import links
from newsletter.models import Campaign, Delivery, Subscriber

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Content:
    html: str
    text: str


HEADING = "## "
LIST_ITEM = "- "


def campaign_content(campaign: Campaign) -> Content:
    """The body as an editor wrote it, for the text part, and as HTML: a blank line starts a
    paragraph, "## " a heading, "- " a list item, and web addresses become links."""
    text = "\n".join(line.rstrip() for line in campaign.body.strip().splitlines())
    html_blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.splitlines()
        if all(line.startswith(LIST_ITEM) for line in lines):
            items = "".join(f"<li>{_inline(line[len(LIST_ITEM) :])}</li>" for line in lines)
            html_blocks.append(f"<ul>{items}</ul>")
        elif len(lines) == 1 and block.startswith(HEADING):
            html_blocks.append(f"<h2>{_inline(block[len(HEADING) :])}</h2>")
        else:
            html_blocks.append(f"<p>{'<br>'.join(_inline(line) for line in lines)}</p>")
    return Content(html="\n".join(html_blocks), text=text)


def _inline(words: str) -> str:
    return urlize(words.strip(), autoescape=True)


def campaign_message(
    campaign: Campaign,
    content: Content,
    to: str,
    *,
    preferences_url: str,
    unsubscribe_url: str,
    connection=None,
    test: bool = False,
):
    return emails.message(
        "newsletter_campaign",
        to,
        {
            "campaign": campaign,
            "body_html": content.html,
            "body_text": content.text,
            "preferences_url": preferences_url,
            "unsubscribe_url": unsubscribe_url,
            "test": test,
        },
        headers=links.unsubscribe_headers(unsubscribe_url),
        connection=connection,
    )


def start(campaign_id: int) -> bool:
    """Begin a scheduled campaign whose time has come: one pending Delivery per recipient.
    False when there is nothing to start (not scheduled, not yet due, or started already)."""
    now = timezone.now()
    with transaction.atomic():
        started = Campaign.objects.filter(
            pk=campaign_id, status=Campaign.Status.SCHEDULED, send_at__lte=now
        ).update(status=Campaign.Status.SENDING, started_at=now)
        if not started:
            return False
        campaign = Campaign.objects.get(pk=campaign_id)
        recipients = Subscriber.objects.receiving(campaign.topic).values_list("pk", flat=True)
        Delivery.objects.bulk_create(
            [Delivery(campaign=campaign, subscriber_id=pk) for pk in recipients.iterator()],
            batch_size=500,
            ignore_conflicts=True,
        )
    return True


def needs_another_batch(campaign_id: int) -> bool:
    """Whether sending must go on. Marks claims that outlived their worker "unknown", and the
    campaign sent once no delivery is left pending or in flight."""
    now = timezone.now()
    stale = Delivery.objects.filter(
        campaign_id=campaign_id,
        status=Delivery.Status.SENDING,
        claimed_at__lt=now - timedelta(seconds=settings.NEWSLETTER_CLAIM_TIMEOUT),
    ).update(status=Delivery.Status.UNKNOWN)
    if stale:
        logger.warning(
            "campaign %s: %s deliveries were interrupted while sending and will not be resent",
            campaign_id,
            stale,
        )
    if not Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).exists():
        return False
    if Delivery.objects.filter(
        campaign_id=campaign_id, status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
    ).exists():
        return True
    Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).update(
        status=Campaign.Status.SENT, finished_at=now
    )
    logger.info("campaign %s: sent", campaign_id)
    return False


def _claim(delivery_id: int, subscriber_is_receiving: bool) -> uuid.UUID | None:
    """Take one pending delivery for this worker, or skip it if its subscriber left."""
    with transaction.atomic():
        if not subscriber_is_receiving:
            Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED
            )
            return None
        token = uuid.uuid4()
        claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claim_token=token, claimed_at=timezone.now()
        )
    return token if claimed else None


def _settle(delivery_id: int, token: uuid.UUID, status: str, error: str = "") -> None:
    """Record what happened to a claimed delivery (the claim token proves it is ours)."""
    changes = {"status": status, "error": error}
    if status == Delivery.Status.SENT:
        changes["sent_at"] = timezone.now()
    if status == Delivery.Status.PENDING:
        changes.update(claim_token=None, claimed_at=None)
    Delivery.objects.filter(pk=delivery_id, claim_token=token).update(**changes)


def send_batch(campaign_id: int) -> int:
    """Send up to NEWSLETTER_BATCH_SIZE pending deliveries over one connection; returns how
    many the mail server accepted. Stops at the first temporary failure, leaving the rest
    pending for the next batch."""
    campaign = Campaign.objects.get(pk=campaign_id)
    batch = list(
        Delivery.objects.filter(campaign_id=campaign_id, status=Delivery.Status.PENDING)
        .select_related("subscriber")
        .order_by("pk")[: settings.NEWSLETTER_BATCH_SIZE]
    )
    if not batch:
        return 0
    # Who still wants it: someone may have left or changed topics since the campaign started.
    receiving = set(
        Subscriber.objects.receiving(campaign.topic)
        .filter(pk__in=[delivery.subscriber_id for delivery in batch])
        .values_list("pk", flat=True)
    )
    content = campaign_content(campaign)
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        # Nothing was claimed yet, so nothing is lost: the next batch tries again.
        logger.warning(
            "campaign %s: mail server unreachable (%s)", campaign_id, type(error).__name__
        )
        return 0
    accepted = 0
    try:
        for delivery in batch:
            message = campaign_message(
                campaign,
                content,
                delivery.subscriber.email,
                preferences_url=links.preferences_url(delivery.subscriber_id),
                unsubscribe_url=links.unsubscribe_url(delivery.subscriber_id),
                connection=connection,
            )
            token = _claim(delivery.pk, delivery.subscriber_id in receiving)
            if token is None:
                continue
            outcome = _send(message)
            _settle(delivery.pk, token, outcome.status, outcome.error)
            if outcome.suppress:
                Subscriber.objects.filter(pk=delivery.subscriber_id).suppress(
                    Subscriber.Suppression.BOUNCED
                )
            if outcome.status == Delivery.Status.SENT:
                accepted += 1
            elif outcome.stop:
                logger.warning(
                    "campaign %s: stopping this batch after delivery %s ended %s %s",
                    campaign_id,
                    delivery.pk,
                    outcome.status,
                    outcome.error,
                )
                break
    finally:
        connection.close()
    return accepted


@dataclass(frozen=True)
class Outcome:
    status: str
    error: str = ""
    stop: bool = False  # the connection or the server cannot take more now
    suppress: bool = False  # the server says the address does not exist


def _send(message) -> Outcome:
    """Send one message and say what is known about it afterwards.

    A reply code from the server is certain: 5xx refuses this message for good, 4xx asks us to
    try later (the delivery goes back to pending). A lost connection or any other error is not
    certain: the server may have accepted the message before we heard back, so the delivery is
    "unknown" and never resent.
    """
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        code = min(code for code, _reply in error.recipients.values())
        if code >= 500:
            return Outcome(Delivery.Status.FAILED, f"SMTP {code}", suppress=True)
        return Outcome(Delivery.Status.PENDING, f"SMTP {code}", stop=True)
    except smtplib.SMTPResponseException as error:
        if error.smtp_code >= 500:
            return Outcome(Delivery.Status.FAILED, f"SMTP {error.smtp_code}")
        return Outcome(Delivery.Status.PENDING, f"SMTP {error.smtp_code}", stop=True)
    except Exception as error:
        return Outcome(Delivery.Status.UNKNOWN, type(error).__name__, stop=True)
    return Outcome(Delivery.Status.SENT)
