"""Named people and a campaign, made the way the site makes them."""

from django.utils import timezone

from newsletter.models import Campaign, Subscriber

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
        "body": '<p>A new study is out.</p><p><a href="/crisis/">Help now</a></p>',
    }
    values.update(fields)
    return Campaign.objects.create(**values)
