"""Other sites' pages may call the API from a browser: the embedding it exists for."""

import json

import pytest

pytestmark = pytest.mark.django_db

ORIGIN = "https://clinic.example"


def preflight(client, path, method, headers="content-type"):
    return client.options(
        path,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


def test_a_browser_may_post_json_to_the_scoring_api_from_any_origin(client):
    answer = preflight(client, "/api/v1/assessments/phq9/score", "POST")
    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert answer["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert "content-type" in answer["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in answer

    response = client.post(
        "/api/v1/assessments/phq9/score",
        json.dumps({"answers": [0] * 9}),
        content_type="application/json",
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Set-Cookie" not in response


def test_the_future_advice_endpoint_is_covered_by_the_same_rule(client):
    answer = preflight(client, "/api/v1/assessments/advice", "POST")
    assert answer["Access-Control-Allow-Methods"] == "POST, OPTIONS"


@pytest.mark.parametrize("path", ["/api/v1/search", "/api/v1/openapi.json", "/api/hsds/services"])
def test_the_search_openapi_and_hsds_apis_may_be_read_from_any_origin(client, path):
    answer = preflight(client, path, "GET")
    assert answer.status_code == 200
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert answer["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_errors_carry_the_header_too_so_the_page_can_read_them(client):
    response = client.get("/api/v1/search?near=99999", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Link" in response["Access-Control-Expose-Headers"]


def test_the_rest_of_the_site_is_not_shared_with_other_origins(client):
    for path in ("/find/?near=10001", "/account/login/", "/clinic/"):
        response = client.get(path, HTTP_ORIGIN=ORIGIN)
        assert "Access-Control-Allow-Origin" not in response
    answer = preflight(client, "/subscribe/", "POST")
    assert "Access-Control-Allow-Origin" not in answer
