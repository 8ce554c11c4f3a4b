"""Downloading a clinic's requests: a warning first, then a CSV that a spreadsheet cannot run."""

import csv
import io

import pytest

from audit.models import AuditEvent
from clinics.exports import safe_cell
from core.tests.people import DANA, consultation_request

pytestmark = pytest.mark.django_db

URL = "/clinic/organizations/riverside/export/"


def rows_of(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_page_warns_that_the_file_holds_personal_data(as_casey, riverside):
    page = as_casey.get(URL).content.decode()
    assert "This file contains personal data." in page
    assert "I understand this file holds people&#x27;s contact details" in page


def test_the_warning_must_be_acknowledged(as_casey, dana_request):
    response = as_casey.post(URL, {"status": ""})
    assert response["Content-Type"].startswith("text/html")
    assert "Tick the box to confirm you will keep the file safe" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.REQUESTS_EXPORTED).exists()


def test_the_file_has_each_request_decrypted(as_casey, casey, dana_request, lakeside):
    consultation_request(lakeside, name="Someone Else")
    response = as_casey.post(URL, {"status": "", "understood": "on"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="requests-riverside-')
    assert "no-store" in response["Cache-Control"]
    header, row = rows_of(response)
    assert header[:4] == ["Reference", "Received (UTC)", "Status", "Name"]
    assert row[0] == str(dana_request.pk)
    assert row[2:6] == ["New", DANA["name"], DANA["email"], "'" + DANA["phone"]]
    assert row[6:] == [
        "E-mail",
        "Any time",
        "CA",
        "IV ketamine infusions",
        DANA["message"],
    ]
    event = AuditEvent.objects.get(action=AuditEvent.Action.REQUESTS_EXPORTED)
    assert event.actor == casey and event.details == {"status": "all", "rows": 1}


def test_one_status_only(as_casey, riverside, dana_request):
    closed = consultation_request(riverside, name="Closed Case")
    closed.set_status("closed")
    response = as_casey.post(URL, {"status": "closed", "understood": "on"})
    assert [row[3] for row in rows_of(response)[1:]] == ["Closed Case"]


def test_formulas_are_written_as_text(as_casey, riverside):
    consultation_request(
        riverside,
        name='=HYPERLINK("http://evil.example","click")',
        message="@SUM(1+1)",
        email="-1+2@example.com",
    )
    (row,) = rows_of(as_casey.post(URL, {"status": "", "understood": "on"}))[1:]
    assert row[3] == '\'=HYPERLINK("http://evil.example","click")'
    assert row[4] == "'-1+2@example.com"
    assert row[10] == "'@SUM(1+1)"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1 415 555", "'+1 415 555"),
        ("-3", "'-3"),
        ("@cmd", "'@cmd"),
        ("\tTab", "'\tTab"),
        ("Plain text", "Plain text"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written
