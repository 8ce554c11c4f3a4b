"""What editors do with a campaign in the admin: test it, schedule it, resume it."""

from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tasks import enqueue_on_commit
from newsletter import links, sending, tasks
from newsletter.models import Campaign, Delivery, Subscriber


class CannotSchedule(Exception):
    """The campaign cannot be scheduled in its present state."""


def recipients_now(campaign: Campaign) -> int:
    return Subscriber.objects.receiving(campaign.topic).count()


def delivery_counts(campaign: Campaign) -> dict[str, int]:
    counts = dict.fromkeys(Delivery.Status.values, 0)
    for row in campaign.deliveries.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def schedule(campaign_id: int) -> Campaign:
    """Queue the start for the campaign's send time (at once if that time has passed)."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.status != Campaign.Status.DRAFT:
            raise CannotSchedule(_("Only a draft can be scheduled."))
        if campaign.send_at is None:
            raise CannotSchedule(_("Set “Send at” on the campaign first, then schedule it."))
        campaign.status = Campaign.Status.SCHEDULED
        Campaign.objects.filter(pk=campaign.pk).update(status=campaign.status)
        start_at = max(campaign.send_at, timezone.now())
        enqueue_on_commit(tasks.start_campaign.using(run_after=start_at), campaign.pk)
    return campaign


def unschedule(campaign_id: int) -> bool:
    """Back to draft, if sending has not started. The queued start then finds nothing to do."""
    return bool(
        Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SCHEDULED).update(
            status=Campaign.Status.DRAFT
        )
    )


def resume(campaign_id: int) -> bool:
    """Queue another batch for a campaign that is sending, in case its worker stopped in a way
    that lost the queued batch. A second chain of batches is harmless: claims are exclusive."""
    if not Campaign.objects.filter(pk=campaign_id, status=Campaign.Status.SENDING).exists():
        return False
    enqueue_on_commit(tasks.send_campaign_batch, campaign_id)
    return True


def send_test(campaign: Campaign, to: str) -> None:
    """The campaign as a subscriber gets it, marked as a test; its links lead to the sign-up
    page, since a test recipient has no subscription to manage."""
    sign_up = links.absolute(reverse("newsletter:subscribe"))
    sending.campaign_message(
        campaign,
        sending.campaign_content(campaign),
        to,
        preferences_url=sign_up,
        unsubscribe_url=sign_up,
        test=True,
    ).send()
