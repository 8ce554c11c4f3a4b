from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from consultations.models import ConsultationRequest
from core.models import RateLimitHit
from core.tests.people import DANA, clinic, consultation_request

pytestmark = pytest.mark.django_db

Status = ConsultationRequest.Status


def purge() -> str:
    output = StringIO()
    call_command("purge_closed_requests", stdout=output)
    return output.getvalue()


def aged(request, *, created_days_ago=0, closed_days_ago=None):
    now = timezone.now()
    changes = {"created_at": now - timedelta(days=created_days_ago)}
    if closed_days_ago is not None:
        changes.update(status=Status.CLOSED, closed_at=now - timedelta(days=closed_days_ago))
    ConsultationRequest.objects.filter(pk=request.pk).update(**changes)
    return request.pk


def test_requests_are_deleted_once_kept_long_enough_and_not_before(settings):
    settings.PSYCLE_REQUEST_RETENTION_DAYS = 90
    settings.PSYCLE_REQUEST_MAX_AGE_DAYS = 365
    organization = clinic()
    old_closed = aged(consultation_request(organization), created_days_ago=120, closed_days_ago=91)
    recent_closed = aged(
        consultation_request(organization), created_days_ago=120, closed_days_ago=89
    )
    old_open = aged(consultation_request(organization), created_days_ago=300)
    too_old_open = aged(consultation_request(organization), created_days_ago=366)
    new_open = aged(consultation_request(organization))

    output = purge()

    assert "Deleted 1 requests closed more than 90 days ago, 1 requests older than 365" in output
    kept = set(ConsultationRequest.objects.values_list("pk", flat=True))
    assert kept == {recent_closed, old_open, new_open}
    assert old_closed not in kept and too_old_open not in kept
    for secret in (DANA["name"], DANA["email"], DANA["phone"]):
        assert secret not in output

    assert "Deleted 0 requests closed more than 90 days ago, 0 requests older" in purge()
    assert ConsultationRequest.objects.count() == 3


def test_a_request_reopened_after_closing_is_kept():
    organization = clinic()
    request = consultation_request(organization)
    aged(request, created_days_ago=200, closed_days_ago=150)
    request.refresh_from_db()
    request.set_status(Status.CONTACTED)
    purge()
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()


def test_rate_limit_records_are_forgotten_once_no_limit_counts_them():
    old = RateLimitHit.objects.create(scope="consultation-ip", key_hash="a" * 64)
    RateLimitHit.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    recent = RateLimitHit.objects.create(scope="consultation-ip", key_hash="b" * 64)
    assert "and 1 old rate-limit records" in purge()
    assert list(RateLimitHit.objects.values_list("pk", flat=True)) == [recent.pk]
