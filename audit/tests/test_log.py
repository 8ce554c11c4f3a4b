"""The audit log keeps ids and labels: never what a seeker wrote or how to reach them."""

import pytest
from django.contrib.auth import get_user_model

from audit import log
from audit.models import AuditEvent
from core.tests.people import riverside, staff_of

pytestmark = pytest.mark.django_db


def test_an_event_names_who_did_what_to_which_target():
    clinic = riverside()
    casey = staff_of(clinic, "casey@riverside.example")
    event = log.record(
        casey,
        AuditEvent.Action.LISTING_EDITED,
        "organization",
        clinic.pk,
        organization=clinic,
        fields=("email", "website"),
    )
    event.refresh_from_db()
    assert (event.actor, event.actor_label, event.organization) == (
        casey,
        "casey@riverside.example",
        clinic,
    )
    assert event.target_id == str(clinic.pk) and event.details == {"fields": ["email", "website"]}


def test_the_event_outlives_the_account_and_says_who_it_was():
    clinic = riverside()
    casey = staff_of(clinic, "casey@riverside.example")
    log.record(casey, AuditEvent.Action.REQUEST_VIEWED, "request", "some-id", organization=clinic)
    get_user_model().objects.filter(pk=casey.pk).delete()
    event = AuditEvent.objects.get()
    assert event.actor is None and event.actor_label == "casey@riverside.example"


def test_details_hold_only_plain_values():
    with pytest.raises(TypeError, match="must be ids, names or counts"):
        log.record(None, AuditEvent.Action.REQUEST_VIEWED, "request", "x", note={"body": "..."})
    assert not AuditEvent.objects.exists()
