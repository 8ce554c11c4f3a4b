"""Delivery through the real task worker and a real SMTP server on loopback: claims are
exclusive, a stopped worker's send is resent once, failures are retried and then given up, and
nothing personal reaches the logs."""

import logging
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import TemplateSyntaxError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consultations import delivery
from consultations.models import ConsultationRequest
from consultations.tests.delivery_helpers import send_request, time_passes, waiting_tasks
from core.tests.people import DANA, clinic
from core.tests.smtp import delivering_to, free_port
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

CLINIC = "intake@riverside.example"
Delivery = ConsultationRequest.Delivery


def deliver_pending(*options: str) -> str:
    output = StringIO()
    call_command("deliver_pending_requests", *options, stdout=output)
    return output.getvalue()


def left_mid_send(request: ConsultationRequest, claimed_ago: timedelta) -> None:
    """As a worker leaves a request when it stops after claiming the clinic's notice: the task
    is gone from the queue and the row says "sending"."""
    ConsultationRequest.objects.filter(pk=request.pk).update(
        clinic_notice_status=Delivery.SENDING,
        clinic_notice_claimed_at=timezone.now() - claimed_ago,
        clinic_notice_attempts=1,
    )


def test_only_one_worker_can_claim_a_send():
    clinic()
    request = send_request()
    first = delivery.claim(request.pk, delivery.CLINIC_NOTICE)
    second = delivery.claim(request.pk, delivery.CLINIC_NOTICE)
    assert first is not None
    assert second is None
    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.SENDING
    assert request.clinic_notice_attempts == 1


@override_settings(PSYCLE_REQUEST_CLAIM_TIMEOUT=900)
def test_a_send_left_by_a_stopped_worker_is_delivered_once_after_a_restart(smtp_server):
    clinic()
    request = send_request(email="")  # phone only: the clinic's notice is the one e-mail
    DBTaskResult.objects.all().delete()  # the worker took the task and then stopped
    left_mid_send(request, claimed_ago=timedelta(minutes=16))

    output = deliver_pending()
    assert "clinic-notice: 1 queued (1 left mid-send by a stopped worker" in output
    run_worker()

    assert smtp_server.copies_per_recipient() == {CLINIC: 1}
    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.SENT
    assert request.clinic_notice_attempts == 2

    deliver_pending()
    run_worker()
    assert smtp_server.copies_per_recipient() == {CLINIC: 1}


@override_settings(PSYCLE_REQUEST_CLAIM_TIMEOUT=900)
def test_a_send_in_progress_is_left_to_its_worker(smtp_server):
    clinic()
    request = send_request(email="")
    DBTaskResult.objects.all().delete()
    left_mid_send(request, claimed_ago=timedelta(minutes=2))

    assert "clinic-notice: 0 queued (0 left mid-send" in deliver_pending()
    run_worker()

    assert smtp_server.messages == []
    assert ConsultationRequest.objects.get().clinic_notice_status == Delivery.SENDING


def test_a_request_deleted_before_its_notice_was_sent_sends_nothing(smtp_server):
    clinic()
    request = send_request()
    ConsultationRequest.objects.filter(pk=request.pk).delete()
    run_worker()
    assert smtp_server.messages == []


@override_settings(PSYCLE_REQUEST_DELIVERY_ATTEMPTS=3, PSYCLE_REQUEST_RETRY_DELAY=60)
def test_a_server_that_stays_down_is_retried_with_growing_waits_then_given_up(caplog):
    clinic()
    with delivering_to(free_port()), caplog.at_level(logging.INFO):
        request = send_request()
        run_worker()
        request.refresh_from_db()
        first_wait = request.clinic_notice_retry_at - timezone.now()
        assert timedelta(seconds=50) < first_wait <= timedelta(seconds=60)

        time_passes(timedelta(seconds=61))
        run_worker()
        request.refresh_from_db()
        assert request.clinic_notice_attempts == 2
        second_wait = request.clinic_notice_retry_at - timezone.now()
        assert timedelta(seconds=110) < second_wait <= timedelta(seconds=120)

        time_passes(timedelta(seconds=121))
        run_worker()

    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.FAILED
    assert request.confirmation_status == Delivery.FAILED
    assert request.clinic_notice_attempts == 3
    assert waiting_tasks() == []
    assert "could not be sent after 3 attempts" in caplog.text
    for secret in (DANA["name"], DANA["email"], "4155550143", CLINIC, "antidepressants"):
        assert secret not in caplog.text
    # The request itself is still there for the clinic to read in the portal.
    assert ConsultationRequest.objects.get().message == DANA["message"]


