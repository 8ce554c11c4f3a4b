"""Campaigns through the real task worker and a real SMTP server: sending stops halfway and
resumes, and every subscriber ends up with exactly one copy."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tests.people import campaign, subscribed
from core.tests.smtp import delivering_to, free_port
from core.tests.worker import run_worker
from newsletter import campaigns, tasks
from newsletter.models import Campaign, ConsentRecord, Delivery, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)

READERS = [f"reader{number}@example.com" for number in range(1, 8)]


def scheduled_campaign() -> Campaign:
    for address in READERS:
        subscribed(address)
    issue = campaign(send_at=timezone.now() - timedelta(minutes=1))
    run_worker()  # what saving queued in Wagtail (its reference index), so counts below are ours
    campaigns.schedule(issue.pk)
    return issue


def statuses(issue: Campaign) -> dict[str, int]:
    return {k: v for k, v in campaigns.delivery_counts(issue).items() if v}


@override_settings(NEWSLETTER_BATCH_SIZE=3, NEWSLETTER_BATCH_PAUSE=0)
def test_a_send_that_stops_halfway_resumes_and_nobody_gets_two_copies(smtp_server):
    issue = scheduled_campaign()
    # The server takes the second message, then hangs up before saying so: the worker cannot
    # know whether it went out. Then the worker stops after its first batch.
    smtp_server.handler.drop_after = 2
    run_worker("--max-tasks", "2")  # the start, then one batch

    assert len(smtp_server.messages) == 2
    assert statuses(issue) == {"sent": 1, "unknown": 1, "pending": 5}
    assert Campaign.objects.get().status == Campaign.Status.SENDING

    run_worker()  # the worker comes back and picks up the queued next batch

    assert smtp_server.copies_per_recipient() == dict.fromkeys(READERS, 1)
    assert statuses(issue) == {"sent": 6, "unknown": 1}
    assert Campaign.objects.get().status == Campaign.Status.SENT


@override_settings(NEWSLETTER_BATCH_SIZE=10, NEWSLETTER_BATCH_PAUSE=0)
def test_a_server_that_asks_us_to_wait_gets_the_rest_later_and_once(smtp_server):
    issue = scheduled_campaign()
    smtp_server.handler.refuse_after = 4
    run_worker("--max-tasks", "3")  # the start and two batches, both stopped by "421 try later"

    assert len(smtp_server.messages) == 4
    assert statuses(issue) == {"sent": 4, "pending": 3}

    smtp_server.handler.refuse_after = None
    run_worker()

    assert smtp_server.copies_per_recipient() == dict.fromkeys(READERS, 1)
    assert statuses(issue) == {"sent": 7}


@override_settings(NEWSLETTER_BATCH_SIZE=10, NEWSLETTER_BATCH_PAUSE=0)
def test_a_delivery_left_sending_by_a_stopped_worker_is_never_sent_again(smtp_server):
    issue = scheduled_campaign()
    run_worker("--max-tasks", "1")  # the start only: every delivery is pending
    stuck = Delivery.objects.get(subscriber__email=READERS[0])
    # As a worker leaves it when it stops after the server accepted, before it could mark it.
    Delivery.objects.filter(pk=stuck.pk).update(
        status=Delivery.Status.SENDING,
        claim_token="a0a0a0a0-0000-4000-8000-000000000000",
        claimed_at=timezone.now() - timedelta(hours=1),
    )

    run_worker()

    assert smtp_server.copies_per_recipient() == dict.fromkeys(READERS[1:], 1)
    assert Delivery.objects.get(pk=stuck.pk).status == Delivery.Status.UNKNOWN
    assert statuses(issue) == {"sent": 6, "unknown": 1}
    assert Campaign.objects.get().status == Campaign.Status.SENT


@override_settings(NEWSLETTER_BATCH_SIZE=10, NEWSLETTER_BATCH_PAUSE=0)
def test_someone_who_unsubscribes_during_a_send_is_skipped(smtp_server):
    issue = scheduled_campaign()
    run_worker("--max-tasks", "1")
    Subscriber.objects.filter(email=READERS[2]).update(status=Subscriber.Status.UNSUBSCRIBED)

    run_worker()

    assert READERS[2] not in smtp_server.copies_per_recipient()
    assert statuses(issue) == {"sent": 6, "skipped": 1}


def test_a_confirmation_that_cannot_be_sent_is_tried_again_later():
    alice = Subscriber.objects.create(email="alice@example.com")
    consent = ConsentRecord.objects.create(
        subscriber=alice, form_name="footer", consent_text="…", consent_version="1", topics=[]
    )
    nobody_listening = free_port()
    with delivering_to(nobody_listening):
        result = tasks.send_confirmation.enqueue(consent.pk)
        run_worker()

    assert tasks.send_confirmation.get_result(result.id).return_value is False
    retry = DBTaskResult.objects.get(status="READY", task_path="newsletter.tasks.send_confirmation")
    assert retry.args_kwargs["args"] == [consent.pk, 2]
    assert retry.run_after > timezone.now()  # a minute later, so the worker left it queued
