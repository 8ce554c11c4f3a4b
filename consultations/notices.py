"""The e-mails about requests. None of them carries what the seeker wrote: the clinic reads the
request in the portal, and the seeker is told what was sent and to whom, not the text again."""

from django.conf import settings

from consultations import delivery, links
from consultations.models import ConsultationRequest
from core import emails


def send_clinic_notice(consultation: ConsultationRequest) -> None:
    """Tell the clinic a request is waiting in its portal; no name, contact or message."""
    if not consultation.organization.email:
        # Django's mail backends skip a message with no recipient and report success.
        raise delivery.Undeliverable("The clinic has no e-mail address on its listing.")
    emails.send(
        "consultation_clinic_notice",
        consultation.organization.email,
        {
            "organization": consultation.organization,
            "portal_url": links.portal_url(consultation.pk),
        },
        headers={"Message-ID": links.message_id(consultation.pk, "consultation-request")},
    )


def send_confirmation(consultation: ConsultationRequest) -> None:
    """Tell the seeker what was sent to whom, and how to delete it."""
    emails.send(
        "consultation_confirmation",
        consultation.email,
        {
            "organization": consultation.organization,
            "consultation": consultation,
            "deletion_url": links.deletion_url(consultation.pk),
            "retention_days": settings.PSYCLE_REQUEST_RETENTION_DAYS,
            "max_age_days": settings.PSYCLE_REQUEST_MAX_AGE_DAYS,
        },
        headers={"Message-ID": links.message_id(consultation.pk, "consultation-confirmation")},
    )


def send_deletion_links(email_hash: str) -> int:
    """E-mail the seeker a deletion link for each request sent with their address; the number
    of requests. The address comes from the requests themselves, so it never waits in the task
    queue in clear."""
    requests = list(
        ConsultationRequest.objects.filter(email_hash=email_hash)
        .select_related("organization")
        .order_by("created_at")
    )
    if not requests:
        return 0
    emails.send(
        "consultation_deletion_links",
        requests[-1].email,
        {
            "requests": [
                {"consultation": consultation, "deletion_url": links.deletion_url(consultation.pk)}
                for consultation in requests
            ],
            "max_age_days": settings.PSYCLE_REQUEST_MAX_AGE_DAYS,
        },
    )
    return len(requests)
