import re

import pytest
from django.core import mail
from django.test import override_settings

from core.tests.people import ALICE, pending_consent, subscribed
from newsletter import notices
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


@override_settings(SITE_URL="https://psycle.example", NEWSLETTER_CONFIRMATION_MAX_AGE=48 * 3600)
def test_the_confirmation_has_a_signed_link_in_both_parts_and_says_how_long_it_works():
    consent = pending_consent(topics=["research_news", "treatment_guides"])
    assert notices.send_confirmation(consent.pk)
    [message] = mail.outbox
    assert message.to == [ALICE]
    html = message.alternatives[0][0]
    link = re.search(r"https://psycle\.example/newsletter/confirm/[^/\s]+/", message.body).group(0)
    assert f'href="{link}"' in html
    assert "- Research news\n- Treatment guides" in message.body
    assert "The link works for 48 hours." in message.body
    assert "ignore this e-mail" in message.body


def test_no_confirmation_goes_to_a_suppressed_or_confirmed_address():
    consent = pending_consent()
    Subscriber.objects.update(suppressed_reason="complained", suppressed_at="2026-01-01T00:00Z")
    assert not notices.send_confirmation(consent.pk)
    assert mail.outbox == []


@override_settings(SITE_URL="https://psycle.example")
def test_someone_already_subscribed_is_sent_their_preferences_link():
    alice = subscribed(ALICE)
    assert notices.send_already_subscribed(alice.pk)
    [message] = mail.outbox
    assert "It is already subscribed, so nothing has changed." in message.body
    assert "https://psycle.example/newsletter/preferences/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
