"""A request in full, its status and its notes; each view and change is in the audit log."""

import pytest

from audit.models import AuditEvent
from clinics.models import RequestNote
from consultations.models import ConsultationRequest
from core.tests.people import DANA

pytestmark = pytest.mark.django_db


def url(request, suffix=""):
    return f"/clinic/requests/{request.pk}/{suffix}"


def test_staff_read_the_contact_details_and_message(as_casey, dana_request):
    response = as_casey.get(url(dana_request))
    page = response.content.decode()
    assert response.status_code == 200
    assert DANA["name"] in page
    assert f'href="mailto:{DANA["email"]}"' in page and f'href="tel:{DANA["phone"]}"' in page
    assert "is IV ketamine possible?" in page
    assert "E-mail, any time" in page and "California" in page
    assert "IV ketamine infusions" in page
    assert "no-store" in response["Cache-Control"]


def test_viewing_is_in_the_audit_log(as_casey, casey, dana_request, riverside):
    as_casey.get(url(dana_request))
    event = AuditEvent.objects.get()
    assert (event.actor, event.action) == (casey, AuditEvent.Action.REQUEST_VIEWED)
    assert (event.target_type, event.target_id) == ("request", str(dana_request.pk))
    assert event.organization == riverside and event.actor_label == "casey@riverside.example"


def test_changing_the_status(as_casey, casey, dana_request):
    response = as_casey.post(url(dana_request, "status/"), {"status": "contacted"})
    assert response.url == url(dana_request)
    assert "Status changed to “Contacted”." in as_casey.get(response.url).content.decode()
    dana_request.refresh_from_db()
    assert dana_request.status == "contacted" and dana_request.status_changed_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.REQUEST_STATUS_CHANGED)
    assert event.actor == casey and event.details == {"old": "new", "new": "contacted"}


def test_closing_records_when(as_casey, dana_request):
    as_casey.post(url(dana_request, "status/"), {"status": "closed"})
    dana_request.refresh_from_db()
    assert dana_request.closed_at is not None


def test_the_same_status_again_changes_nothing(as_casey, dana_request):
    as_casey.post(url(dana_request, "status/"), {"status": "new"})
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.REQUEST_STATUS_CHANGED).exists()


def test_an_unknown_status_is_named(as_casey, dana_request):
    response = as_casey.post(url(dana_request, "status/"), {"status": "lost"})
    assert response.status_code == 400
    assert "Status: Choose one of the statuses listed." in response.content.decode()
    dana_request.refresh_from_db()
    assert dana_request.status == "new"


def test_notes_are_kept_encrypted_and_shown_with_their_author(as_casey, casey, dana_request):
    response = as_casey.post(url(dana_request, "notes/"), {"body": "Left a voicemail at 10:15."})
    assert response.url == url(dana_request)
    page = as_casey.get(url(dana_request)).content.decode()
    assert "Left a voicemail at 10:15." in page and "casey@riverside.example" in page
    note = RequestNote.objects.get()
    assert note.author == casey
    assert "voicemail" not in _raw_body(note)
    event = AuditEvent.objects.get(action=AuditEvent.Action.NOTE_ADDED)
    assert event.details == {"note": note.pk}


def _raw_body(note) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM clinics_requestnote WHERE id = %s", [note.pk])
        return cursor.fetchone()[0]


def test_an_empty_note_is_named(as_casey, dana_request):
    response = as_casey.post(url(dana_request, "notes/"), {"body": "  "})
    assert response.status_code == 400
    assert "Add a note: Write the note before saving it." in response.content.decode()
    assert not RequestNote.objects.exists()


def test_notes_go_when_the_request_is_deleted(as_casey, dana_request):
    as_casey.post(url(dana_request, "notes/"), {"body": "Called back."})
    ConsultationRequest.objects.filter(pk=dana_request.pk).delete()
    assert not RequestNote.objects.exists()
    assert AuditEvent.objects.filter(target_id=str(dana_request.pk)).exists()


def test_the_page_title_names_no_one(as_casey, dana_request):
    page = as_casey.get(url(dana_request)).content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "Request received" in title and DANA["name"] not in title
