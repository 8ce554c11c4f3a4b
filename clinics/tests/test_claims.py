"""Claiming a listing: the NPI must be valid and the listing's own; an administrator decides,
and the claimant hears either way."""

import pytest
from django.test import Client

from accounts.tests.second_factor import sign_in_with_second_factor
from audit.models import AuditEvent
from clinics import services
from clinics.models import Claim, Membership
from core.tests.people import PASSWORD, RIVERSIDE_NPI, administrator, make_account
from core.tests.smtp import text_part
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db

URL = "/clinic/claim/riverside/"


@pytest.fixture
def jordan(db):
    """Runs Riverside's front office and has just made an account."""
    return make_account("jordan@riverside.example", PASSWORD)


@pytest.fixture
def as_jordan(client, jordan):
    sign_in_with_second_factor(client, jordan)
    return client


def test_the_search_finds_the_clinic_by_name_or_npi(as_jordan, riverside, lakeside):
    page = as_jordan.get("/clinic/claim/?q=river").content.decode()
    assert 'href="/clinic/claim/riverside/"' in page and "Lakeside" not in page
    page = as_jordan.get(f"/clinic/claim/?q={RIVERSIDE_NPI}").content.decode()
    assert 'href="/clinic/claim/riverside/"' in page
    assert (
        "No listing matches “nowhere”" in as_jordan.get("/clinic/claim/?q=nowhere").content.decode()
    )


@pytest.mark.parametrize(
    ("npi", "message"),
    [
        ("", "The clinic&#x27;s NPI: Enter the clinic&#x27;s 10-digit NPI."),
        ("1234567890", "1234567890 is not a valid NPI"),
        ("12345", "12345 is not a valid NPI"),
        ("1245319599", "This NPI is valid but is not the one on record for Riverside"),
    ],
)
def test_a_wrong_npi_is_named(as_jordan, riverside, npi, message):
    response = as_jordan.post(URL, {"npi": npi, "role_at_clinic": "Practice manager"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Claim.objects.exists()


def test_a_right_npi_makes_a_claim_that_waits(as_jordan, jordan, riverside):
    response = as_jordan.post(URL, {"npi": "1234 5678 93", "role_at_clinic": "Practice manager"})
    assert response.url == "/clinic/"
    page = as_jordan.get("/clinic/").content.decode()
    assert "An administrator will check your claim of Riverside Ketamine Clinic" in page
    assert "Claims waiting for review" in page
    claim = Claim.objects.get()
    assert (claim.user, claim.npi, claim.status) == (jordan, RIVERSIDE_NPI, "pending")
    assert not Membership.objects.filter(user=jordan).exists()
    assert as_jordan.get("/clinic/organizations/riverside/requests/").status_code == 404
    event = AuditEvent.objects.get()
    assert (event.action, event.target_id) == ("claim.submitted", str(claim.pk))
    again = as_jordan.get(URL).content.decode()
    assert "Your claim of this listing is waiting for an administrator." in again


def test_a_listing_without_an_npi_cannot_be_claimed_online(as_jordan, riverside):
    riverside.npi = ""
    riverside.save()
    page = as_jordan.get(URL).content.decode()
    assert "This listing has no NPI on record" in page
    as_jordan.post(URL, {"npi": RIVERSIDE_NPI, "role_at_clinic": "Manager"})
    assert not Claim.objects.exists()


def test_staff_are_told_they_already_work_there(as_casey):
    assert "You already work for this clinic" in as_casey.get(URL).content.decode()


def test_demo_listings_cannot_be_claimed(as_jordan, riverside):
    riverside.is_demo = True
    riverside.save()
    assert as_jordan.get(URL).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_approval_makes_the_claimant_staff_and_tells_them(smtp_server, riverside, jordan):
    claim = Claim.objects.create(
        organization=riverside, user=jordan, npi=RIVERSIDE_NPI, role_at_clinic="Manager"
    )
    ada = administrator()
    admin = Client()
    sign_in_with_second_factor(admin, ada)
    page = admin.get("/clinic/admin/").content.decode()
    assert "jordan@riverside.example, Manager" in page and "(matches the listing)" in page
    assert "confirm the claim with the clinic itself" in page
    assert riverside.email in page  # the address to confirm it through

    response = admin.post(f"/clinic/admin/claims/{claim.pk}/", {"decision": "approve"})
    assert response.url == "/clinic/admin/"
    assert (
        "jordan@riverside.example now manages Riverside"
        in admin.get("/clinic/admin/").content.decode()
    )
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == ("approved", ada) and claim.decided_at
    membership = Membership.objects.get(user=jordan)
    assert (membership.organization, membership.role) == (riverside, "manager")
    event = AuditEvent.objects.get(action="claim.approved")
    assert event.actor == ada and event.details == {"claimant": jordan.pk}

    run_worker()
    (message,) = smtp_server.received_by("jordan@riverside.example")
    assert message["Subject"] == "You can now manage Riverside Ketamine Clinic on Psycle"
    assert "/clinic/" in text_part(message)

    # A second click changes nothing.
    admin.post(f"/clinic/admin/claims/{claim.pk}/", {"decision": "approve"})
    assert AuditEvent.objects.filter(action="claim.approved").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_rejection_needs_a_reason_and_sends_it(smtp_server, riverside, jordan):
    claim = Claim.objects.create(
        organization=riverside, user=jordan, npi=RIVERSIDE_NPI, role_at_clinic="Manager"
    )
    admin = Client()
    sign_in_with_second_factor(admin, administrator())
    url = f"/clinic/admin/claims/{claim.pk}/"
    response = admin.post(url, {"decision": "reject", f"reject-{claim.pk}-reason": ""})
    assert response.status_code == 400
    assert "Give the reason: the claimant will read it." in response.content.decode()

    reason = "The clinic's office could not confirm that you work there."
    admin.post(url, {"decision": "reject", f"reject-{claim.pk}-reason": reason})
    claim.refresh_from_db()
    assert claim.status == "rejected" and claim.reason == reason
    assert not Membership.objects.exists()
    event = AuditEvent.objects.get(action="claim.rejected")
    assert reason not in str(event.details)

    run_worker()
    (message,) = smtp_server.received_by("jordan@riverside.example")
    assert "was not approved" in message["Subject"]
    assert reason in text_part(message)


def test_a_second_submission_of_the_same_claim_gives_back_the_pending_one(jordan, riverside):
    """Two tabs or a double click: both pass the view's check before either is saved."""
    first = services.submit_claim(jordan, riverside, RIVERSIDE_NPI, "Practice manager")
    second = services.submit_claim(jordan, riverside, RIVERSIDE_NPI, "Practice manager")
    assert second == first
    assert Claim.objects.count() == 1
    assert AuditEvent.objects.filter(action="claim.submitted").count() == 1


def test_approval_makes_an_existing_staff_member_the_manager(riverside, jordan):
    Membership.objects.create(user=jordan, organization=riverside, role=Membership.Role.STAFF)
    claim = Claim.objects.create(
        organization=riverside, user=jordan, npi=RIVERSIDE_NPI, role_at_clinic="Manager"
    )
    services.approve_claim(administrator(), claim.pk)
    assert Membership.objects.get(user=jordan, organization=riverside).role == "manager"
