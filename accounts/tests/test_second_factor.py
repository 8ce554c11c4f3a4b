"""Two-step sign-in for clinic staff and administrators: set up at first sign-in, asked for at
every sign-in after, and not something they can switch off."""

import re

import pytest
from allauth.mfa.models import Authenticator

from accounts.middleware import LAST_SEEN_KEY
from accounts.tests.second_factor import (
    activate_authenticator_app,
    code_for,
    sign_in_with_second_factor,
)
from clinics.models import Membership
from core.tests.people import PASSWORD, make_account, riverside

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey(db):
    user = make_account("casey@riverside.example", PASSWORD)
    Membership.objects.create(user=user, organization=riverside())
    return user


def sign_in(client, email="casey@riverside.example", password=PASSWORD, next_url=""):
    data = {"login": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post("/account/login/", data)


def secret_on(page: str) -> str:
    return re.search(r'<code id="authenticator-secret">([A-Z2-7]+)</code>', page).group(1)


def test_the_first_visit_to_the_portal_asks_to_set_up_an_app(client, casey):
    assert sign_in(client).url == "/clinic/"
    response = client.get("/clinic/")
    assert response.url == "/account/2fa/totp/activate/"
    page = client.get(response.url).content.decode()
    assert "The clinic portal and the admin need two-step sign-in." in page
    assert "Set up two-step sign-in" in page


def test_the_setup_page_shows_the_key_as_text_and_as_a_qr_code(client, casey):
    sign_in(client)
    page = client.get("/account/2fa/totp/activate/").content.decode()
    secret = secret_on(page)
    assert len(secret) >= 16
    assert re.search(r'<img class="qr-code" src="data:image/svg\+xml;base64,[^"]+"', page)
    assert "style=" not in page and "onclick" not in page
    assert not re.search(r"<script(?![^>]*(src=|application/json))[^>]*>", page)


@pytest.mark.django_db(transaction=True)
def test_a_code_from_the_app_turns_it_on_and_leads_back_to_the_portal(client, casey):
    """Committed for real: the session learns of the new factor once the activation commits."""
    sign_in(client)
    client.get("/clinic/organizations/riverside/requests/")
    secret = secret_on(client.get("/account/2fa/totp/activate/").content.decode())
    response = client.post("/account/2fa/totp/activate/", {"code": code_for(secret)})
    assert response.url == "/account/2fa/recovery-codes/"
    page = client.get(response.url).content.decode()
    assert len(re.findall(r"<li><code>\w{8}</code></li>", page)) == 10
    assert (
        'href="/clinic/organizations/riverside/requests/">I have saved my codes: continue' in page
    )
    assert Authenticator.objects.filter(user=casey, type="totp").exists()
    assert client.get("/clinic/organizations/riverside/requests/").status_code == 200


def test_a_wrong_code_does_not_turn_it_on(client, casey):
    sign_in(client)
    secret = secret_on(client.get("/account/2fa/totp/activate/").content.decode())
    wrong = str((int(code_for(secret)) + 500_000) % 1_000_000).zfill(6)
    response = client.post("/account/2fa/totp/activate/", {"code": wrong})
    assert "That code is not right." in response.content.decode()
    assert not Authenticator.objects.filter(user=casey).exists()


def test_signing_in_asks_for_the_code_after_the_password(client, casey):
    secret = activate_authenticator_app(casey)
    response = sign_in(client)
    assert response.url == "/account/2fa/authenticate/"
    assert client.get("/clinic/").url.startswith("/account/login/")  # not signed in yet
    page = client.get(response.url).content.decode()
    assert "Enter your sign-in code" in page

    wrong = client.post(response.url, {"code": "000000" if code_for(secret) != "000000" else "1"})
    assert "That code is not right." in wrong.content.decode()
    done = client.post(response.url, {"code": code_for(secret)})
    assert done.url == "/clinic/"
    assert client.get("/clinic/").status_code == 200


def test_a_recovery_code_signs_in_once_when_the_phone_is_lost(client, casey):
    activate_authenticator_app(casey)
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes.activate(casey).get_unused_codes()
    sign_in(client)
    assert client.post("/account/2fa/authenticate/", {"code": codes[0]}).url == "/clinic/"
    assert client.get("/clinic/").status_code == 200


def test_staff_cannot_switch_it_off(client, casey):
    secret = activate_authenticator_app(casey)
    sign_in(client)
    client.post("/account/2fa/authenticate/", {"code": code_for(secret)})
    page = client.get("/account/2fa/totp/deactivate/").content.decode()
    assert "Clinic staff and administrators must keep two-step sign-in switched on." in page
    client.post("/account/2fa/totp/deactivate/")
    assert Authenticator.objects.filter(user=casey, type="totp").exists()


def test_a_session_without_a_code_is_asked_for_one_and_continues(client, casey):
    secret = activate_authenticator_app(casey)
    client.force_login(casey)
    response = client.get("/clinic/")
    assert response.url == "/account/2fa/reauthenticate/?next=/clinic/"
    done = client.post(response.url, {"code": code_for(secret)})
    assert done.url == "/clinic/"
    assert client.get("/clinic/").status_code == 200


def test_administrators_need_it_for_the_admin(client):
    make_account("ada@psycle.example", PASSWORD, is_staff=True, is_superuser=True)
    sign_in(client, "ada@psycle.example")
    assert client.get("/admin/").url == "/account/2fa/totp/activate/"


def test_seekers_are_not_asked_for_it_outside_the_portal(client, seeker, password):
    sign_in(client, "sam@example.com", password)
    assert client.get("/assessment/history/").status_code == 200
    response = client.get("/admin/")
    assert response.status_code == 302 and "2fa" not in response.url


def test_staff_left_idle_are_signed_out_of_the_portal(client, casey, settings):
    settings.PSYCLE_STAFF_IDLE_MINUTES = 30
    sign_in_with_second_factor(client, casey)
    assert client.get("/clinic/").status_code == 200

    session = client.session
    session[LAST_SEEN_KEY] -= 29 * 60  # still within the limit: the clock restarts
    session.save()
    assert client.get("/clinic/").status_code == 200

    session = client.session
    session[LAST_SEEN_KEY] -= 31 * 60
    session.save()
    response = client.get("/clinic/organizations/riverside/requests/")
    assert response.status_code == 302
    assert response.url == "/account/login/?next=/clinic/organizations/riverside/requests/"
    page = client.get(response.url).content.decode()
    assert "You were signed out after 30 minutes without activity" in page
    assert client.get("/clinic/").status_code == 302  # still signed out
