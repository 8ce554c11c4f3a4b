"""Background work for the newsletter, run by `manage.py db_worker`. Each task takes ids, is
safe to run twice, and is enqueued only after the transaction that asked for it commits."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.tasks import enqueue_on_commit
from newsletter import notices, sending

logger = logging.getLogger(__name__)

# A notice that cannot be sent is tried again after 1, 2, 4, 8 and 16 minutes.
NOTICE_ATTEMPTS = 6


def _send_notice(send, notice_task, object_id: int, attempt: int) -> bool:
    """Send a notice now, or queue another attempt if the mail server cannot take it."""
    try:
        return send(object_id)
    except (OSError, smtplib.SMTPException) as error:
        if attempt >= NOTICE_ATTEMPTS:
            logger.error("%s %s: giving up after %s attempts", notice_task.name, object_id, attempt)
            return False
        logger.warning(
            "%s %s: attempt %s failed (%s), trying again later",
            notice_task.name,
            object_id,
            attempt,
            type(error).__name__,
        )
        later = timezone.now() + timedelta(minutes=2 ** (attempt - 1))
        enqueue_on_commit(notice_task.using(run_after=later), object_id, attempt + 1)
        return False


@task()
def send_confirmation(consent_id: int, attempt: int = 1) -> bool:
    return _send_notice(notices.send_confirmation, send_confirmation, consent_id, attempt)


@task()
def send_already_subscribed(subscriber_id: int, attempt: int = 1) -> bool:
    return _send_notice(
        notices.send_already_subscribed, send_already_subscribed, subscriber_id, attempt
    )


@task()
def start_campaign(campaign_id: int) -> bool:
    """Enqueued with run_after set to the campaign's send time when an editor schedules it."""
    if not sending.start(campaign_id):
        return False
    enqueue_on_commit(send_campaign_batch, campaign_id)
    return True


@task()
def send_campaign_batch(campaign_id: int) -> int:
    """One throttled batch. The next batch is queued before this one sends anything, so if the
    worker stops mid-batch, sending resumes when a worker runs again."""
    if not sending.needs_another_batch(campaign_id):
        return 0
    pause = timedelta(seconds=settings.NEWSLETTER_BATCH_PAUSE)
    enqueue_on_commit(send_campaign_batch.using(run_after=timezone.now() + pause), campaign_id)
    return sending.send_batch(campaign_id)
