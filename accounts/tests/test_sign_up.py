"""A seeker's account: an e-mail address they prove is theirs and a password they choose."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db

GOOD = {"email": "Robin@Example.com", "password1": "a quiet lake at dawn 19", "adult": "on"}


def code_in(message) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


def test_the_form_asks_only_for_what_it_needs(client):
    page = client.get("/account/signup/").content.decode()
    assert 'type="email" name="email"' in page and 'autocomplete="email"' in page
    assert 'type="password" name="password1"' in page and 'autocomplete="new-password"' in page
    assert "I am 18 or older." in page


def test_signing_up_sends_a_code_that_signs_in(client):
    response = client.post("/account/signup/", {**GOOD, "next": "/assessment/full/result/"})
    assert response.url == "/account/confirm-email/"
    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("robin@example.com", "robin@example.com")
    assert user.check_password(GOOD["password1"]) and not user.is_staff
    assert client.get("/assessment/history/").status_code == 302  # not yet signed in

    (message,) = mail.outbox
    assert message.to == ["robin@example.com"]
    response = client.post("/account/confirm-email/", {"code": code_in(message)})
    assert response.url == "/assessment/full/result/"
    assert client.get("/assessment/history/").status_code == 200


def test_a_wrong_code_is_named(client):
    client.post("/account/signup/", GOOD)
    response = client.post("/account/confirm-email/", {"code": "NOPE42"})
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()


def test_an_address_already_used_gives_nothing_away(client, seeker):
    """The page answers as for a new address: whether someone has an account here is private."""
    response = client.post("/account/signup/", {**GOOD, "email": "SAM@example.com"})
    assert response.url == "/account/confirm-email/"
    assert get_user_model().objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["sam@example.com"]
    assert "already" in message.body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "password1": "12345678"}, "This password is entirely numeric."),
        ({**GOOD, "password1": "short"}, "This password is too short."),
        ({**GOOD, "email": "robin"}, "Enter an e-mail address like name@example.com."),
        ({**GOOD, "adult": ""}, "Accounts are for adults"),
        ({**GOOD, "password1": ""}, "Choose a password."),
        ({**GOOD, "email": "r" * 140 + "@example.com"}, "at most 150 characters"),
    ],
)
def test_bad_input_is_named(client, data, message):
    response = client.post("/account/signup/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_user_model().objects.count() == 0


def test_a_link_elsewhere_is_not_followed_after_sign_up(client):
    client.post("/account/signup/", {**GOOD, "next": "https://evil.example/"})
    response = client.post("/account/confirm-email/", {"code": code_in(mail.outbox[0])})
    assert response.url == "/assessment/history/"
