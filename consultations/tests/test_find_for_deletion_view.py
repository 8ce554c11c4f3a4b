"""/requests/delete/: someone types their address and is e-mailed a deletion link for each
request sent with it. The page answers the same whatever the address."""

import re

import pytest
from django.test import override_settings

from consultations.models import ConsultationRequest
from core.crypto import lookup_hash
from core.tests.people import DANA, clinic, consultation_request, lakeside
from core.tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/requests/delete/"
SAME_ANSWER = "If any requests were sent with that address, we have e-mailed it a link"


def dana_wrote_twice() -> None:
    consultation_request(clinic(), email_hash=lookup_hash(DANA["email"]))
    other = lakeside()
    consultation_request(other, email_hash=lookup_hash(DANA["email"]))
    consultation_request(other, email="someone@example.org", email_hash=lookup_hash("x@y.z"))


def ask(client, email: str, **extra):
    response = client.post(URL, {"email": email}, **extra)
    if response.status_code == 302:
        return client.get(response["Location"])
    return response


def test_the_page_asks_for_the_address(client):
    page = client.get(URL)
    assert page.status_code == 200
    assert "The e-mail address you gave with your request" in page.content.decode()


def test_each_request_sent_with_the_address_gets_a_link_that_deletes_it(client, mailoutbox):
    dana_wrote_twice()
    page = ask(client, " Dana.Whitfield@Example.NET ")
    assert SAME_ANSWER in page.content.decode()
    run_worker()

    [message] = mailoutbox
    assert message.to == [DANA["email"]]
    assert message.subject == "Links to delete your requests on Psycle"
    assert "Riverside Ketamine Clinic" in message.body and "Lakeside Wellness" in message.body
    assert DANA["message"] not in message.body
    paths = re.findall(r"http://127\.0\.0\.1:8000(/requests/delete/\S+/)", message.body)
    assert len(paths) == 2

    for path in paths:
        assert client.post(path).status_code == 200
    assert ConsultationRequest.objects.count() == 1  # only the other person's request is left


def test_an_address_that_sent_nothing_gets_the_same_page_and_no_e_mail(client, mailoutbox):
    dana_wrote_twice()
    page = ask(client, "nobody@example.org")
    assert SAME_ANSWER in page.content.decode()
    run_worker()
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter the e-mail address you gave with your request."),
        ("dana@", "Enter an e-mail address like name@example.com."),
    ],
)
def test_a_bad_address_is_named(client, email, message):
    response = client.post(URL, {"email": email})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert '<a href="#id_email">' in page


def test_an_address_gets_at_most_three_of_these_e_mails_an_hour(client, mailoutbox):
    dana_wrote_twice()
    for _ in range(4):
        assert SAME_ANSWER in ask(client, DANA["email"]).content.decode()
    run_worker()
    assert len(mailoutbox) == 3


@override_settings(PSYCLE_REQUEST_LIMIT_PER_IP=2)
def test_one_ip_address_asking_too_often_is_told_to_wait(client, mailoutbox):
    for number in range(2):
        ask(client, f"person{number}@example.org")
    response = client.post(URL, {"email": "third@example.org"})
    assert response.status_code == 429
    assert "Please wait before asking again" in response.content.decode()
