"""Administrators verify listings; the finder shows the result at once."""

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from directory.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_unverified_listings_wait_in_the_queue(as_ada, riverside):
    page = as_ada.get("/clinic/admin/").content.decode()
    assert "Riverside Ketamine Clinic" in page and "NPI: 1234567893" in page
    assert "No claims are waiting." in page


def test_demo_listings_are_left_out(as_ada, riverside):
    riverside.is_demo = True
    riverside.save()
    assert "Riverside Ketamine Clinic" not in as_ada.get("/clinic/admin/").content.decode()


def test_verifying_a_listing(as_ada, ada, riverside):
    assert SearchEntry.objects.get(organization=riverside).verified is False
    response = as_ada.post("/clinic/admin/listings/riverside/", {"decision": "verify"})
    assert response.url == "/clinic/admin/"
    riverside.refresh_from_db()
    assert riverside.verification == "verified" and riverside.verified_by == ada
    assert riverside.verified_by_name == "ada@psycle.example"
    assert riverside.verified_on == timezone.localdate()
    assert SearchEntry.objects.get(organization=riverside).verified is True
    page = as_ada.get("/clinic/admin/").content.decode()
    assert "Riverside Ketamine Clinic is marked as verified." in page
    assert "Every listing has been checked." in page
    event = AuditEvent.objects.get()
    assert (event.action, event.target_id) == ("listing.verified", str(riverside.pk))


def test_failing_a_listing(as_ada, riverside):
    as_ada.post("/clinic/admin/listings/riverside/", {"decision": "fail"})
    riverside.refresh_from_db()
    assert riverside.verification == "rejected"
    assert AuditEvent.objects.get().action == "listing.verification_failed"


def test_clinic_staff_cannot_verify_their_own_listing(as_casey, riverside):
    response = as_casey.post("/clinic/admin/listings/riverside/", {"decision": "verify"})
    assert response.status_code == 404
    riverside.refresh_from_db()
    assert riverside.verification == "unverified"
