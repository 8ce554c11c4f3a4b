"""Named people and a campaign, made the way the site makes them."""

from django.utils import timezone

from newsletter.consent import CONSENT_TEXTS, CONSENT_VERSION
from newsletter.models import Campaign, ConsentRecord, Subscriber

ALICE = "alice@example.com"
BOB = "bob@example.com"
CAROL = "carol@example.com"


def subscribed(email: str, **topics: bool) -> Subscriber:
    return Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.SUBSCRIBED,
        confirmed_at=timezone.now(),
        research_news=topics.get("research_news", True),
        treatment_guides=topics.get("treatment_guides", True),
    )


def campaign(**fields) -> Campaign:
    values = {
        "subject": "What a new ketamine study found",
        "topic": "research_news",
        "body": "A new study is out.\n\nIf you need help now: https://psycle.example/crisis/",
    }
    values.update(fields)
    return Campaign.objects.create(**values)


def pending_consent(email: str = ALICE, topics=("research_news",), zip_code="") -> ConsentRecord:
    """Someone who filled in the sign-up form and has not yet followed the link."""
    subscriber, _created = Subscriber.objects.get_or_create(email=email)
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        form_name="subscribe_page",
        consent_text=str(CONSENT_TEXTS["subscribe_page"]),
        consent_version=CONSENT_VERSION,
        topics=list(topics),
        zip_code=zip_code,
    )
