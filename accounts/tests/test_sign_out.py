import pytest

pytestmark = pytest.mark.django_db


def test_signing_out_ends_the_session(client, seeker):
    client.force_login(seeker)
    response = client.post("/account/sign-out/")
    assert response.url == "/assessment/"
    assert client.get("/assessment/history/").status_code == 302


def test_signing_out_needs_a_form_submission(client, seeker):
    client.force_login(seeker)
    assert client.get("/account/sign-out/").status_code == 405
    assert client.get("/assessment/history/").status_code == 200
