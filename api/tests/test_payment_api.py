"""Payment and insurer filters, the carrier list and the cost figures, as the API gives them."""

import statistics

import pytest

from directory.models import Insurer, SearchEntry, ServiceInsurer


def test_the_insurer_list_names_every_carrier_the_directory_knows(client, db):
    body = client.get("/api/v1/insurers").json()
    assert body["insurers"] == [
        {"slug": insurer.slug, "name": insurer.name} for insurer in Insurer.objects.all()
    ]
    names = [insurer["name"] for insurer in body["insurers"]]
    assert {"Aetna", "Cigna", "UnitedHealthcare", "Blue Cross Blue Shield"} <= set(names)
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("near=10001&payment=cash", "payment", "“cash” is not one of the choices"),
        ("near=10001&payment=self-pay", "payment", "“self-pay” is not one of the choices"),
        ("near=10001&insurer=acme-health", "insurer", "“acme-health” is not an insurer we know"),
    ],
)
def test_an_unknown_payment_or_insurer_is_a_400_naming_it(client, db, query, field, message):
    for endpoint in ("search", "costs"):
        response = client.get(f"/api/v1/{endpoint}?{query}&treatment=ketamine")
        assert response.status_code == 400, endpoint
        body = response.json()
        assert (body["error"], body["field"]) == ("invalid_request", field)
        assert message in body["message"]


def test_results_carry_their_payment_options_and_insurers_with_dates(client, demo_listings):
    body = client.get("/api/v1/search?near=10001&radius=500&insurer=aetna&per_page=50").json()
    assert body["results"]
    for result in body["results"]:
        assert "private_insurance" in result["payment"]  # the demo names carriers only then
        assert "aetna" in [insurer["slug"] for insurer in result["insurers"]]
        aetna = next(i for i in result["insurers"] if i["slug"] == "aetna")
        assert aetna["name"] == "Aetna" and aetna["confirmed_on"].startswith("2026-")
        entry = SearchEntry.objects.get(service_at_location_id=result["id"])
        links = ServiceInsurer.objects.filter(service_id=entry.service_id)
        assert sorted(i["slug"] for i in result["insurers"]) == sorted(
            link.insurer.slug for link in links
        )


def test_the_payment_filter_on_the_api_finds_only_listings_that_take_it(client, demo_listings):
    body = client.get("/api/v1/search?near=10001&radius=500&payment=medicaid&per_page=100").json()
    assert body["results"]
    assert all("medicaid" in result["payment"] for result in body["results"])


def all_results(client, query: str) -> list[dict]:
    results, page = [], 1
    while True:
        body = client.get(f"/api/v1/search?{query}&per_page=100&page={page}").json()
        results += body["results"]
        if not body["has_next"]:
            return results
        page += 1


def test_costs_are_the_figures_of_the_listings_the_search_returns(client, demo_listings):
    query = "near=10001&radius=100&treatment=ketamine"
    body = client.get(f"/api/v1/costs?{query}").json()
    results = all_results(client, query)
    prices = [r["price_per_session"] for r in results if r["price_per_session"] is not None]
    assert body["treatment"] == "ketamine"
    assert body["listings"] == len(results) and body["priced"] == len(prices) > 5
    assert body["unpriced"] == len(results) - len(prices)
    assert body["per_session"] == {
        "median": statistics.median(prices),
        "min": min(prices),
        "max": max(prices),
        "listings": len(prices),
    }
    first = body["first_course"]
    assert first["min"] <= first["median"] <= first["max"] and first["listings"] > 0
    assert first["sessions"] in {4, 5, 6, 7, 8}
    assert body["as_of"]


def test_costs_answer_however_few_listings_and_say_how_many(client, demo_listings):
    body = client.get("/api/v1/costs?near=59801&radius=5&treatment=tms").json()
    assert body["listings"] == 0 and body["priced"] == 0
    assert body["per_session"] == {"median": None, "min": None, "max": None, "listings": 0}


@pytest.mark.parametrize(
    ("query", "status", "field"),
    [
        ("near=10001", 400, "treatment"),
        ("treatment=ketamine", 400, "near"),
        ("near=10001&treatment=ketamine&sort=price", 400, "sort"),
        ("near=Atlantis&treatment=ketamine", 404, "near"),
    ],
)
def test_costs_refuse_what_they_cannot_price(client, db, query, status, field):
    response = client.get(f"/api/v1/costs?{query}")
    assert response.status_code == status
    assert response.json()["field"] == field


def test_a_carrier_added_is_listed_and_filterable_at_once(client, db):
    assert client.get("/api/v1/search?near=10001&insurer=acme-health").status_code == 400
    Insurer.objects.create(slug="acme-health", name="Acme Health")
    names = [i["name"] for i in client.get("/api/v1/insurers").json()["insurers"]]
    assert "Acme Health" in names
    response = client.get("/api/v1/search?near=10001&insurer=acme-health")
    assert response.status_code == 200 and response.json()["results"] == []
