"""What the delivery tests share: sending a request as a browser does, and letting time pass."""

from datetime import timedelta

from django.db.models import F
from django.test import Client
from django_tasks_db.models import DBTaskResult

from consultations.models import ConsultationRequest
from core.tests.people import DANA

FORM = {
    "name": DANA["name"],
    "email": DANA["email"],
    "phone": DANA["phone"],
    "preferred_contact": "phone",
    "preferred_time": "morning",
    "state": "CA",
    "message": DANA["message"],
    "consent": "on",
}


def send_request(slug: str = "riverside", **changes) -> ConsultationRequest:
    response = Client().post(f"/providers/{slug}/request/", {**FORM, **changes})
    assert response.status_code == 302, response.content.decode()
    return ConsultationRequest.objects.order_by("-created_at").first()


def time_passes(delta: timedelta) -> None:
    """Move every waiting task and retry time earlier by ``delta``, as if it had passed."""
    DBTaskResult.objects.filter(status="READY", run_after__isnull=False).update(
        run_after=F("run_after") - delta
    )
    ConsultationRequest.objects.update(
        clinic_notice_retry_at=F("clinic_notice_retry_at") - delta,
        confirmation_retry_at=F("confirmation_retry_at") - delta,
    )


def waiting_tasks() -> list[str]:
    return sorted(
        result.task_path.rsplit(".", 1)[1] for result in DBTaskResult.objects.filter(status="READY")
    )
