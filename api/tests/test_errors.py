"""Under /api/, every error is JSON, whatever raised it."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"] == "not_found"
    assert "openapi.json" in response.json()["message"]


@pytest.mark.urls("api.tests.failing_urls")
def test_a_bug_is_a_json_500_with_the_request_id():
    response = Client(raise_request_exception=False).get("/api/v1/boom")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert (body["error"], body["field"]) == ("server_error", "")
    assert response["X-Request-ID"] in body["message"]


def test_a_malformed_request_is_a_json_400(client):
    response = client.get("/api/v1/search", HTTP_HOST="bad host name")
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_request"
