"""NUL characters (which PostgreSQL cannot store or compare) never reach a view or a query."""

import pytest

from accounts.tests.second_factor import sign_in_with_second_factor
from consultations.models import ConsultationRequest
from core.tests.people import clinic, make_account

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["q=%00", "q=keta%00mine", "q%00=x", "page=%00"])
def test_site_search_ignores_nul_characters(client, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200
    assert "\x00" not in response.content.decode()


def test_the_claim_search_ignores_nul_characters(client):
    sign_in_with_second_factor(client, make_account("claimant@example.org", None))
    response = client.get("/clinic/claim/?q=%00")
    assert response.status_code == 200
    assert "Claim your listing" in response.content.decode()


def test_a_path_with_a_nul_character_is_not_found(client):
    assert client.get("/treatments/%00/").status_code == 404
    assert client.get("/%00").status_code == 404


def test_a_cookie_with_a_nul_character_is_a_fresh_session(client):
    client.cookies["sessionid"] = "abcdefgh\x00ijklmnop"
    assert client.get("/assessment/").status_code == 200


def test_a_form_value_loses_its_nul_characters_before_it_is_stored(client):
    clinic()
    response = client.post(
        "/providers/riverside/request/",
        {
            "name": "Dana\x00 Whitfield",
            "email": "dana@example.net",
            "preferred_contact": "email",
            "preferred_time": "any",
            "state": "CA",
            "message": "Evenings\x00 are best.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert (stored.name, stored.message) == ("Dana Whitfield", "Evenings are best.")
