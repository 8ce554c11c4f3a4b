"""Hostile input everywhere: generated requests to every form and every API endpoint, as a
careless program or a careful attacker would send them, and never a server error.

Hypothesis draws an endpoint and a value for each of its fields (or for its JSON body) from a
mix of ordinary text and the shapes that broke things before: NUL characters, other scripts'
digits, huge and deeply nested values, markup, SQL, surrogate-free Unicode of every kind. More
than a thousand requests, seeded so a run is repeatable, in tens of seconds."""

import json
from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.tests.second_factor import sign_in_with_second_factor
from core.tests import people
from core.tests.people import consultation_request

pytestmark = pytest.mark.django_db

REQUESTS = 1100

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "%00",
        "\u00b2",
        "\u0663\u0660",
        "\uff15\uff10\uff10",
        "-1",
        "1e9",
        "9" * 40,
        "9" * 5000,
        "NaN",
        "<script>alert(1)</script>",
        "'; DROP TABLE directory_organization; --",
        "../../etc/passwd",
        "\u202e\u200b\ufeff",
        "\r\nSet-Cookie: x=1",
        "x" * 100_000,
        "true",
        "on",
        "[" * 500,
    ]
)
TEXT = st.one_of(HOSTILE, st.text(st.characters(exclude_categories=("Cs",)), max_size=60))
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=25) | st.dictionaries(TEXT, inner, max_size=5),
    max_leaves=60,
)

# (method, path, the fields it reads); "{}" in a path is filled with hostile text too.
FORMS = [
    ("get", "/find/", ["near", "radius", "treatment", "route", "setting", "therapist",
                       "condition", "payment", "max_price", "verified", "accepting", "sort",
                       "page"]),
    ("get", "/search/", ["q", "page"]),
    ("get", "/api/v1/search", ["near", "radius", "treatment", "max_price", "verified", "sort",
                               "page", "per_page", "colour"]),
    ("post", "/providers/riverside/request/", ["name", "email", "phone", "preferred_contact",
                                               "preferred_time", "state", "service", "message",
                                               "consent", "website"]),
    ("post", "/requests/delete/", ["email"]),
    ("post", "/requests/delete/{}/", []),
    ("get", "/requests/delete/{}/", []),
    ("post", "/subscribe/", ["form", "email", "topics", "zip_code"]),
    ("post", "/newsletter/confirm/{}/", ["topics", "zip_code"]),
    ("post", "/newsletter/preferences/{}/", ["topics", "zip_code"]),
    ("post", "/newsletter/unsubscribe/{}/", []),
    ("post", "/assessment/full/age/", ["adult", "direction"]),
    ("post", "/assessment/full/phq9/", [f"item_{n}" for n in range(1, 10)] + ["direction"]),
    ("post", "/assessment/{}/{}/", ["item_1", "direction"]),
    ("post", "/assessment/clear/", []),
    ("post", "/account/login/", ["login", "password"]),
    ("post", "/account/signup/", ["email", "password1"]),
    ("post", "/account/password/reset/", ["email"]),
    ("get", "/clinic/claim/", ["q"]),
    ("post", "/clinic/claim/riverside/", ["npi", "role_at_clinic"]),
    ("get", "/clinic/organizations/riverside/requests/", ["status", "page"]),
    ("post", "/clinic/organizations/riverside/export/", ["status", "understood"]),
    ("post", "/clinic/requests/{request}/status/", ["status"]),
    ("post", "/clinic/requests/{request}/notes/", ["body"]),
    ("post", "/clinic/organizations/riverside/services/{service}/", [
        "name", "treatment", "status", "first_course_sessions", "first_course_price",
        "route", "locations", "is_remote", "service_areas", "prices-TOTAL_FORMS",
        "prices-INITIAL_FORMS", "prices-0-amount", "prices-0-option"]),
    ("post", "/clinic/organizations/riverside/locations/{location}/hours/", [
        "form-TOTAL_FORMS", "form-INITIAL_FORMS", "form-0-byday", "form-0-opens_at",
        "form-0-closes_at"]),
]  # fmt: skip
API_BODIES = ["/api/v1/assessments/phq9/score", "/api/v1/assessments/pc-ptsd-5/score",
              "/api/v1/assessments/{}/score"]  # fmt: skip


@pytest.fixture
def staff_client(db):
    """Casey, signed in with a second factor, so the portal's forms are reached too."""
    riverside = people.riverside()
    casey = people.staff_of(riverside, "casey@riverside.example")
    client = Client(raise_request_exception=False)
    sign_in_with_second_factor(client, casey)
    service = riverside.services.get()
    ids = {
        "request": str(consultation_request(riverside, service=service).pk),
        "service": str(service.pk),
        "location": str(riverside.locations.get().pk),
    }
    return client, ids


@settings(
    max_examples=REQUESTS,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def _send_one(data, client, ids, statuses):
    if data.draw(st.integers(0, 7), label="kind") == 0:
        path = data.draw(st.sampled_from(API_BODIES), label="api")
        path = path.replace("{}", quote(data.draw(TEXT), safe=""))
        body = data.draw(st.one_of(JSON_VALUE.map(json.dumps), TEXT), label="body")
        content_type = data.draw(st.sampled_from(["application/json", "text/plain"]))
        response = client.post(path, body, content_type=content_type)
    else:
        method, path, fields = data.draw(st.sampled_from(FORMS), label="form")
        path = path.format(**ids) if "{" in path and "{}" not in path else path
        while "{}" in path:
            path = path.replace("{}", quote(data.draw(TEXT) or "x", safe=""), 1)
        values = {
            field: data.draw(st.one_of(TEXT, st.lists(TEXT, max_size=3)), label=field)
            for field in fields
            if data.draw(st.booleans())
        }
        response = getattr(client, method)(path, values)
    statuses.append(response.status_code)
    assert response.status_code < 500, (path, response.content[:500])


def test_a_thousand_hostile_requests_get_no_server_error(staff_client):
    client, ids = staff_client
    statuses: list[int] = []
    _send_one(client=client, ids=ids, statuses=statuses)
    assert len(statuses) >= 1000
    # The requests reached the views, not only a guard in front of them.
    assert {200, 302, 400, 404} <= set(statuses)
