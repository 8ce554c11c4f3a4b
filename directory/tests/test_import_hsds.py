"""manage.py import_hsds: the HSDS 3.0 examples (CC BY-SA 4.0, see hsds/README.md), as JSON,
NDJSON and the tabular data package; what is written, what search shows, what is refused."""

import copy
import csv
import json
import shutil
import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from directory import provenance
from directory.models import Organization, Service, ServiceAttribute

EXAMPLES = Path(__file__).parent / "hsds"
ORGANIZATION = "Example Organization Inc."
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
pytestmark = pytest.mark.django_db


def example() -> dict:
    return json.loads((EXAMPLES / "organization_full.json").read_text())


def in_new_york(record: dict) -> dict:
    """The example, placed at a real US address (its own has latitude 100 and 'MyState')."""
    record = copy.deepcopy(record)
    for location in record["locations"]:
        location.update(latitude=40.7506, longitude=-73.9972)
        for address in location["addresses"]:
            address.update(city="New York", state_province="NY", postal_code="10001")
    return record


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(path, *args) -> tuple[str, str]:
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_hsds", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue(), str(error.value)


def names_near(client, near: str, treatment: str = "") -> list[str]:
    query = f"near={near}&radius=5" + (f"&treatment={treatment}" if treatment else "")
    return [r["name"] for r in client.get(f"/api/v1/search?{query}").json()["results"]]


def test_the_official_example_is_refused_naming_the_record_and_field(tmp_path):
    out, message = refused(EXAMPLES / "organization_full.json")
    assert (
        f"Bad record: record 1: location {LOCATION_ID}: state_province 'MyState' is not a US state"
    ) in out
    assert "nothing was written" in message
    record = example()
    record["locations"][0]["addresses"][0]["state_province"] = "NY"
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(record))
    out, _message = refused(path)
    assert (
        f"Bad record: record 1: location {LOCATION_ID}: latitude 100 is not between -90 and 90"
    ) in out
    assert Organization.objects.count() == 0


def test_a_feed_is_imported_once_kept_with_its_unknown_taxonomy_and_found_by_place(
    client, tmp_path
):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(in_new_york(example())))
    out = run(path, "--feed", "MyCity 211")
    assert "Read 1 organizations." in out and "Imported 1, updated 0, unchanged 0." in out
    assert names_near(client, "10001") == [ORGANIZATION]
    assert names_near(client, "10001", "talk-therapy") == []
    # Found by place, never offered as a kind of care to filter by.
    refused = client.get("/api/v1/search?near=10001&treatment=other")
    assert refused.status_code == 400
    assert refused.json()["field"] == "treatment"
    organization = Organization.objects.get()
    assert str(organization.pk) == "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
    assert (organization.source, organization.source_name) == ("hsds", "MyCity 211")
    kept = ServiceAttribute.objects.get(service__name="Community Counselling").taxonomy_term
    assert (kept.taxonomy, kept.code, kept.name) == ("taxonomy", "code", "name")
    page = client.get(f"/providers/{organization.slug}/").content.decode()
    assert "From the directory feed MyCity 211 (Open Referral HSDS), imported" in page
    assert "From a directory feed, not yet confirmed by the provider." in page
    assert "Monday" not in page and "Thursday" in page  # its weekly hours: TH,FR

    updated_at = organization.updated_at
    out = run(path, "--feed", "MyCity 211")
    assert "Imported 0, updated 0, unchanged 1." in out
    organization.refresh_from_db()
    assert organization.updated_at == updated_at
    assert names_near(client, "10001") == [ORGANIZATION]


def test_psycle_terms_become_the_finders_filters(client, tmp_path):
    record = in_new_york(example())
    record["services"][0]["attributes"].append(
        {"id": "0d6e0f3c-7f39-4a8e-9a51-4c1f0d6c3b11", "value": "",
         "taxonomy_term": {"id": "7c1b0a52-3f0e-4e4b-8f39-0c6d2f7a9e21", "taxonomy": "treatment",
                           "code": "talk-therapy", "name": "Talk therapy", "description": ""}}
    )  # fmt: skip
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(record))
    run(path)
    assert names_near(client, "10001", "talk-therapy") == [ORGANIZATION]
    assert names_near(client, "10001", "ketamine") == []


def test_a_bad_record_in_ndjson_names_its_position_and_nothing_is_written(tmp_path):
    good = in_new_york(example())
    nameless = {**copy.deepcopy(good), "id": "5b0f7f4e-2a59-4df0-8d2a-5c1b2f3e4d5a", "name": ""}
    nameless["locations"], nameless["services"] = [], []
    path = tmp_path / "feed.ndjson"
    path.write_text(json.dumps(good) + "\n" + json.dumps(nameless) + "\n")
    out, message = refused(path)
    assert "Bad record: record 2: organization has no name" in out
    assert message.startswith("1 of 2 records cannot be imported; nothing was written")
    assert Organization.objects.count() == 0

    out = run(path, "--skip-bad")
    assert "Imported 1," in out and "Bad records skipped 1." in out
    assert list(Organization.objects.values_list("name", flat=True)) == [ORGANIZATION]


