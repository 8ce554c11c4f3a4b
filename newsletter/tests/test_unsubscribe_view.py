import pytest
from django.test import Client

from core.tests.people import ALICE, subscribed
from newsletter.models import Subscriber
from newsletter.tokens import manage_token

pytestmark = pytest.mark.django_db


def url(subscriber: Subscriber) -> str:
    return f"/newsletter/unsubscribe/{manage_token(subscriber.pk)}/"


def test_opening_the_link_shows_a_button_and_unsubscribes_nobody(client):
    alice = subscribed(ALICE)
    response = client.get(url(alice))
    assert response.status_code == 200
    page = response.content.decode()
    assert '<button class="button button--primary" type="submit">Unsubscribe</button>' in page
    alice.refresh_from_db()
    assert alice.status == Subscriber.Status.SUBSCRIBED


def test_one_post_without_a_csrf_token_unsubscribes(db):
    alice = subscribed(ALICE)
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(url(alice), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Done. You will get no more newsletter e-mail from us." in response.content.decode()
    alice.refresh_from_db()
    assert alice.status == Subscriber.Status.UNSUBSCRIBED
    assert alice.unsubscribed_at is not None


def test_unsubscribing_twice_is_harmless(client):
    alice = subscribed(ALICE)
    client.post(url(alice))
    first = Subscriber.objects.get().unsubscribed_at
    response = client.post(url(alice))
    assert response.status_code == 200
    assert Subscriber.objects.get().unsubscribed_at == first
    assert "This address does not get our newsletter." in client.get(url(alice)).content.decode()


def test_a_tampered_link_unsubscribes_nobody(client):
    alice = subscribed(ALICE)
    response = client.post(f"/newsletter/unsubscribe/{alice.pk}/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.SUBSCRIBED
