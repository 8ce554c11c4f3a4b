import pytest
from allauth.account.models import EmailAddress
from django.core import mail

pytestmark = pytest.mark.django_db


def test_signing_in_with_the_email_address_in_any_case(client, seeker, password):
    response = client.post("/account/login/", {"login": " SAM@example.com ", "password": password})
    assert response.status_code == 302 and response.url == "/assessment/history/"


def test_a_wrong_password_says_what_to_check(client, seeker):
    response = client.post("/account/login/", {"login": "sam@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "That e-mail address and password do not match an account." in response.content.decode()


def test_the_page_has_its_fields_and_a_way_to_sign_up(client):
    page = client.get("/account/login/?next=/assessment/full/result/").content.decode()
    assert 'type="email" name="login"' in page and 'type="password" name="password"' in page
    assert '<label class="field__label" for="id_login">E-mail address</label>' in page
    assert 'href="/account/signup/?next=%2Fassessment%2Ffull%2Fresult%2F"' in page


def test_an_address_never_checked_gets_a_code_before_signing_in(client, seeker, password):
    EmailAddress.objects.filter(user=seeker).update(verified=False)
    response = client.post("/account/login/", {"login": "sam@example.com", "password": password})
    assert response.url == "/account/confirm-email/"
    assert "Enter" in client.get(response.url).content.decode()
    assert mail.outbox[-1].to == ["sam@example.com"]
    assert client.get("/assessment/history/").status_code == 302


def test_the_signed_in_message_is_kept_on_the_server_not_in_a_readable_cookie(
    client, seeker, password
):
    response = client.post("/account/login/", {"login": "sam@example.com", "password": password})
    assert "messages" not in response.cookies
    assert "sam@example.com" not in str(response.cookies)
    page = client.get(response.url).content.decode()
    assert "Successfully signed in as sam@example.com" in page