def _package(tmp_path: Path, fix: bool) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", folder)
    if fix:  # the example's location belongs to another organization and sits at latitude 100
        _edit(folder / "locations.csv", organization_id="d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
              latitude="40.7506", longitude="-73.9972")  # fmt: skip
        _edit(folder / "addresses.csv", state_province="NY", postal_code="10001")
    return folder


def _edit(path: Path, **changes) -> None:
    with open(path, newline="") as source:
        rows = list(csv.DictReader(source))
    with open(path, "w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**row, **changes} for row in rows)


def test_the_tabular_data_package(client, tmp_path):
    out, _message = refused(_package(tmp_path / "as-published", fix=False))
    assert (
        "Bad record: record 1: service ac148810-d857-441c-9679-408f346de14b: service_at_location "
        "e94c9f38-1e8f-4564-91d4-d53501ab1765 names no location of this organization"
    ) in out
    out = run(_package(tmp_path, fix=True), "--feed", "MyCity CSV")
    assert "Imported 1, updated 0, unchanged 0." in out
    assert names_near(client, "10001") == [ORGANIZATION]
    service = Service.objects.get()
    assert service.cost_options.get().amount == 35
    assert list(service.languages.values_list("code", flat=True)) == ["ur"]
    assert "unchanged 1." in run(_package(tmp_path / "again", fix=True), "--feed", "MyCity CSV")


def test_the_clinics_own_edits_are_reported_not_overwritten(tmp_path):
    path = tmp_path / "feed.json"
    record = in_new_york(example())
    path.write_text(json.dumps(record))
    run(path)
    organization = Organization.objects.get()
    organization.description = "Written by the clinic."
    organization.save()
    provenance.record_clinic_edit(organization, ["description"])
    record["description"] = "The feed's new description."
    record["email"] = "new@example.com"
    path.write_text(json.dumps(record))
    out = run(path)
    assert (
        f"Conflict: record 1: {ORGANIZATION}: description not changed, the clinic set it itself"
    ) in out
    assert "updated 1" in out
    organization.refresh_from_db()
    assert organization.description == "Written by the clinic."
    assert organization.email == "new@example.com"


def _psycle(code: str, value: str, taxonomy: str = "psycle") -> dict:
    """An attribute carrying one of Psycle's fields (or facet terms) the way the import reads it."""
    return {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"attribute:{taxonomy}:{code}")),
            "value": value,
            "taxonomy_term": {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{taxonomy}:{code}")),
                              "taxonomy": taxonomy, "code": code, "name": code,
                              "description": ""}}  # fmt: skip


def test_psycles_own_fields_travel_as_attributes(client, tmp_path):
    record = in_new_york(example())
    record["attributes"] = [
        _psycle("is_demo", "true"), _psycle("verification", "verified"),
        _psycle("verified_on", "2026-11-01"), _psycle("verified_by_name", "Ada Admin"),
    ]  # fmt: skip
    service = record["services"][0]
    service["attributes"] = [
        _psycle("accepting_new_patients", "false"), _psycle("accepting_confirmed_on", "2026-11-20"),
        _psycle("is_remote", "true"), _psycle("iv", "", taxonomy="route"),
        _psycle("ketamine", "", taxonomy="treatment"),
    ]  # fmt: skip
    service["service_areas"] = [{"id": "2f9e3c1a-5b7d-4e8f-9a0b-1c2d3e4f5a6b", "name": "NY"}]
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(record))
    run(path)
    organization = Organization.objects.get()
    assert organization.is_demo and organization.verified_by_name == "Ada Admin"
    stored = Service.objects.get()
    assert (stored.treatment.code, stored.accepting_new_patients, stored.is_remote) == (
        "ketamine", False, True
    )  # fmt: skip
    body = client.get("/api/v1/search?near=10001&radius=5&treatment=ketamine&route=iv").json()
    assert [(r["name"], r["is_demo"], r["verified"]) for r in body["results"]] == [
        (ORGANIZATION, True, True)
    ]
    remote = client.get("/find/remote/?near=10001").content.decode()
    assert ORGANIZATION in remote
    assert "unchanged 1." in run(path)

    service["attributes"][0]["value"] = "maybe"
    path.write_text(json.dumps(record))
    out, _message = refused(path)
    assert (
        "Bad record: record 1: service ac148810-d857-441c-9679-408f346de14b: attribute "
        "accepting_new_patients 'maybe' is not a bool"
    ) in out
