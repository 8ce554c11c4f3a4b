import pytest

pytestmark = pytest.mark.django_db


def test_signing_out_ends_the_session(client, seeker):
    client.force_login(seeker)
    response = client.post("/account/logout/")
    assert response.url == "/assessment/"
    assert client.get("/assessment/history/").status_code == 302


def test_opening_the_sign_out_page_asks_before_signing_out(client, seeker):
    client.force_login(seeker)
    page = client.get("/account/logout/").content.decode()
    assert "Are you sure you want to sign out?" in page
    assert client.get("/assessment/history/").status_code == 200
