from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def cite(context, keys):
    """Numbered links to the sources listed at the foot of the page."""
    numbers = context.get("reference_numbers", {})
    cited = [(key, numbers[key]) for key in keys if key in numbers]
    if not cited:
        return ""
    links = format_html_join(
        ", ",
        '<a href="#ref-{}" aria-label="{}">{}</a>',
        ((key, _("Source %(number)s") % {"number": number}, number) for key, number in cited),
    )
    return format_html('<sup class="cite">[{}]</sup>', links)
