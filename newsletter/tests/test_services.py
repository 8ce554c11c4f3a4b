from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.tests.people import ALICE, pending_consent, subscribed
from newsletter import services
from newsletter.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db


def test_addresses_are_kept_trimmed_and_in_lower_case():
    services.subscribe("  Alice@Example.COM\n", ["research_news"], "", "footer")
    assert list(Subscriber.objects.values_list("email", flat=True)) == [ALICE]


def test_the_database_refuses_a_second_row_for_one_address():
    subscribed(ALICE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.create(email=ALICE)


def test_the_database_refuses_an_address_that_is_not_normalised():
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.create(email="Alice@example.com")


def test_the_database_refuses_providers_near_me_without_a_zip_code():
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscriber.objects.create(email=ALICE, providers_near_me=True)


def test_the_form_writes_to_an_address_again_only_after_a_pause(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe(ALICE, ["research_news"], "", "footer")
        services.subscribe(ALICE, ["research_news"], "", "footer")
    assert DBTaskResult.objects.count() == 1
    Subscriber.objects.update(last_asked_at=timezone.now() - timedelta(minutes=11))
    with django_capture_on_commit_callbacks(execute=True):
        services.subscribe(ALICE, ["treatment_guides"], "", "subscribe_page")
    assert DBTaskResult.objects.count() == 2
    assert ConsentRecord.objects.count() == 2


def test_someone_who_left_and_signs_up_again_gets_nothing_until_they_confirm():
    alice = subscribed(ALICE)
    services.unsubscribe(alice.pk)
    services.subscribe(ALICE, ["research_news"], "", "footer")
    alice.refresh_from_db()
    assert alice.status == Subscriber.Status.UNSUBSCRIBED
    outcome = services.confirm(ConsentRecord.objects.get(), ["research_news"], "")
    assert outcome is services.Confirmation.CONFIRMED
    alice.refresh_from_db()
    assert alice.status == Subscriber.Status.SUBSCRIBED
    assert alice.unsubscribed_at is None


def test_confirming_lifts_a_suppression_because_the_mailbox_answered():
    consent = pending_consent()
    Subscriber.objects.update(suppressed_at=timezone.now(), suppressed_reason="bounced")
    services.confirm(consent, ["research_news"], "")
    alice = Subscriber.objects.get()
    assert alice.suppressed_at is None
    assert list(Subscriber.objects.receiving("research_news")) == [alice]


def test_a_bounce_suppresses_the_address_whatever_its_case():
    subscribed(ALICE)
    assert services.suppress_address("ALICE@example.com", "bounced") == 1
    assert Subscriber.objects.get().suppressed_reason == "bounced"
    assert not Subscriber.objects.receiving("research_news").exists()
