"""The promise of issue 6, end to end: a request made while the mail server is down is stored,
reaches the clinic exactly once when the server is back, and tells the clinic nothing of what
the seeker wrote."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from consultations.models import ConsultationRequest
from consultations.tests.delivery_helpers import send_request, time_passes, waiting_tasks
from core.tests.people import DANA, clinic
from core.tests.smtp import SMTPServer, delivering_to, html_part, text_part
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

CLINIC = "intake@riverside.example"
Delivery = ConsultationRequest.Delivery


def everything_in(message) -> str:
    """Every header and the decoded text of every part, as a mail program would show them."""
    headers = "\n".join(f"{name}: {value}" for name, value in message.items())
    return "\n".join([headers, message.as_string(), text_part(message), html_part(message)])


@override_settings(SITE_URL="https://psycle.example", PSYCLE_REQUEST_RETRY_DELAY=60)
def test_a_request_sent_while_the_mail_server_is_down_reaches_the_clinic_once_later():
    clinic()
    server = SMTPServer()  # its port is chosen, but nothing listens there yet
    with delivering_to(server.port):
        request = send_request()
        assert waiting_tasks() == ["confirm_to_seeker", "notify_clinic"]

        run_worker()  # the server is down: both e-mails fail and wait for a retry

        request.refresh_from_db()
        assert request.clinic_notice_status == Delivery.PENDING
        assert request.clinic_notice_attempts == 1
        assert request.clinic_notice_retry_at > timezone.now()
        assert request.confirmation_status == Delivery.PENDING
        assert request.confirmation_attempts == 1
        assert waiting_tasks() == ["confirm_to_seeker", "notify_clinic"]
        assert ConsultationRequest.objects.get().name == DANA["name"]  # nothing was lost

        server.controller.start()
        try:
            run_worker()  # the server is up, but the retry is not due for a minute
            assert server.messages == []

            time_passes(timedelta(seconds=61))
            run_worker()

            [notice] = server.received_by(CLINIC)
            assert notice["Subject"] == (
                "A new consultation request for Riverside Ketamine Clinic is waiting"
            )
            assert (
                notice["Message-ID"].strip()
                == f"<consultation-request.{request.pk}@psycle.example>"
            )
            portal = f"https://psycle.example/clinic/requests/{request.pk}/"
            assert portal in text_part(notice) and portal in html_part(notice)
            shown = everything_in(notice)
            for secret in (DANA["name"], "Dana", DANA["email"], "4155550143", "555-0143"):
                assert secret not in shown
            assert "antidepressants" not in shown and "ketamine?" not in shown

            [confirmation] = server.received_by(DANA["email"])
            assert confirmation["Subject"] == (
                "Your request to Riverside Ketamine Clinic has been sent"
            )
            assert "You asked them to call you." in text_part(confirmation)
            assert "https://psycle.example/requests/delete/" in text_part(confirmation)
            assert "antidepressants" not in everything_in(confirmation)

            request.refresh_from_db()
            assert request.clinic_notice_status == Delivery.SENT
            assert request.clinic_notice_sent_at is not None
            assert request.clinic_notice_attempts == 2
            assert request.confirmation_status == Delivery.SENT
            assert request.confirmation_sent_at is not None

            # Running the worker again, and the recovery command, sends nothing more.
            run_worker()
            call_command("deliver_pending_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115
            run_worker()
            assert server.copies_per_recipient() == {CLINIC: 1, DANA["email"]: 1}
        finally:
            server.controller.stop()
