from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.tests.people import ALICE, BOB, CAROL, campaign, subscribed
from core.tests.smtp import delivering_to, free_port
from newsletter import sending
from newsletter.models import Campaign, Delivery, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)


def started(**fields) -> Campaign:
    issue = campaign(
        status=Campaign.Status.SCHEDULED, send_at=timezone.now() - timedelta(seconds=1), **fields
    )
    assert sending.start(issue.pk)
    return issue


def test_the_body_becomes_html_and_stays_as_written_in_the_text_part():
    body = (
        "## New study  \n\nIt is <small> & early.\nRead it: https://example.org/study\n\n"
        "- one\n- two\n"
    )
    content = sending.campaign_content(campaign(body=body))
    assert content.html == (
        "<h2>New study</h2>\n"
        "<p>It is &lt;small&gt; &amp; early.<br>"
        'Read it: <a href="https://example.org/study">https://example.org/study</a></p>\n'
        "<ul><li>one</li><li>two</li></ul>"
    )
    assert content.text == (
        "## New study\n\nIt is <small> & early.\nRead it: https://example.org/study\n\n- one\n- two"
    )


def test_a_campaign_goes_to_confirmed_subscribers_of_its_topic_only():
    subscribed(ALICE, research_news=True)
    subscribed(BOB, research_news=False)
    Subscriber.objects.create(email=CAROL, research_news=True)  # never confirmed
    issue = started(topic="research_news")
    assert list(issue.deliveries.values_list("subscriber__email", flat=True)) == [ALICE]


def test_a_campaign_starts_once_and_not_before_its_time():
    subscribed(ALICE)
    later = campaign(status=Campaign.Status.SCHEDULED, send_at=timezone.now() + timedelta(hours=1))
    assert not sending.start(later.pk)
    assert Campaign.objects.get(pk=later.pk).status == Campaign.Status.SCHEDULED
    issue = started()
    assert not sending.start(issue.pk)
    assert Delivery.objects.filter(campaign=issue).count() == 1


def test_an_address_the_server_refuses_for_good_fails_and_is_suppressed(smtp_server):
    subscribed(ALICE)
    subscribed(BOB)
    issue = started()

    async def refuse_alice(server, session, envelope, address, rcpt_options):
        if address == ALICE:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    smtp_server.handler.handle_RCPT = refuse_alice
    assert sending.send_batch(issue.pk) == 1
    alice_delivery = Delivery.objects.get(subscriber__email=ALICE)
    assert (alice_delivery.status, alice_delivery.error) == ("failed", "SMTP 550")
    assert Subscriber.objects.get(email=ALICE).suppressed_reason == "bounced"
    assert smtp_server.copies_per_recipient() == {BOB: 1}
    assert not sending.needs_another_batch(issue.pk)
    assert Campaign.objects.get().status == Campaign.Status.SENT


def test_an_unreachable_mail_server_leaves_every_delivery_pending():
    subscribed(ALICE)
    issue = started()
    with delivering_to(free_port()):  # nothing listens there
        assert sending.send_batch(issue.pk) == 0
    assert Delivery.objects.get().status == Delivery.Status.PENDING
    assert sending.needs_another_batch(issue.pk)


def test_the_database_allows_one_delivery_per_campaign_and_subscriber():
    subscribed(ALICE)
    issue = started()
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(campaign=issue, subscriber=Subscriber.objects.get())


def test_a_delivery_can_be_claimed_by_one_worker_only():
    subscribed(ALICE)
    delivery = started().deliveries.get()
    first = sending._claim(delivery.pk, subscriber_is_receiving=True)
    second = sending._claim(delivery.pk, subscriber_is_receiving=True)
    assert first is not None
    assert second is None
    delivery.refresh_from_db()
    assert (delivery.status, delivery.claim_token) == (Delivery.Status.SENDING, first)
