"""The API keeps to its OpenAPI document: schemathesis generates requests from the document,
valid and invalid, sends them to the application and runs every check it has (the equivalent
of ``schemathesis run --checks all``): no server error, documented statuses, content types and
headers, responses that match their schemas, valid data accepted and invalid data refused,
undocumented methods answered 405 with Allow. Bounded, so the suite stays quick."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from api import urls  # noqa: F401  (importing the endpoints registers their descriptions)
from api.openapi import document

CONFIG = SchemathesisConfig.from_str(
    """
[generation]
mode = "all"
max-examples = 50
deterministic = true
database = "none"

[phases.stateful]
enabled = false
"""
)


schema = schemathesis.openapi.from_dict(document("/api/v1"), config=CONFIG)
schema.app = WSGIHandler()


@pytest.fixture
def database_kept_open():
    """The real WSGI handler closes the database connection after each request, as it should
    in production; here it is the test's connection, inside the test's transaction."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_api_keeps_to_its_openapi_document(case, demo_listings, database_kept_open):
    # The search has listings to find: written once for the run, and only read here.
    case.call_and_validate()
