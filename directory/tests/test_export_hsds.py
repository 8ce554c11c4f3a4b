"""manage.py export_hsds DIR: the whole directory as HSDS 3.0 JSON and as the HSDS tabular data
package, every record valid against the Open Referral schemas."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from directory.hsds import export, records, schemas
from directory.models import (
    CostOption,
    Insurer,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)


def run(directory) -> str:
    out = io.StringIO()
    call_command("export_hsds", str(directory), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def read_csv(path) -> tuple[list[str], list[dict]]:
    with path.open(newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def typed(row: dict, schema: dict) -> dict:
    """A CSV row as the JSON record it stands for: empty cells left out, numbers as numbers."""
    record = {}
    for name, text in row.items():
        if text == "":
            continue
        kind = schema["properties"][name].get("type")
        record[name] = float(text) if kind == "number" else text
    return record


def test_the_json_form_holds_every_organization_in_full(tmp_path, demo_listings):
    summary = run(tmp_path)
    total = Organization.objects.count()
    assert f"Wrote {total} organizations to {tmp_path}" in summary
    organizations = json.loads((tmp_path / "organizations.json").read_text())
    assert len(organizations) == total
    for record in organizations:
        assert schemas.errors("compiled/organization", record) == []
    services = [service for record in organizations for service in record["services"]]
    assert len(services) == Service.objects.count()
    assert all(
        any(a["link_type"] == "treatment" for a in service["attributes"]) for service in services
    )
    terms = json.loads((tmp_path / "taxonomy_terms.json").read_text())
    carriers = Insurer.objects.count()
    assert len(terms) == TaxonomyTerm.objects.count() + carriers + len(records.PSYCLE_FIELDS)
    for term in terms:
        assert schemas.errors("taxonomy_term", term) == []
    for taxonomy in json.loads((tmp_path / "taxonomies.json").read_text()):
        assert schemas.errors("taxonomy", taxonomy) == []


def test_the_tabular_form_is_a_data_package_of_valid_rows(tmp_path, demo_listings):
    run(tmp_path)
    folder = tmp_path / "tabular"
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["profile"] == "tabular-data-package"
    by_path = {resource["path"]: resource for resource in package["resources"]}
    assert set(by_path) == {path.name for path in folder.glob("*.csv")}
    assert len(by_path) == 21
    for table, schema in export.tables():
        header, rows = read_csv(folder / schema["path"])
        fields = [f["name"] for f in by_path[schema["path"]]["schema"]["fields"]]
        assert header == fields == export.columns(schema)
        assert by_path[schema["path"]]["count"] == len(rows)
        for row in rows:
            assert schemas.errors(table, typed(row, schema)) == [], (table, row)
    expected = {
        "organizations.csv": Organization.objects.count(),
        "services.csv": Service.objects.count(),
        "locations.csv": Location.objects.count(),
        "service_at_location.csv": ServiceAtLocation.objects.count(),
        "cost_options.csv": CostOption.objects.count(),
        "schedules.csv": Schedule.objects.count(),
        "programs.csv": 0,
    }
    for path, count in expected.items():
        assert len(read_csv(folder / path)[1]) == count, path
    _header, services = read_csv(folder / "services.csv")
    assert services[0]["alert"] == "Demo listing: generated, not a real provider."
    _header, attributes = read_csv(folder / "attributes.csv")
    demo = records.field_term_id("is_demo")
    flags = [row for row in attributes if row["taxonomy_term_id"] == str(demo)]
    assert len(flags) == Organization.objects.count()
    assert {row["value"] for row in flags} == {"true"}
    entities = {row["link_entity"] for row in attributes}
    assert entities == {"organization", "service", "cost_option", "attribute"}
    # Each payment option and insurer carries the day it was confirmed, as an attribute of it.
    dated = {
        row["link_id"]: row["value"] for row in attributes if row["link_entity"] == "attribute"
    }
    for link in ServiceInsurer.objects.all()[:50]:
        assert dated[str(link.pk)] == link.confirmed_on.isoformat()
    payments = ServiceAttribute.objects.filter(taxonomy_term__taxonomy="payment")
    for link in payments.exclude(confirmed_on=None)[:50]:
        assert dated[str(link.pk)] == link.confirmed_on.isoformat()


def test_an_empty_directory_exports_headers_only(tmp_path, db):
    run(tmp_path)
    assert json.loads((tmp_path / "organizations.json").read_text()) == []
    header, rows = read_csv(tmp_path / "tabular" / "services.csv")
    assert header[:4] == ["id", "organization_id", "program_id", "name"] and rows == []


def test_a_file_in_the_way_is_refused(tmp_path, db):
    in_the_way = tmp_path / "export"
    in_the_way.write_text("not a directory")
    with pytest.raises(CommandError, match="is a file; give a directory"):
        run(in_the_way)
