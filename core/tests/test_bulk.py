"""core.bulk.insert writes what the ORM would write, encryption included."""

import pytest
from django.db import connection
from django.utils import timezone

from consultations.models import ConsultationRequest
from core import bulk
from core.tests.people import DANA, clinic


@pytest.mark.django_db
def test_bulk_insert_encrypts_what_the_model_encrypts():
    request = ConsultationRequest(
        organization=clinic(),
        **DANA,
        preferred_contact=ConsultationRequest.ContactMethod.EMAIL,
        state="CA",
        consent_at=timezone.now(),
        privacy_notice_version="2025-01",
    )
    bulk.insert(ConsultationRequest, [request])

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT name, message FROM {ConsultationRequest._meta.db_table}")  # noqa: S608
        ((name, message),) = cursor.fetchall()
    assert DANA["name"] not in name and DANA["message"] not in message
    stored = ConsultationRequest.objects.get()
    assert (stored.name, stored.message) == (DANA["name"], DANA["message"])
