"""Background work for the portal, run by `manage.py db_worker`."""

from datetime import timedelta

from django_tasks import task

from clinics import notices
from core.tasks import send_or_retry


@task()
def send_claim_decision(claim_id: str, attempt: int = 1) -> bool:
    """Tell a claimant whether their claim was approved; tried again while the server is down."""
    return send_or_retry(
        notices.send_claim_decision,
        send_claim_decision,
        claim_id,
        attempt,
        attempts=10,
        first_delay=timedelta(minutes=1),
    )
