from django import template

from newsletter.consent import CONSENT_TEXTS

register = template.Library()


@register.inclusion_tag("newsletter/includes/footer_signup.html", takes_context=True)
def newsletter_footer_signup(context):
    """The small sign-up form in every page's footer, with the consent text it records; left
    out on the sign-up page, which would otherwise have two forms asking the same thing, and
    wherever someone may be in crisis (``crisis_first`` in the context: the crisis page, a
    result or a search that signals risk), where nothing should compete with the crisis lines."""
    return {
        "consent_text": CONSENT_TEXTS["footer"],
        "shown": not (context.get("sign_up_form_on_page") or context.get("crisis_first")),
    }
