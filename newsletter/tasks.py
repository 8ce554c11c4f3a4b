"""Background work for the newsletter, run by `manage.py db_worker`. Each task takes ids, is
safe to run twice, and is enqueued only after the transaction that asked for it commits."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from core.tasks import enqueue_on_commit, send_or_retry
from newsletter import notices, sending

# A notice that cannot be sent is tried again after 1, 2, 4, 8 and 16 minutes.
NOTICE_ATTEMPTS = 6


def _send_notice(send, notice_task, object_id: int, attempt: int) -> bool:
    return send_or_retry(
        send,
        notice_task,
        object_id,
        attempt,
        attempts=NOTICE_ATTEMPTS,
        first_delay=timedelta(minutes=1),
    )


@task()
def send_confirmation(consent_id: int, attempt: int = 1) -> bool:
    return _send_notice(notices.send_confirmation, send_confirmation, consent_id, attempt)


@task()
def send_already_subscribed(subscriber_id: int, attempt: int = 1) -> bool:
    return _send_notice(
        notices.send_already_subscribed, send_already_subscribed, subscriber_id, attempt
    )


@task()
def send_welcome(subscriber_id: int, attempt: int = 1) -> bool:
    return _send_notice(notices.send_welcome, send_welcome, subscriber_id, attempt)


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
