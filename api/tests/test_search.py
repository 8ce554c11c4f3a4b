import pytest

from directory import geo
from directory.geocode import locate
from directory.indexing import reindex_services
from directory.models import Organization, SearchEntry


def test_results_carry_what_an_integrator_needs(client, demo_listings):
    response = client.get("/api/v1/search?near=10001&radius=100&per_page=5")
    assert response.status_code == 200
    body = response.json()
    assert body["place"]["label"] == "10001 (New York, NY)"
    assert body["per_page"] == 5 and body["page"] == 1
    assert len(body["results"]) == 5
    first = body["results"][0]
    assert set(first) >= {
        "id",
        "name",
        "profile_url",
        "latitude",
        "longitude",
        "distance_miles",
        "is_demo",
    }
    assert first["is_demo"] is True
    assert first["profile_url"].startswith("http://127.0.0.1:8000/providers/")
    place = locate("10001")
    for result in body["results"]:
        true_miles = geo.great_circle_miles(
            place.latitude, place.longitude, result["latitude"], result["longitude"]
        )
        assert result["distance_miles"] == pytest.approx(true_miles, abs=1e-3)
    distances = [result["distance_miles"] for result in body["results"]]
    assert distances == sorted(distances)


def test_pages_follow_on_and_the_link_header_points_to_the_next(client, demo_listings):
    first = client.get("/api/v1/search?near=10001&radius=300&per_page=10")
    assert first.json()["has_next"] is True
    assert first["Link"] == (
        '<http://127.0.0.1:8000/api/v1/search?near=10001&radius=300&per_page=10&page=2>; rel="next"'
    )
    second = client.get("/api/v1/search?near=10001&radius=300&per_page=10&page=2").json()
    both = client.get("/api/v1/search?near=10001&radius=300&per_page=20").json()
    assert [r["id"] for r in first.json()["results"] + second["results"]] == [
        r["id"] for r in both["results"]
    ]


def test_sorting_by_price(client, demo_listings):
    body = client.get("/api/v1/search?near=10001&radius=300&sort=price&treatment=ketamine").json()
    prices = [r["price_per_session"] for r in body["results"]]
    assert prices == sorted(prices)


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("radius=25", "near", "Enter a ZIP code or a city and state."),
        ("near=10001&radius=501", "radius", "between 1 and 500 miles"),
        ("near=10001&route=rocket", "route", "not one of the choices"),
        ("near=10001&per_page=101", "per_page", "from 1 to 100"),
        ("near=10001&per_page=ten", "per_page", "from 1 to 100"),
        # Digits of other scripts: "²" passes str.isdigit but not int(); "٣" passes int().
        ("near=10001&per_page=%C2%B2", "per_page", "from 1 to 100"),
        ("near=10001&per_page=%D9%A3", "per_page", "from 1 to 100"),
        ("near=10001&radius=%D9%A3", "radius", "whole number of miles"),
        ("near=10001&max_price=%EF%BC%95", "max_price", "whole number of dollars"),
        ("near=10001&page=0", "page", "greater than or equal to 1"),
        ("near=10001&colour=blue", "colour", "Unknown parameter"),
        ("near=10001&max_price=cheap", "max_price", "whole number of dollars"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(
    client, demo_listings, query, field, message
):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_request"
    assert body["field"] == field
    assert message in body["message"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("near=99999", "near", "We could not find the ZIP code 99999"),
        ("near=Austn%2C+TX", "near", "We could not find"),
        ("near=10001&page=900", "page", "Page 900 is past the end"),
    ],
)
def test_a_place_or_page_that_does_not_exist_is_a_404_naming_it(
    client, demo_listings, query, field, message
):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 404
    body = response.json()
    assert (body["error"], body["field"]) == ("not_found", field)
    assert message in body["message"]


def test_suggestions_come_with_an_unknown_place(client, db):
    body = client.get("/api/v1/search?near=Austn%2C+TX").json()
    assert "Austin, TX" in body["suggestions"]
    body = client.get("/api/v1/search?near=Sprinfield+XX").json()
    assert body["message"].startswith("We could not find “Sprinfield XX”.")
    assert "Springfield, IL" in body["suggestions"]


def test_a_city_state_and_zip_is_searched_from_the_zip(client, demo_listings):
    body = client.get("/api/v1/search?near=Austin+TX+78701").json()
    assert body["place"]["label"] == "78701 (Austin, TX)"


def test_an_unknown_method_is_a_405_listing_the_allowed_ones(client, db):
    response = client.generic("QUERY", "/api/v1/search?near=10001")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["field"] == "method"


def test_the_search_is_in_the_openapi_document(client):
    document = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in document["paths"]["/search"]["get"]["parameters"]}
    assert {"near", "radius", "treatment", "route", "setting", "page", "per_page"} <= parameters
    assert "SearchResult" in document["components"]["schemas"]


def test_a_client_that_has_the_answer_gets_304_until_it_changes(client, demo_listings):
    first = client.get("/api/v1/search", {"near": "10001"})
    etag = first["ETag"]
    again = client.get("/api/v1/search", {"near": "10001"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    nearest = SearchEntry.objects.get(service_at_location_id=first.json()["results"][0]["id"])
    organization = Organization.objects.get(pk=nearest.organization_id)
    organization.name = "Harbour Light Ketamine Care"
    organization.save()
    reindex_services(organization.services.values_list("pk", flat=True))
    changed = client.get("/api/v1/search", {"near": "10001"}, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Harbour Light Ketamine Care" in [r["name"] for r in changed.json()["results"]]
