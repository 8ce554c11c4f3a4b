"""core.bulk.insert writes what the ORM would write, encryption included; insert_rows too."""

import uuid

import pytest
from django.db import connection
from django.utils import timezone

from consultations.models import ConsultationRequest
from core import bulk
from core.tests.people import DANA, clinic
from directory.models import Organization


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


@pytest.mark.django_db
def test_insert_rows_writes_plain_rows_with_defaults_and_timestamps():
    pk = uuid.uuid4()
    before = timezone.now()
    bulk.insert_rows(Organization, [{"id": pk, "slug": "plain", "name": "Plain Row Clinic"}])
    stored = Organization.objects.get(pk=pk)
    assert (stored.name, stored.source, stored.clinic_edited_fields) == (
        "Plain Row Clinic",
        "administrator",
        [],
    )
    assert stored.is_demo is False and stored.created_at >= before


@pytest.mark.django_db(transaction=True)
def test_the_background_writer_commits_each_batch_and_stops_at_one_that_fails():
    writer = bulk.BackgroundWriter()
    first, second = uuid.uuid4(), uuid.uuid4()
    writer.submit([(Organization, [{"id": first, "slug": "first", "name": "First Clinic"}])])
    writer.drain()
    assert Organization.objects.filter(pk=first).exists()  # committed, seen from this thread
    # A slug already taken: the whole batch is refused, and the next call says so.
    writer.submit(
        [
            (
                Organization,
                [
                    {"id": second, "slug": "second", "name": "Second Clinic"},
                    {"id": uuid.uuid4(), "slug": "first", "name": "Taken Slug Clinic"},
                ],
            )
        ]
    )
    with pytest.raises(RuntimeError, match="could not be written") as raised:
        writer.drain()
    assert "slug" in str(raised.value)
    assert not Organization.objects.filter(pk=second).exists()
    with pytest.raises(RuntimeError):
        writer.close()
    assert list(Organization.objects.values_list("name", flat=True)) == ["First Clinic"]