@override_settings(PSYCLE_REQUEST_DELIVERY_ATTEMPTS=3)
def test_an_unknown_mailbox_fails_at_once_and_can_be_retried_once_fixed(smtp_server):
    clinic()
    smtp_server.handler.unknown_mailboxes.add(CLINIC)
    request = send_request()
    run_worker()

    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.FAILED
    assert request.clinic_notice_attempts == 1
    assert smtp_server.copies_per_recipient() == {DANA["email"]: 1}

    smtp_server.handler.unknown_mailboxes.clear()
    assert "clinic-notice: 0 queued" in deliver_pending()
    assert "clinic-notice: 1 queued (0 left mid-send by a stopped worker, 1 failed ones" in (
        deliver_pending("--retry-failed")
    )
    run_worker()
    assert smtp_server.copies_per_recipient() == {DANA["email"]: 1, CLINIC: 1}
    assert ConsultationRequest.objects.get().clinic_notice_status == Delivery.SENT


@override_settings(PSYCLE_REQUEST_RETRY_DELAY=60)
def test_the_recovery_command_keeps_a_retry_waiting_until_it_is_due(smtp_server):
    clinic()
    with delivering_to(free_port()):
        send_request(email="")
        run_worker()  # fails; a retry is queued a minute later
    DBTaskResult.objects.all().delete()  # say the queue was lost
    deliver_pending()
    run_worker()
    assert smtp_server.messages == []  # not due yet

    time_passes(timedelta(seconds=61))
    run_worker()
    assert smtp_server.copies_per_recipient() == {CLINIC: 1}


def test_a_clinic_whose_address_was_removed_is_marked_failed_not_sent(smtp_server, caplog):
    organization = clinic()
    request = send_request()
    organization.email = ""  # cleared in the listing editor while the notice waited
    organization.save()
    with caplog.at_level(logging.ERROR, logger="consultations.delivery"):
        run_worker()

    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.FAILED
    assert smtp_server.copies_per_recipient() == {DANA["email"]: 1}  # the seeker's confirmation
    assert "could not be sent after 1 attempts (Undeliverable)" in caplog.text
    assert "clinic-notice: 0 queued" in deliver_pending()


def test_a_fault_that_is_not_the_mail_servers_fails_at_once_instead_of_retrying(
    smtp_server, monkeypatch
):
    clinic()
    request = send_request(email="")

    def broken_template(*args, **kwargs):
        raise TemplateSyntaxError("Invalid block tag")

    monkeypatch.setattr("consultations.notices.emails.send", broken_template)
    run_worker()

    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.FAILED
    assert request.clinic_notice_attempts == 1
    assert waiting_tasks() == []


def _dead_pid() -> int:
    import subprocess

    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_worker_killed_mid_send_is_noticed_by_the_next_one_and_the_notice_goes_at_once(
    smtp_server,
):
    import os
    import socket

    clinic()
    request = send_request(email="")
    task = DBTaskResult.objects.get()
    # The worker claimed the task and the notice, then was killed: its process is gone.
    host = socket.gethostname()[:50]
    DBTaskResult.objects.filter(pk=task.pk).update(
        status="RUNNING", started_at=timezone.now(), worker_ids=[f"{host}:{_dead_pid()}"]
    )
    left_mid_send(request, claimed_ago=timedelta(minutes=1))
    # A task of a worker that still runs (here, this test's parent process) is left alone.
    alive = DBTaskResult.objects.create(
        task_path="consultations.tasks.notify_clinic",
        args_kwargs={"args": ["00000000-0000-0000-0000-000000000000"], "kwargs": {}},
        status="RUNNING",
        worker_ids=[f"{host}:{os.getppid()}"],
        backend_name="default",
        run_after=timezone.now(),
    )

    run_worker()

    task.refresh_from_db()
    assert task.status == "FAILED"
    assert task.exception_class_path == "core.tasks.WorkerStopped"
    assert smtp_server.copies_per_recipient() == {CLINIC: 1}
    request.refresh_from_db()
    assert request.clinic_notice_status == Delivery.SENT
    alive.refresh_from_db()
    assert alive.status == "RUNNING"


def test_a_worker_given_a_stable_id_recognises_its_own_abandoned_task(smtp_server):
    clinic()
    request = send_request(email="")
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["worker-1"])
    left_mid_send(request, claimed_ago=timedelta(minutes=1))
    run_worker("--worker-id", "worker-2")
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1
    run_worker("--worker-id", "worker-1")
    assert smtp_server.copies_per_recipient() == {CLINIC: 1}
