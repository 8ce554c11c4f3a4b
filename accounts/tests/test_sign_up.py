"""A seeker's account: an e-mail address and a password they choose; no default passwords."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

GOOD = {"email": "Robin@Example.com", "password": "a quiet lake at dawn 19", "adult": "on"}


def test_the_form_asks_only_for_what_it_needs(client):
    page = client.get("/account/sign-up/").content.decode()
    assert 'type="email" name="email"' in page and 'autocomplete="email"' in page
    assert 'type="password" name="password"' in page and 'autocomplete="new-password"' in page
    assert "I am 18 or older." in page


def test_signing_up_creates_the_account_and_signs_in(client):
    response = client.post("/account/sign-up/", {**GOOD, "next": "/assessment/full/result/"})
    assert response.url == "/assessment/full/result/"
    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("robin@example.com", "robin@example.com")
    assert user.check_password(GOOD["password"]) and not user.is_staff
    assert client.get("/assessment/history/").status_code == 200


def test_an_address_already_used_is_refused_whatever_its_case(client, seeker):
    response = client.post("/account/sign-up/", {**GOOD, "email": "SAM@example.com"})
    assert response.status_code == 200
    assert "There is already an account with this e-mail address." in response.content.decode()
    assert get_user_model().objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "password": "12345678"}, "This password is entirely numeric."),
        ({**GOOD, "password": "short"}, "This password is too short."),
        ({**GOOD, "email": "robin"}, "Enter an e-mail address like name@example.com."),
        ({**GOOD, "adult": ""}, "Accounts are for adults"),
        ({**GOOD, "password": ""}, "Choose a password."),
    ],
)
def test_bad_input_is_named(client, data, message):
    response = client.post("/account/sign-up/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.count() == 0


def test_a_link_elsewhere_is_not_followed_after_sign_up(client):
    response = client.post("/account/sign-up/", {**GOOD, "next": "https://evil.example/"})
    assert response.url == "/assessment/history/"
