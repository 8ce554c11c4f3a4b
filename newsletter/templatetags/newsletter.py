from django import template

from newsletter.consent import CONSENT_TEXTS

register = template.Library()


@register.inclusion_tag("newsletter/includes/footer_signup.html")
def newsletter_footer_signup():
    """The small sign-up form in every page's footer, with the consent text it records."""
    return {"consent_text": CONSENT_TEXTS["footer"]}
