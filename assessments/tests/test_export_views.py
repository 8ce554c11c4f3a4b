"""A person can take everything they saved with them, as CSV or JSON."""

import csv
import io
import json

import pytest

from assessments.models import SaveConsent, SavedResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(seeker, another_seeker):
    SaveConsent.objects.create(user=seeker, statement="Keep these.")
    SavedResult.objects.create(
        user=seeker, instrument="phq9", answers={"answers": [1] * 9}, total=9, band="mild"
    )
    SavedResult.objects.create(
        user=another_seeker,
        instrument="gad7",
        answers={"answers": [3] * 7},
        total=21,
        band="severe",
    )


def test_the_csv_holds_every_saved_result_and_only_mine(client, seeker, saved):
    client.force_login(seeker)
    response = client.get("/assessment/history/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="psycle-results.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 1
    assert (rows[0]["instrument"], rows[0]["total"], rows[0]["band"]) == ("phq9", "9", "mild")
    assert json.loads(rows[0]["answers"]) == {"answers": [1] * 9}


def test_the_json_holds_results_and_consents(client, seeker, saved):
    client.force_login(seeker)
    response = client.get("/assessment/history/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="psycle-results.json"'
    data = json.loads(response.content)
    assert [(r["instrument"], r["total"], r["answers"]) for r in data["results"]] == [
        ("phq9", 9, {"answers": [1] * 9})
    ]
    assert [c["statement"] for c in data["consents"]] == ["Keep these."]


@pytest.mark.parametrize(
    "path", ["/assessment/history/export.csv", "/assessment/history/export.json"]
)
def test_exports_need_an_account(client, path):
    assert client.get(path).status_code == 302
