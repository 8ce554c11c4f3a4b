from django import template

from consultations.forms import ConsultationRequestForm
from consultations.views import privacy_context

register = template.Library()


@register.inclusion_tag("consultations/includes/profile_section.html")
def consultation_request_section(organization):
    """The request form for a provider's profile, or how else to reach a provider that takes no
    requests through Psycle."""
    form = ConsultationRequestForm(organization) if organization.email else None
    return {"organization": organization, "form": form, **privacy_context()}
