import io
import logging
import re

import pytest
from django.test import Client


def test_a_missing_page_is_a_friendly_404_with_crisis_help(client, site_pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We could not find that page" in page
    assert 'href="/crisis/"' in page


@pytest.fixture
def log_output():
    """What the configured console handler writes, filters and format included."""
    handler = logging.getLogger("django").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.urls("core.tests.failing_urls")
def test_a_server_error_is_a_friendly_500_logged_with_its_request_id(log_output):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/?email=someone@example.org&phone=555-123-4567")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert 'href="/crisis/"' in page
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert request_id in page

    logged = log_output.getvalue()
    assert f"[request_id={request_id}]" in logged
    assert "Internal Server Error: /boom/" in logged
    assert "someone@example.org" not in logged
    assert "555-123-4567" not in logged


def test_a_request_id_from_the_proxy_is_kept(client):
    response = client.get("/healthz", headers={"X-Request-ID": "proxy-abc-12345"})
    assert response["X-Request-ID"] == "proxy-abc-12345"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
