from django import template

from accounts import second_factor

register = template.Library()


@register.simple_tag(takes_context=True)
def second_factor_next(context) -> str:
    """Where the person was going when they were asked to set up two-step sign-in."""
    request = context.get("request")
    if request is None:
        return ""
    return request.session.get(second_factor.NEXT_KEY, "")
