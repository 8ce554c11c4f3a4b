"""The named people of the consultation tests, and a factory for their requests."""

from django.utils import timezone

from consultations.models import ConsultationRequest
from directory.models import Organization

# Dana is a seeker who writes to a clinic; what she writes must never show outside the portal.
DANA = {
    "name": "Dana Whitfield",
    "email": "dana.whitfield@example.net",
    "phone": "+14155550143",
    "message": "Two antidepressants have not helped my depression; is IV ketamine possible?",
}


def clinic(slug: str = "riverside", email: str = "intake@riverside.example") -> Organization:
    """A clinic that takes requests by e-mail."""
    return Organization.objects.create(slug=slug, name="Riverside Ketamine Clinic", email=email)


def consultation_request(organization: Organization, **fields) -> ConsultationRequest:
    values = {
        **DANA,
        "email_hash": "",
        "preferred_contact": ConsultationRequest.ContactMethod.EMAIL,
        "state": "CA",
        "consent_at": timezone.now(),
        "privacy_notice_version": "2025-01",
        **fields,
    }
    return ConsultationRequest.objects.create(organization=organization, **values)
