import pytest
from django.db import IntegrityError, transaction

from consultations.models import ConsultationRequest
from core.tests.people import clinic, consultation_request

pytestmark = pytest.mark.django_db


def test_closing_records_when_and_reopening_clears_it():
    request = consultation_request(clinic())
    assert request.status == ConsultationRequest.Status.NEW
    assert request.closed_at is None

    request.set_status(ConsultationRequest.Status.CLOSED)
    request.refresh_from_db()
    assert request.status == ConsultationRequest.Status.CLOSED
    assert request.closed_at is not None
    assert request.status_changed_at == request.closed_at

    request.set_status(ConsultationRequest.Status.CONTACTED)
    request.refresh_from_db()
    assert request.closed_at is None
    assert request.status_changed_at is not None


def test_a_request_without_email_or_phone_is_refused_by_the_database():
    organization = clinic()
    with pytest.raises(IntegrityError), transaction.atomic():
        consultation_request(organization, email="", phone="")
    assert not ConsultationRequest.objects.exists()


def test_either_email_or_phone_is_enough():
    organization = clinic()
    consultation_request(organization, email="")
    consultation_request(organization, phone="")
    assert ConsultationRequest.objects.count() == 2


def test_its_name_in_logs_and_messages_is_never_the_seekers():
    request = consultation_request(clinic())
    assert "Dana" not in str(request)
