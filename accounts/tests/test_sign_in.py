import pytest

pytestmark = pytest.mark.django_db


def test_signing_in_with_the_email_address_in_any_case(client, seeker, password):
    response = client.post(
        "/account/sign-in/", {"username": " SAM@example.com ", "password": password}
    )
    assert response.status_code == 302 and response.url == "/assessment/history/"


def test_a_wrong_password_says_what_to_check(client, seeker):
    response = client.post("/account/sign-in/", {"username": "sam@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "That e-mail address and password do not match an account." in response.content.decode()


def test_the_page_has_its_fields_and_a_way_to_sign_up(client):
    page = client.get("/account/sign-in/?next=/assessment/full/result/").content.decode()
    assert 'type="email" name="username"' in page and 'type="password" name="password"' in page
    assert 'href="/account/sign-up/?next=/assessment/full/result/"' in page
