"""/api/hsds/: every record it gives is valid HSDS 3.0 (checked with jsonschema, draft 2020-12,
against the compiled schemas, with no field allowed that HSDS does not define)."""

import json
from datetime import UTC, datetime

import pytest

from directory import geo
from directory.geocode import locate
from directory.hsds import records, schemas
from directory.models import (
    Insurer,
    Organization,
    SearchEntry,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    ServiceInsurer,
    TaxonomyTerm,
)

PAGE_KEYS = {
    "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
    "contents",
}  # fmt: skip


def valid(name: str, record: dict) -> dict:
    assert schemas.errors(name, record) == [], record.get("id")
    return record


def valid_page(body: dict, item: str) -> list[dict]:
    assert set(body) == PAGE_KEYS
    assert body["size"] == len(body["contents"])
    for record in body["contents"]:
        valid(item, record)
    return body["contents"]


def attributes(record: dict) -> dict[str, str]:
    """The Psycle field attributes of a record, by field name."""
    return {
        a["taxonomy_term"]["code"]: a["value"]
        for a in record["attributes"]
        if a["link_type"] == records.PSYCLE_TAXONOMY
    }


def test_the_index_names_the_version_profile_and_openapi_document(client, db):
    response = client.get("/api/hsds/")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "3.0"
    assert body["openapi_url"] == "http://127.0.0.1:8000/api/hsds/openapi.json"
    document = client.get("/api/hsds/openapi.json").json()
    assert document["info"]["title"] == "Psycle HSDS API"
    assert set(document["paths"]) >= {
        "/services", "/services/{id}", "/organizations", "/organizations/{id}",
        "/service_at_locations", "/taxonomies", "/taxonomy_terms",
    }  # fmt: skip
    near = document["paths"]["/service_at_locations"]["get"]["parameters"]
    assert {p["name"]: p["schema"] for p in near}["per_page"]["maximum"] == 100
    profile = client.get(body["profile"].removeprefix("http://127.0.0.1:8000")).json()
    valid("taxonomy", profile)
    assert profile["name"] == "Psycle listing fields"


