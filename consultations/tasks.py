"""Background work for requests, run by `manage.py db_worker`. Tasks take ids (as text), are
safe to run twice, and are enqueued only after the transaction that asked for them commits."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.dispatch import receiver
from django_tasks import task

from consultations import delivery, notices
from core.tasks import enqueue_on_commit, send_or_retry, task_abandoned


def _deliver(task_function, channel: delivery.Channel, send, request_id: str) -> str:
    def schedule_retry(retry_at):
        enqueue_on_commit(task_function.using(run_after=retry_at), request_id)

    return delivery.deliver(uuid.UUID(request_id), channel, send, schedule_retry).outcome.value


@task()
def notify_clinic(request_id: str) -> str:
    return _deliver(notify_clinic, delivery.CLINIC_NOTICE, notices.send_clinic_notice, request_id)


@task()
def confirm_to_seeker(request_id: str) -> str:
    return _deliver(
        confirm_to_seeker, delivery.SEEKER_CONFIRMATION, notices.send_confirmation, request_id
    )


TASKS = {delivery.CLINIC_NOTICE: notify_clinic, delivery.SEEKER_CONFIRMATION: confirm_to_seeker}


@receiver(task_abandoned)
def send_again_what_a_stopped_worker_left(sender, task_path, args, **kwargs):
    """A notice or confirmation whose worker was killed mid-send is sent again now (perhaps a
    second copy, with the same Message-ID), not after PSYCLE_REQUEST_CLAIM_TIMEOUT."""
    for channel, task_function in TASKS.items():
        if task_path == task_function.module_path and args:
            delivery.release_claim(uuid.UUID(args[0]), channel)
            enqueue_on_commit(task_function, args[0])


@task()
def send_deletion_links(email_hash: str, attempt: int = 1) -> int:
    return send_or_retry(
        notices.send_deletion_links,
        send_deletion_links,
        email_hash,
        attempt,
        attempts=settings.PSYCLE_REQUEST_DELIVERY_ATTEMPTS,
        first_delay=timedelta(seconds=settings.PSYCLE_REQUEST_RETRY_DELAY),
        loggable=False,
    )
