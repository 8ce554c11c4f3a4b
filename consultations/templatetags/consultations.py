from django import template

from consultations.forms import ConsultationRequestForm
from consultations.views import privacy_context

register = template.Library()


@register.inclusion_tag("consultations/includes/profile_section.html")
def consultation_request_section(organization, accepting=True):
    """The request form for a provider's profile, or how else to reach a provider that takes no
    requests through Psycle. For a clinic not accepting new patients the form is folded away
    behind a warning, so nobody sends it thinking they will be offered an appointment."""
    form = ConsultationRequestForm(organization) if organization.email else None
    return {
        "organization": organization,
        "form": form,
        "accepting": accepting,
        **privacy_context(),
    }
