import re
import time

import pytest
from django.core import signing
from django.test import override_settings

from core.tests.people import ALICE, pending_consent
from newsletter.models import ConsentRecord, Subscriber
from newsletter.tokens import confirmation_token, manage_token, subscriber_id_from

pytestmark = pytest.mark.django_db


def url(token: str) -> str:
    return f"/newsletter/confirm/{token}/"


def test_the_link_shows_the_topics_asked_for_and_a_button_and_changes_nothing(client):
    consent = pending_consent(topics=["treatment_guides"])
    response = client.get(url(confirmation_token(consent.pk)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Confirm my subscription" in page
    assert 'value="treatment_guides" id="id_topics_1" checked' in page
    # A link scanner that opens the link confirms nothing.
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert ConsentRecord.objects.get().confirmed_at is None


def test_confirming_subscribes_with_the_topics_chosen_on_the_page(client):
    consent = pending_consent(topics=["research_news"])
    response = client.post(
        url(confirmation_token(consent.pk)),
        {"topics": ["research_news", "providers_near_me"], "zip_code": "10001"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "You are subscribed" in page
    # The token carries a timestamp, so compare what it says, not the exact string.
    link = re.search(r"/newsletter/preferences/([^/\"]+)/", page)
    assert link and subscriber_id_from(link.group(1)) == consent.subscriber_id
    alice = Subscriber.objects.get()
    assert alice.status == Subscriber.Status.SUBSCRIBED
    assert alice.topics == ["research_news", "providers_near_me"]
    assert alice.zip_code == "10001"
    assert alice.confirmed_at is not None
    assert ConsentRecord.objects.get().confirmed_at == alice.confirmed_at


def test_a_second_confirmation_says_so_and_changes_nothing(client):
    consent = pending_consent(topics=["research_news"])
    client.post(url(confirmation_token(consent.pk)), {"topics": ["research_news"]})
    confirmed_at = Subscriber.objects.get().confirmed_at

    for again in (
        client.get(url(confirmation_token(consent.pk))),
        client.post(url(confirmation_token(consent.pk)), {"topics": ["treatment_guides"]}),
    ):
        assert again.status_code == 200
        assert "This subscription is already confirmed" in again.content.decode()
    alice = Subscriber.objects.get()
    assert alice.topics == ["research_news"]
    assert alice.confirmed_at == confirmed_at


def test_a_mistake_on_the_confirmation_page_is_named_and_nothing_is_confirmed(client):
    consent = pending_consent()
    response = client.post(
        url(confirmation_token(consent.pk)), {"topics": ["providers_near_me"], "zip_code": "abc"}
    )
    assert response.status_code == 400
    assert "Enter a ZIP code of 5 digits, or ZIP+4 like 12345-6789." in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    assert ConsentRecord.objects.get().confirmed_at is None


@override_settings(NEWSLETTER_CONFIRMATION_MAX_AGE=3600)
def test_an_expired_link_gets_a_clear_page_and_confirms_nothing(client, monkeypatch):
    consent = pending_consent()
    two_hours_ago = time.time() - 7200
    monkeypatch.setattr(signing.time, "time", lambda: two_hours_ago)
    old_token = confirmation_token(consent.pk)
    monkeypatch.undo()

    for response in (
        client.get(url(old_token)),
        client.post(url(old_token), {"topics": ["research_news"]}),
    ):
        assert response.status_code == 400
        page = response.content.decode()
        assert "This link has expired" in page
        assert 'href="/subscribe/"' in page
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        pytest.param("tampered", id="tampered"),
        pytest.param("unsubscribe-link", id="another-kind-of-link"),
    ],
)
def test_a_tampered_link_gets_a_clear_page_and_confirms_nothing(client, token):
    consent = pending_consent()
    genuine = confirmation_token(consent.pk)
    token = {
        "tampered": genuine[:-3] + ("abc" if not genuine.endswith("abc") else "xyz"),
        "unsubscribe-link": manage_token(consent.subscriber_id),
    }.get(token, token)
    response = client.post(url(token), {"topics": ["research_news"]})
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert Subscriber.objects.get(email=ALICE).status == Subscriber.Status.PENDING


def test_a_link_for_a_sign_up_that_no_longer_exists_gets_a_clear_page(client):
    consent = pending_consent()
    token = confirmation_token(consent.pk)
    consent.delete()
    response = client.get(url(token))
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
