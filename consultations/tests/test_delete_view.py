"""A seeker deletes their request from the link in their confirmation: opening the link changes
nothing, the button deletes for good, and a bad or old link is explained, never a 500."""

from unittest import mock

import pytest
from django.core import signing
from django.test import override_settings

from consultations import links
from consultations.models import ConsultationRequest
from core.tests.people import clinic, consultation_request

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000").removeprefix("https://psycle.example")


@override_settings(SITE_URL="https://psycle.example")
def test_opening_the_link_asks_first_and_the_button_deletes(client):
    request = consultation_request(clinic())
    url = path_of(links.deletion_url(request.pk))
    assert url.startswith("/requests/delete/")

    page = client.get(url)
    assert page.status_code == 200
    assert "Delete your request?" in page.content.decode()
    assert "Riverside Ketamine Clinic" in page.content.decode()
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()

    done = client.post(url)
    assert done.status_code == 200
    assert "Your request is deleted" in done.content.decode()
    assert not ConsultationRequest.objects.filter(pk=request.pk).exists()

    again = client.post(url)
    assert again.status_code == 200
    assert "There is nothing to delete" in again.content.decode()


def test_only_the_request_the_link_names_is_deleted(client):
    organization = clinic()
    mine = consultation_request(organization)
    someone_elses = consultation_request(organization)
    client.post(f"/requests/delete/{links.deletion_token(mine.pk)}/")
    assert list(ConsultationRequest.objects.values_list("pk", flat=True)) == [someone_elses.pk]


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps("1b7d2c9e-0000-4000-8000-000000000000", salt="newsletter.manage"),
        signing.dumps("not a uuid", salt=links.DELETE_SALT),
    ],
)
def test_a_link_that_was_not_made_by_us_is_explained(client, token):
    request = consultation_request(clinic())
    for method in (client.get, client.post):
        response = method(f"/requests/delete/{token}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
        assert "/requests/delete/" in response.content.decode()
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()


def test_a_changed_link_is_explained(client):
    request = consultation_request(clinic())
    token = links.deletion_token(request.pk)
    response = client.post(f"/requests/delete/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()


@override_settings(PSYCLE_REQUEST_MAX_AGE_DAYS=365)
def test_a_link_older_than_any_request_can_be_kept_has_expired(client):
    request = consultation_request(clinic())
    year_and_a_day_ago = signing.time.time() - 366 * 86400
    with mock.patch("django.core.signing.time.time", return_value=year_and_a_day_ago):
        token = links.deletion_token(request.pk)
    response = client.post(f"/requests/delete/{token}/")
    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert ConsultationRequest.objects.filter(pk=request.pk).exists()


def test_no_browser_or_proxy_keeps_a_copy_of_the_deletion_page(client):
    url = path_of(links.deletion_url(consultation_request(clinic()).pk))
    for response in (client.get(url), client.get("/requests/delete/not-a-token/")):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
