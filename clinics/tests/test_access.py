"""Every portal page: anonymous people are asked to sign in, people without a second factor are
sent to set one up (or to give a code), and another clinic's staff get a 404."""

import pytest
from django.test import Client

from accounts.tests.second_factor import activate_authenticator_app, sign_in_with_second_factor
from core.tests import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(riverside, dana_request):
    """Each portal URL of Riverside's, with the method it is used with."""
    service = riverside.services.get()
    location = riverside.locations.get()
    return {
        "inbox": ("get", "/clinic/organizations/riverside/requests/"),
        "request": ("get", f"/clinic/requests/{dana_request.pk}/"),
        "status": ("post", f"/clinic/requests/{dana_request.pk}/status/"),
        "note": ("post", f"/clinic/requests/{dana_request.pk}/notes/"),
        "export": ("get", "/clinic/organizations/riverside/export/"),
        "export download": ("post", "/clinic/organizations/riverside/export/"),
        "listing": ("get", "/clinic/organizations/riverside/listing/"),
        "service": ("get", f"/clinic/organizations/riverside/services/{service.pk}/"),
        "new service": ("get", "/clinic/organizations/riverside/services/new/"),
        "hours": ("get", f"/clinic/organizations/riverside/locations/{location.pk}/hours/"),
    }


ALL_PAGES = [
    "inbox",
    "request",
    "status",
    "note",
    "export",
    "export download",
    "listing",
    "service",
    "new service",
    "hours",
]
EVERYONES_PAGES = {"dashboard": "/clinic/", "claim search": "/clinic/claim/"}
ADMIN_PAGES = {"queue": "/clinic/admin/", "audit log": "/clinic/admin/audit/"}


def call(client, method, url):
    return getattr(client, method)(url)


@pytest.mark.parametrize("name", ALL_PAGES)
def test_another_clinics_staff_get_a_404(client, urls, morgan, name):
    sign_in_with_second_factor(client, morgan)
    method, url = urls[name]
    assert call(client, method, url).status_code == 404


@pytest.mark.parametrize("name", ALL_PAGES)
def test_anonymous_people_are_asked_to_sign_in(client, urls, name):
    method, url = urls[name]
    response = call(client, method, url)
    assert response.status_code == 302
    assert response.url.startswith("/account/login/?next=/clinic/")


@pytest.mark.parametrize("name", ALL_PAGES)
def test_staff_without_an_authenticator_app_are_sent_to_set_one_up(client, urls, casey, name):
    client.force_login(casey)
    method, url = urls[name]
    response = call(client, method, url)
    assert response.status_code == 302 and response.url == "/account/2fa/totp/activate/"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_a_session_that_gave_no_code_is_asked_for_one(client, urls, casey, name):
    activate_authenticator_app(casey)
    client.force_login(casey)  # as if signed in some other way than password and code
    method, url = urls[name]
    response = call(client, method, url)
    assert response.status_code == 302
    assert response.url.startswith("/account/2fa/reauthenticate/?next=/clinic/")


@pytest.mark.parametrize("name", ["listing", "service", "new service", "hours"])
def test_staff_who_only_answer_requests_cannot_edit_the_listing(client, urls, riverside, name):
    front_desk = people.staff_of(riverside, "frankie@riverside.example", role="staff")
    sign_in_with_second_factor(client, front_desk)
    method, url = urls[name]
    assert call(client, method, url).status_code == 404
    assert client.get("/clinic/organizations/riverside/requests/").status_code == 200


@pytest.mark.parametrize("url", list(EVERYONES_PAGES.values()) + list(ADMIN_PAGES.values()))
def test_every_other_page_needs_a_sign_in_and_a_second_factor(client, casey, url):
    assert Client().get(url).url.startswith("/account/login/?next=/clinic/")
    client.force_login(casey)
    assert client.get(url).url == "/account/2fa/totp/activate/"


@pytest.mark.parametrize("url", ADMIN_PAGES.values())
def test_the_administrators_pages_do_not_exist_for_clinic_staff(as_casey, url):
    assert as_casey.get(url).status_code == 404


@pytest.mark.parametrize("url", ADMIN_PAGES.values())
def test_administrators_see_their_pages(as_ada, url):
    assert as_ada.get(url).status_code == 200


def test_the_other_clinics_listing_cannot_be_changed_through_a_post(as_morgan, riverside):
    service = riverside.services.get()
    response = as_morgan.post(
        f"/clinic/organizations/riverside/services/{service.pk}/", {"name": "Taken over"}
    )
    assert response.status_code == 404
    service.refresh_from_db()
    assert service.name == "IV ketamine infusions"
