"""The e-mails the portal sends."""

from clinics.models import Claim
from core import emails
from core.links import absolute


def send_claim_decision(claim_id: str) -> bool:
    claim = Claim.objects.select_related("organization", "user").filter(pk=claim_id).first()
    if claim is None or claim.status == Claim.Status.PENDING:
        return False
    emails.send(
        "clinic_claim_decision",
        claim.user.email,
        {
            "claim": claim,
            "organization": claim.organization,
            "approved": claim.status == Claim.Status.APPROVED,
            "portal_url": absolute("/clinic/"),
            "claim_url": absolute("/clinic/claim/"),
        },
    )
    return True
