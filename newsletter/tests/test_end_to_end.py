"""The whole path against a real SMTP server: subscribe, confirm, receive a campaign, leave with
one POST to its List-Unsubscribe link, and receive nothing after."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from core.tests.people import ALICE, campaign
from core.tests.smtp import html_part, text_part
from core.tests.worker import run_worker
from newsletter import campaigns
from newsletter.models import ConsentRecord, Delivery, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def path_of(url: str) -> str:
    return urlsplit(url).path


@override_settings(SITE_URL="https://psycle.example", NEWSLETTER_BATCH_PAUSE=0)
def test_subscribe_confirm_receive_and_unsubscribe_in_one_post(smtp_server):
    browser = Client()
    response = browser.post(
        "/subscribe/",
        {"form": "subscribe_page", "email": " Alice@Example.com ", "topics": ["research_news"]},
    )
    assert response.status_code == 302
    assert smtp_server.messages == []  # nothing leaves before the worker runs, after commit

    run_worker()
    [confirmation] = smtp_server.received_by(ALICE)
    assert confirmation["Subject"] == "Confirm your subscription to the Psycle newsletter"
    confirm_url = re.search(
        r"https://psycle\.example(/newsletter/confirm/\S+/)", text_part(confirmation)
    )
    assert confirm_url.group(1) in html_part(confirmation)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    page = browser.get(confirm_url.group(1))
    assert "Confirm your subscription" in page.content.decode()
    response = browser.post(confirm_url.group(1), {"topics": ["research_news"]})
    assert "You are subscribed" in response.content.decode()
    alice = Subscriber.objects.get()
    assert alice.status == Subscriber.Status.SUBSCRIBED and alice.research_news
    assert ConsentRecord.objects.get().confirmed_at is not None

    # A welcome arrives at once, with the links a reader needs before any campaign.
    run_worker()
    [welcome] = smtp_server.received_by(ALICE)[1:]
    assert welcome["Subject"] == "Welcome to the Psycle newsletter"
    assert "- Research news" in text_part(welcome)
    preferences_url = re.search(
        r"Change your topics: (https://psycle\.example/newsletter/preferences/\S+/)",
        text_part(welcome),
    ).group(1)
    welcome_unsubscribe = re.search(
        r"Unsubscribe in one click: (https://psycle\.example/newsletter/unsubscribe/\S+/)",
        text_part(welcome),
    ).group(1)
    assert preferences_url in html_part(welcome) and welcome_unsubscribe in html_part(welcome)
    assert welcome["List-Unsubscribe"].strip() == f"<{welcome_unsubscribe}>"
    preferences = Client().get(path_of(preferences_url))
    assert preferences.status_code == 200
    assert 'value="research_news" id="id_topics_0" checked' in preferences.content.decode()
    assert Client().get(path_of(welcome_unsubscribe)).status_code == 200

    first = campaign(send_at=timezone.now() - timedelta(minutes=1))
    campaigns.schedule(first.pk)
    run_worker()
    [issue] = smtp_server.received_by(ALICE)[2:]
    assert issue["Subject"] == "What a new ketamine study found"
    assert issue["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A long header is folded onto a second line; mail programs unfold it.
    unsubscribe_header = issue["List-Unsubscribe"].strip()
    unsubscribe_url = re.fullmatch(
        r"<(https://psycle\.example/newsletter/unsubscribe/\S+/)>", unsubscribe_header
    ).group(1)
    assert unsubscribe_url in text_part(issue) and unsubscribe_url in html_part(issue)
    assert "A new study is out." in text_part(issue)
    assert "If you need help now: https://psycle.example/crisis/" in text_part(issue)
    assert '<a href="https://psycle.example/crisis/">' in html_part(issue)
    assert "/newsletter/preferences/" in text_part(issue)

    # What a mail program sends for RFC 8058: one POST, no cookie, no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(
        path_of(unsubscribe_url), {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200
    assert "You are unsubscribed" in one_click.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED

    second = campaign(subject="Another study", send_at=timezone.now() - timedelta(minutes=1))
    campaigns.schedule(second.pk)
    run_worker()
    assert len(smtp_server.received_by(ALICE)) == 3
    assert not Delivery.objects.filter(campaign=second).exists()
