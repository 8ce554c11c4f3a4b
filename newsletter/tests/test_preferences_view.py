import re

import pytest

from core.tests.people import ALICE, subscribed
from newsletter.models import Subscriber
from newsletter.tokens import manage_token, subscriber_id_from

pytestmark = pytest.mark.django_db


def url(subscriber: Subscriber) -> str:
    return f"/newsletter/preferences/{manage_token(subscriber.pk)}/"


def test_the_page_shows_the_current_topics(client):
    alice = subscribed(ALICE, research_news=True, treatment_guides=False)
    response = client.get(url(alice))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="research_news" id="id_topics_0" checked' in page
    assert 'value="treatment_guides" id="id_topics_1">' in page
    # The token carries a timestamp, so compare what it says, not the exact string.
    action = re.search(r'action="/newsletter/unsubscribe/([^/"]+)/"', page)
    assert action and subscriber_id_from(action.group(1)) == alice.pk


def test_saving_changes_the_topics(client):
    alice = subscribed(ALICE)
    response = client.post(url(alice), {"topics": ["providers_near_me"], "zip_code": "02139"})
    assert response.status_code == 200
    assert "Your preferences are saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.topics == ["providers_near_me"]
    assert alice.zip_code == "02139"


def test_bad_input_is_named_and_nothing_is_saved(client):
    alice = subscribed(ALICE)
    response = client.post(url(alice), {"topics": []})
    assert response.status_code == 400
    assert "Choose at least one topic." in response.content.decode()
    alice.refresh_from_db()
    assert alice.topics == ["research_news", "treatment_guides"]


def test_someone_unsubscribed_is_told_so_and_offered_the_sign_up_form(client):
    alice = subscribed(ALICE)
    alice.status = Subscriber.Status.UNSUBSCRIBED
    alice.save()
    response = client.post(url(alice), {"topics": ["research_news"]})
    page = response.content.decode()
    assert "You are unsubscribed" in page
    assert 'href="/subscribe/"' in page
    alice.refresh_from_db()
    assert alice.status == Subscriber.Status.UNSUBSCRIBED


def test_a_tampered_link_gets_a_clear_page(client):
    alice = subscribed(ALICE)
    response = client.get(url(alice)[:-5] + "zzzz/")
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
