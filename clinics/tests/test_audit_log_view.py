"""What each audited action writes, with no personal data; and the administrators' list."""

import json

import pytest

from audit.models import AuditEvent
from clinics.models import Claim
from core.tests.people import DANA, RIVERSIDE_NPI

pytestmark = pytest.mark.django_db

NOTE = "Dana asked us to call after 6pm about her TRD history."


def test_every_audited_action_writes_one_row_and_no_personal_data(
    as_casey, casey, dana_request, riverside
):
    request_url = f"/clinic/requests/{dana_request.pk}/"
    as_casey.get(request_url)
    as_casey.post(request_url + "status/", {"status": "contacted"})
    as_casey.post(request_url + "notes/", {"body": NOTE})
    as_casey.post("/clinic/organizations/riverside/export/", {"understood": "on", "status": ""})
    as_casey.post(
        "/clinic/organizations/riverside/listing/",
        {"description": "Calm rooms.", "website": "", "email": "intake@riverside.example"},
    )
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == [
        "request.viewed",
        "request.status_changed",
        "request.note_added",
        "requests.exported",
        "listing.edited",
    ]
    assert all(event.actor == casey for event in AuditEvent.objects.all())
    everything = json.dumps(
        list(AuditEvent.objects.values("actor_label", "target_id", "details")), default=str
    )
    for secret in (*DANA.values(), NOTE, "Whitfield", "4155550143"):
        assert secret.lower() not in everything.lower()


@pytest.fixture
def events(riverside, lakeside, casey, morgan):
    from audit import log

    log.record(casey, "request.viewed", "request", "r1", organization=riverside)
    log.record(morgan, "request.viewed", "request", "l1", organization=lakeside)
    log.record(morgan, "listing.edited", "organization", lakeside.pk, organization=lakeside)


def rows_of(response) -> int:
    return response.content.decode().count('<td data-label="When (UTC)">')


def test_administrators_see_every_event_newest_first(as_ada, events):
    response = as_ada.get("/clinic/admin/audit/")
    page = response.content.decode()
    assert rows_of(response) == 3
    assert page.index("Edited a listing") < page.index("casey@riverside.example")


def test_filters_by_organization_action_and_date(as_ada, events):
    assert rows_of(as_ada.get("/clinic/admin/audit/?organization=lakeside")) == 2
    assert rows_of(as_ada.get("/clinic/admin/audit/?action=request.viewed")) == 2
    both = "/clinic/admin/audit/?organization=lakeside&action=request.viewed"
    assert rows_of(as_ada.get(both)) == 1
    assert rows_of(as_ada.get("/clinic/admin/audit/?start=2000-01-01&end=2000-01-02")) == 0


def test_a_backwards_date_range_is_named(as_ada, events):
    page = as_ada.get("/clinic/admin/audit/?start=2030-01-02&end=2030-01-01").content.decode()
    assert "To: The end date must not be before the start date." in page


def test_claims_and_verifications_are_in_the_log(as_ada, ada, riverside, casey):
    claim = Claim.objects.create(
        organization=riverside, user=casey, npi=RIVERSIDE_NPI, role_at_clinic="Manager"
    )
    as_ada.post(f"/clinic/admin/claims/{claim.pk}/", {"decision": "approve"})
    as_ada.post("/clinic/admin/listings/riverside/", {"decision": "verify"})
    page = as_ada.get("/clinic/admin/audit/").content.decode()
    assert "Approved a claim" in page and "Verified a listing" in page
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {ada.pk}
