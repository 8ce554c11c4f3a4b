import base64
import json

import pytest
from django.test import override_settings

from core.tests.people import ALICE, BOB, subscribed
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

WEBHOOK = "/newsletter/esp/postmark/tracking/"
SECRET = "psycle:webhook-secret-for-tests"


def postmark(record_type: str, email: str, **extra) -> str:
    return json.dumps(
        {
            "RecordType": record_type,
            "Email": email,
            "MessageID": "b0a0e1c2-0000-4000-8000-1",
            **extra,
        }
    )


def post(client, body: str, secret: str = SECRET):
    auth = base64.b64encode(secret.encode()).decode()
    return client.post(
        WEBHOOK, body, content_type="application/json", HTTP_AUTHORIZATION=f"Basic {auth}"
    )


@override_settings(ANYMAIL={"WEBHOOK_SECRET": SECRET})
@pytest.mark.parametrize(
    ("record_type", "extra", "reason"),
    [
        ("Bounce", {"Type": "HardBounce", "TypeCode": 1}, "bounced"),
        ("SpamComplaint", {"Type": "SpamComplaint", "TypeCode": 512}, "complained"),
    ],
)
def test_a_bounce_or_complaint_suppresses_the_address(client, record_type, extra, reason):
    subscribed(ALICE)
    subscribed(BOB)
    response = post(client, postmark(record_type, "Alice@Example.com", **extra))
    assert response.status_code == 200
    alice = Subscriber.objects.get(email=ALICE)
    assert alice.suppressed_reason == reason
    assert alice.suppressed_at is not None
    assert Subscriber.objects.get(email=BOB).suppressed_at is None


@override_settings(ANYMAIL={"WEBHOOK_SECRET": SECRET})
def test_a_delivery_report_changes_nothing(client):
    subscribed(ALICE)
    response = post(client, postmark("Delivery", ALICE, Recipient=ALICE))
    assert response.status_code == 200
    assert Subscriber.objects.get().suppressed_at is None


@override_settings(ANYMAIL={"WEBHOOK_SECRET": SECRET})
def test_a_report_without_the_secret_is_refused(client):
    subscribed(ALICE)
    response = post(client, postmark("Bounce", ALICE, Type="HardBounce"), secret="guess:wrong")
    assert response.status_code == 400
    assert Subscriber.objects.get().suppressed_at is None


@override_settings(ANYMAIL={"WEBHOOK_SECRET": None})
def test_until_a_secret_is_set_the_webhooks_do_not_answer(client):
    subscribed(ALICE)
    response = post(client, postmark("Bounce", ALICE, Type="HardBounce"))
    assert response.status_code == 404
    assert Subscriber.objects.get().suppressed_at is None