def test_services_come_in_hsds_pages_of_valid_records(client, demo_listings):
    body = client.get("/api/hsds/services?per_page=100").json()
    contents = valid_page(body, "compiled/service_list")
    total = Service.objects.count()
    assert body["total_items"] == total and body["total_pages"] == -(-total // 100)
    assert body["first_page"] and not body["last_page"] and not body["empty"]
    assert len(contents) == 100
    assert all(service["alert"].startswith("Demo listing") for service in contents)
    second = client.get("/api/hsds/services?per_page=100&page=2").json()
    assert second["page_number"] == 2 and not second["first_page"]
    assert not {s["id"] for s in contents} & {s["id"] for s in second["contents"]}


def test_a_full_service_carries_every_psycle_field_as_an_attribute(client, demo_listings):
    service = Service.objects.filter(treatment__code="ketamine", is_remote=False).first()
    response = client.get(f"/api/hsds/services/{service.pk}")
    assert response.status_code == 200
    record = valid("compiled/service", response.json())
    assert record["name"] == service.name and record["status"] == "active"
    fields = attributes(record)
    assert fields["accepting_new_patients"] == (
        "true" if service.accepting_new_patients else "false"
    )
    assert fields["protocol_confirmed_on"] == service.protocol_confirmed_on.isoformat()
    assert fields["first_course_sessions"] == str(service.first_course_sessions)
    assert fields["dosing_approach"] == service.dosing_approach
    treatment = [a for a in record["attributes"] if a["link_type"] == "treatment"]
    assert [a["taxonomy_term"]["code"] for a in treatment] == ["ketamine"]
    facets = {(a["link_type"], a["taxonomy_term"]["code"]) for a in record["attributes"]}
    stored = set(
        ServiceAttribute.objects.filter(service=service).values_list(
            "taxonomy_term__taxonomy", "taxonomy_term__code"
        )
    )
    assert stored <= facets
    prices = {option["option"]: option for option in record["cost_options"]}
    for option in service.cost_options.all():
        assert prices[option.option]["amount"] == float(option.amount)
        assert attributes(prices[option.option])["confirmed_on"] == option.confirmed_on.isoformat()
    place = record["service_at_locations"][0]["location"]
    assert place["addresses"][0]["postal_code"] and place["schedules"]
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(f"/api/hsds/services/{service.pk}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_an_organization_nests_its_services_in_full_when_asked(client, demo_listings):
    organization = Organization.objects.filter(services__treatment__code="kap").first()
    brief = client.get(f"/api/hsds/organizations/{organization.pk}").json()
    valid("compiled/organization", brief)
    assert {s["id"] for s in brief["services"]} == {
        str(pk) for pk in organization.services.values_list("pk", flat=True)
    }
    assert "attributes" not in brief["services"][0]
    assert attributes(brief)["is_demo"] == "true"
    assert attributes(brief)["slug"] == organization.slug
    assert brief["uri"] == f"http://127.0.0.1:8000/providers/{organization.slug}/"
    full = client.get(f"/api/hsds/organizations/{organization.pk}?full_service=true").json()
    valid("compiled/organization", full)
    assert all(service["service_at_locations"] for service in full["services"])
    assert {attributes(s)["accepting_new_patients"] for s in full["services"]} <= {"true", "false"}
    listed = client.get("/api/hsds/organizations?per_page=100").json()
    valid_page(listed, "compiled/organization_list")
    assert listed["total_items"] == Organization.objects.count()


def test_pages_of_full_records_cost_a_fixed_number_of_queries(
    client, demo_listings, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        body = client.get("/api/hsds/services?per_page=100&full=true").json()
    for record in body["contents"]:
        valid("compiled/service", record)
    with django_assert_max_num_queries(20):
        body = client.get("/api/hsds/organizations?per_page=100&full_service=true").json()
    assert len(body["contents"]) == 100
    valid("compiled/organization", body["contents"][0])


def _within(place, metres):
    miles = metres / 1609.344
    return {
        str(entry.service_at_location_id)
        for entry in SearchEntry.objects.all()
        if geo.great_circle_miles(place.latitude, place.longitude, entry.latitude, entry.longitude)
        <= miles
    }


def test_services_near_a_postcode_are_nearest_first_within_the_proximity(
    client, demo_listings, django_assert_max_num_queries
):
    place = locate("10001")
    expected = _within(place, 150_000)
    # The count, the finder's search (a statement per ring it widens to: up to six in a demo
    # directory this sparse, one in a city of a full one) and one read of the page's records.
    with django_assert_max_num_queries(8):
        body = client.get(
            "/api/hsds/service_at_locations?postcode=10001&proximity=150000&per_page=10"
        ).json()
    contents = valid_page(body, "compiled/service_at_location_list")
    assert body["total_items"] == len(expected) > 10
    second = client.get(
        "/api/hsds/service_at_locations?postcode=10001&proximity=150000&per_page=10&page=2"
    ).json()
    both = contents + second["contents"]
    assert {record["id"] for record in both} <= expected
    distances = [
        geo.great_circle_miles(
            place.latitude, place.longitude, r["location"]["latitude"], r["location"]["longitude"]
        )
        for r in both
    ]
    assert distances == sorted(distances)
    assert all("demo listing" in record["description"] for record in both)
    stream = client.get(
        "/api/hsds/service_at_locations?postcode=10001&proximity=150000&format=ndjson"
    )
    assert stream["Content-Type"] == "application/x-ndjson"
    lines = [json.loads(line) for line in b"".join(stream.streaming_content).splitlines()]
    assert {line["id"] for line in lines} == expected
    valid("compiled/service_at_location_list", lines[-1])


def test_near_a_postcode_a_record_is_the_one_the_list_of_services_at_locations_gives(
    client, demo_listings
):
    # Near a postcode the records are read with one plain query; elsewhere from model rows.
    near = client.get(
        "/api/hsds/service_at_locations?postcode=10001&proximity=150000&per_page=20"
    ).json()["contents"]
    for record in near[:5]:
        organization_id = record["service"]["organization_id"]
        listed = client.get(
            f"/api/hsds/service_at_locations?organization_id={organization_id}&per_page=100"
        ).json()["contents"]
        assert record in listed


def test_near_a_postcode_a_taxonomy_term_filters_as_the_finder_does(client, demo_listings):
    for taxonomy, code in (("treatment", "esketamine"), ("route", "iv")):
        term = TaxonomyTerm.objects.get(taxonomy=taxonomy, code=code)
        body = client.get(
            "/api/hsds/service_at_locations?postcode=60601&proximity=400000&per_page=100"
            f"&taxonomy_term_id={term.pk}"
        ).json()
        contents = valid_page(body, "compiled/service_at_location_list")
        assert contents
        for record in contents:
            service = Service.objects.get(pk=record["service"]["id"])
            if taxonomy == "treatment":
                assert service.treatment == term
            else:
                assert service.attribute_links.filter(taxonomy_term=term).exists()


def test_services_at_locations_filter_by_organization_term_and_change(client, demo_listings):
    organization = Organization.objects.filter(services__treatment__code="kap").first()
    body = client.get(f"/api/hsds/service_at_locations?organization_id={organization.pk}").json()
    contents = valid_page(body, "compiled/service_at_location_list")
    assert (
        len(contents)
        == ServiceAtLocation.objects.filter(service__organization=organization).count()
    )
    Organization.objects.filter(pk=organization.pk).update(
        updated_at=datetime(2030, 1, 2, tzinfo=UTC)
    )
    changed = client.get("/api/hsds/services?modified_after=2030-01-01T00:00:00Z").json()
    assert {s["organization_id"] for s in changed["contents"]} == {str(organization.pk)}
    assert changed["contents"][0]["last_modified"] == "2030-01-02T00:00:00Z"
    kap = TaxonomyTerm.objects.get(taxonomy="treatment", code="kap")
    listed = client.get(f"/api/hsds/services?taxonomy_term_id={kap.pk}&per_page=100").json()
    assert listed["total_items"] == Service.objects.filter(treatment=kap).count()


def test_taxonomies_and_terms_are_published(client, db):
    body = client.get("/api/hsds/taxonomies").json()
    names = {t["name"] for t in valid_page(body, "taxonomy")}
    assert {"Psycle listing fields", "Psycle treatment", "Psycle route"} <= names
    psycle = str(records.taxonomy_id(records.PSYCLE_TAXONOMY))
    terms = client.get(f"/api/hsds/taxonomy_terms?taxonomy_id={psycle}&per_page=100").json()
    codes = {t["code"] for t in valid_page(terms, "taxonomy_term")}
    assert codes == {field.name for field in records.PSYCLE_FIELDS}
    ketamine = TaxonomyTerm.objects.get(taxonomy="treatment", code="ketamine")
    one = client.get(f"/api/hsds/taxonomy_terms/{ketamine.pk}").json()
    assert valid("taxonomy_term", one)["name"] == "Ketamine"
    everything = client.get("/api/hsds/taxonomy_terms?format=ndjson")
    lines = b"".join(everything.streaming_content).splitlines()
    carriers = Insurer.objects.count()
    assert len(lines) == TaxonomyTerm.objects.count() + carriers + len(records.PSYCLE_FIELDS)


def test_insurers_are_a_taxonomy_and_services_can_be_filtered_by_one(client, demo_listings):
    aetna = Insurer.objects.get(slug="aetna")
    taken = set(ServiceInsurer.objects.filter(insurer=aetna).values_list("service_id", flat=True))
    term_id = records.insurer_term_id("aetna")
    term = valid("taxonomy_term", client.get(f"/api/hsds/taxonomy_terms/{term_id}").json())
    assert (term["name"], term["taxonomy"]) == ("Aetna", "insurer")
    listed = client.get(f"/api/hsds/services?taxonomy_term_id={term_id}&per_page=100").json()
    assert {service["id"] for service in valid_page(listed, "service")} == {str(pk) for pk in taken}
    one = valid("service", client.get(f"/api/hsds/services/{next(iter(taken))}").json())
    insurers = [a for a in one["attributes"] if a.get("link_type") == "insurer"]
    assert "aetna" in {a["taxonomy_term"]["code"] for a in insurers}
    dated = {
        a["link_id"]: a["value"]
        for a in one["attributes"]
        if a.get("link_entity") == "attribute" and a["taxonomy_term"]["code"] == "confirmed_on"
    }
    link = ServiceInsurer.objects.filter(service_id=one["id"]).first()
    assert dated[str(link.pk)] == link.confirmed_on.isoformat()


@pytest.mark.parametrize(
    "query, status, field, message",
    [
        ("services?colour=red", 400, "colour", "Unknown parameter"),
        ("services?per_page=101", 400, "per_page", "from 1 to 100"),
        ("services?page=two", 400, "page", "whole number"),
        ("services?full=yes", 400, "full", "true or false"),
        ("services?format=xml", 400, "format", "json, ndjson"),
        ("services?organization_id=42", 400, "organization_id", "UUID"),
        ("services?modified_after=yesterday", 400, "modified_after", "ISO 8601"),
        ("services?taxonomy_term_id=00000000-0000-4000-8000-000000000000", 404,
         "taxonomy_term_id", "no taxonomy term"),
        ("services?page=99", 404, "page", "past the end"),
        ("services/not-an-id", 400, "id", "UUID"),
        ("services/00000000-0000-4000-8000-000000000000", 404, "id", "no service"),
        ("organizations/00000000-0000-4000-8000-000000000000", 404, "id", "no organization"),
        ("taxonomies/00000000-0000-4000-8000-000000000000", 404, "id", "no taxonomy"),
        ("service_at_locations?proximity=1000", 400, "postcode", "needs a postcode"),
        ("service_at_locations?postcode=New+York", 400, "postcode", "US ZIP code"),
        ("service_at_locations?postcode=00000", 404, "postcode", "could not find"),
        ("service_at_locations?postcode=10001&proximity=0", 400, "proximity", "from 1 to"),
        ("service_at_locations?postcode=10001&organization_id=x", 400, "organization_id",
         "cannot be combined"),
        ("nothing-here", 404, "path", "nothing at this address"),
    ],
)  # fmt: skip
def test_refusals_are_json_that_names_the_parameter(client, db, query, status, field, message):
    response = client.get(f"/api/hsds/{query}")
    assert response.status_code == status
    body = response.json()
    assert body["field"] == field
    assert message in body["message"]


def test_any_site_may_read_it_and_revalidate(client, db):
    response = client.get("/api/hsds/taxonomies", HTTP_ORIGIN="https://211.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    again = client.get("/api/hsds/taxonomies", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
