"""The request form: what a seeker sees for each mistake, what is stored, and what is not."""

import re

import pytest
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from consultations.models import ConsultationRequest
from core.crypto import lookup_hash
from core.models import RateLimitHit
from core.tests.people import DANA, clinic
from directory.models import Organization, Phone

pytestmark = pytest.mark.django_db

URL = "/providers/riverside/request/"


def valid(**changes) -> dict:
    data = {
        "name": DANA["name"],
        "email": DANA["email"],
        "phone": "(415) 555-0143",
        "preferred_contact": "email",
        "preferred_time": "evening",
        "state": "CA",
        "message": DANA["message"],
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Post as a browser would, running what the request queues once it commits."""

    def send(url, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **extra)

    return send


def text_of(response) -> str:
    return response.content.decode()


def error_summary(response) -> list[str]:
    summary = re.search(r'<div class="error-summary".*?</div>', text_of(response), re.S)
    assert summary, "no error summary on the page"
    return re.findall(r'<a href="#([^"]+)">', summary.group(0))


def test_the_profile_carries_the_form_and_the_crisis_line(client):
    clinic()
    page = text_of(client.get("/providers/riverside/"))
    assert "Request a consultation" in page
    assert f'action="{URL}"' in page
    assert "If you are in crisis, do not wait for a clinic." in page
    assert 'href="tel:988"' in page
    assert "until the clinic closes your request, then 90 more days" in page


def test_a_valid_request_is_stored_encrypted_and_queued_for_delivery(client, post):
    organization = clinic()
    response = post(URL, valid())
    assert response.status_code == 302
    assert response["Location"] == "/providers/riverside/request/sent/"
    request = ConsultationRequest.objects.get()
    assert request.organization == organization
    assert request.name == DANA["name"]
    assert request.email == DANA["email"]
    assert request.phone == "+14155550143"
    assert request.message == DANA["message"]
    assert request.email_hash == lookup_hash(DANA["email"])
    assert request.preferred_contact == "email"
    assert request.preferred_time == "evening"
    assert request.state == "CA"
    assert request.consent_at is not None
    assert request.privacy_notice_version
    assert request.status == ConsultationRequest.Status.NEW
    assert request.clinic_notice_status == ConsultationRequest.Delivery.PENDING
    assert request.confirmation_status == ConsultationRequest.Delivery.PENDING
    queued = sorted(result.task_path for result in DBTaskResult.objects.all())
    assert queued == [
        "consultations.tasks.confirm_to_seeker",
        "consultations.tasks.notify_clinic",
    ]

    page = client.get(response["Location"])
    assert "Your request is on its way" in text_of(page)
    assert "Riverside Ketamine Clinic" in text_of(page)


def test_nothing_the_seeker_wrote_is_in_the_database_in_clear(client, post):
    clinic()
    post(URL, valid())
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM consultations_consultationrequest")
        row = " ".join(str(value) for value in cursor.fetchone())
    for secret in ("Dana", "Whitfield", "dana.whitfield", "example.net", "4155550143", "ketamine"):
        assert secret.lower() not in row.lower()


def test_a_request_by_phone_alone_needs_no_confirmation_e_mail(client, post):
    clinic()
    response = post(URL, valid(email="", preferred_contact="text"))
    assert response.status_code == 302
    request = ConsultationRequest.objects.get()
    assert request.email == "" and request.email_hash == ""
    assert request.confirmation_status == ConsultationRequest.Delivery.NOT_NEEDED
    assert [r.task_path for r in DBTaskResult.objects.all()] == [
        "consultations.tasks.notify_clinic"
    ]


def test_the_page_after_sending_offers_to_take_the_request_back_once(client, post):
    """Someone who gave only a phone number gets no confirmation e-mail: the next page is their
    one chance to delete the request themselves before it is purged."""
    clinic()
    response = post(URL, valid(email="", preferred_contact="text"))
    page = client.get(response.url).content.decode()
    assert "It is shown only on this page, once." in page
    (link,) = re.findall(r'href="(/requests/delete/[^"]+)"', page)
    assert client.post(link).status_code == 200
    assert not ConsultationRequest.objects.exists()
    assert "Delete this request" not in client.get(response.url).content.decode()


def test_the_service_asked_about_is_recorded(client, post, demo_listings):
    organization = Organization.objects.filter(services__isnull=False).first()
    service = organization.services.first()
    url = f"/providers/{organization.slug}/request/"
    response = post(url, valid(service=str(service.pk)))
    assert response.status_code == 302
    assert ConsultationRequest.objects.get().service == service


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "request-name", "Enter your name."),
        ({"email": "dana@"}, "request-email", "Enter an e-mail address like name@example.com."),
        (
            {"email": ""},
            "request-email",
            "Enter your e-mail address: you asked to be contacted by e-mail.",
        ),
        (
            {"phone": "", "preferred_contact": "phone"},
            "request-phone",
            "Enter your phone number: you asked for a call.",
        ),
        (
            {"phone": "", "preferred_contact": "text"},
            "request-phone",
            "Enter your phone number: you asked for a text message.",
        ),
        (
            {"phone": "555-12"},
            "request-phone",
            "Enter a phone number like (415) 555-0143, or +44 20 7946 0958 outside the US.",
        ),
        (
            {"email": "", "phone": "", "preferred_contact": None},
            ("request-email", "request-preferred_contact_0"),
            "Enter an e-mail address or a phone number so the clinic can reply.",
        ),
        (
            {"preferred_contact": None},
            "request-preferred_contact_0",
            "Choose how you would like to be contacted.",
        ),
        (
            {"preferred_contact": "pigeon"},
            "request-preferred_contact_0",
            "Select a valid choice. pigeon is not one of the available choices.",
        ),
        (
            {"preferred_time": None},
            "request-preferred_time_0",
            "Choose when you would like to be contacted.",
        ),
        ({"state": ""}, "request-state", "Choose the state you are in."),
        ({"state": "ZZ"}, "request-state", "Choose the state you are in from the list."),
        (
            {"message": "x" * 1001},
            "request-message",
            "Shorten your message to 1000 characters or fewer (it has 1001).",
        ),
        (
            {"consent": None},
            "request-consent",
            "Tick the box to agree to share your request with this clinic.",
        ),
    ],
)
def test_each_mistake_is_named_beside_its_field_and_in_the_summary(
    post, client, changes, field, message
):
    clinic()
    response = post(URL, valid(**changes))
    assert response.status_code == 400
    page = text_of(response)
    assert message.replace("'", "&#x27;") in page
    assert error_summary(response) == ([field] if isinstance(field, str) else list(field))
    assert "<title>Error:" in page
    assert "If you are in crisis, do not wait for a clinic." in page
    assert not ConsultationRequest.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_what_was_typed_is_kept_when_the_form_comes_back(client, post):
    clinic()
    response = post(URL, valid(consent=None))
    page = text_of(response)
    assert 'value="Dana Whitfield"' in page
    assert "Two antidepressants have not helped" in page


def test_a_filled_honeypot_gets_the_same_page_and_nothing_is_stored(client, post):
    clinic()
    response = post(URL, valid(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/providers/riverside/request/sent/"
    assert not ConsultationRequest.objects.exists()
    assert not DBTaskResult.objects.exists()
    # Nor does it count against the limits of the address it came from.
    assert not RateLimitHit.objects.exists()


@override_settings(PSYCLE_REQUEST_LIMIT_PER_IP=2, PSYCLE_REQUEST_LIMIT_PER_EMAIL=50)
def test_too_many_requests_from_one_address_are_refused_with_a_message(client, post):
    clinic()
    for number in range(2):
        assert post(URL, valid(email=f"person{number}@example.net")).status_code == 302
    response = post(URL, valid(email="third@example.net"))
    assert response.status_code == 429
    page = text_of(response)
    assert "Your request was not sent yet" in page
    assert "please wait an hour and send it again" in page
    assert 'value="third@example.net"' in page
    assert ConsultationRequest.objects.count() == 2
    # Another address is not held back by this one.
    other = post(URL, valid(email="fourth@example.net"), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


@override_settings(PSYCLE_REQUEST_LIMIT_PER_IP=2, PSYCLE_REQUEST_LIMIT_PER_EMAIL=50)
def test_an_ipv6_network_counts_as_one_address(client, post):
    """A connection is usually given a whole /64: rotating through it gets around nothing."""
    clinic()
    for number in range(2):
        response = post(
            URL, valid(email=f"p{number}@example.net"), REMOTE_ADDR=f"2001:db8::{number}"
        )
        assert response.status_code == 302
    blocked = post(URL, valid(email="p2@example.net"), REMOTE_ADDR="2001:db8::ffff:1")
    assert blocked.status_code == 429
    elsewhere = post(URL, valid(email="p3@example.net"), REMOTE_ADDR="2001:db8:0:1::1")
    assert elsewhere.status_code == 302


@override_settings(PSYCLE_REQUEST_LIMIT_PER_IP=50, PSYCLE_REQUEST_LIMIT_PER_EMAIL=2)
def test_too_many_requests_from_one_e_mail_address_are_refused_whatever_its_spelling(client, post):
    clinic()
    for number in range(2):
        response = post(URL, valid(), REMOTE_ADDR=f"198.51.100.{number + 1}")
        assert response.status_code == 302
    response = post(URL, valid(email=" Dana.Whitfield@Example.NET "), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Your request was not sent yet" in text_of(response)
    assert ConsultationRequest.objects.count() == 2


@override_settings(PSYCLE_REQUEST_LIMIT_PER_IP=50, PSYCLE_REQUEST_LIMIT_PER_EMAIL=5)
def test_tags_and_gmail_dots_do_not_get_around_the_per_address_limit(client, post):
    clinic()
    spellings = [f"dana.whitfield+{n}@gmail.com" for n in range(3)] + [
        "danawhitfield@googlemail.com",
        "d.anawhitfield+x@gmail.com",
    ]
    for number, email in enumerate(spellings):
        response = post(URL, valid(email=email), REMOTE_ADDR=f"198.51.100.{number + 1}")
        assert response.status_code == 302
    response = post(URL, valid(email="dana.whitfield+6@gmail.com"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Your request was not sent yet" in text_of(response)
    # Each request is delivered to the address as it was typed, tag and dots included.
    stored = sorted(ConsultationRequest.objects.values_list("email", flat=True))
    assert stored == sorted(spellings)


@override_settings(TRUST_X_FORWARDED_FOR=True, PSYCLE_REQUEST_LIMIT_PER_IP=1)
def test_behind_a_proxy_the_address_it_reports_is_counted(client, post):
    clinic()
    first = post(URL, valid(), HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert first.status_code == 302
    # The same proxy, another seeker.
    second = post(URL, valid(email="b@example.net"), HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert second.status_code == 302
    # A seeker who forges the header's first entry is still counted by the last one.
    forged = post(URL, valid(email="c@example.net"), HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.2")
    assert forged.status_code == 429


def test_a_provider_without_an_e_mail_address_has_no_form_and_says_how_to_reach_them(client, post):
    organization = clinic(email="")
    Phone.objects.create(organization=organization, number="(415) 555-0100")
    profile = text_of(client.get("/providers/riverside/"))
    assert "does not take requests through Psycle yet" in profile
    assert f'action="{URL}"' not in profile
    assert "(415) 555-0100" in profile

    page = client.get(URL)
    assert page.status_code == 200
    assert "does not take requests through Psycle yet" in text_of(page)
    assert "(415) 555-0100" in text_of(page)
    response = post(URL, valid())
    assert response.status_code == 400
    assert not ConsultationRequest.objects.exists()


def test_an_unknown_provider_is_a_404(client, post, db):
    assert client.get("/providers/nobody/request/").status_code == 404
    assert post("/providers/nobody/request/", valid()).status_code == 404


def test_a_demo_listing_says_no_real_clinic_will_answer(client, demo_listings):
    organization = Organization.objects.filter(is_demo=True).first()
    page = text_of(client.get(f"/providers/{organization.slug}/request/"))
    assert "A request sent to it reaches no real clinic" in page
