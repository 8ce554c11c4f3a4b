from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, href: str, label: str):
    """A navigation link that tells assistive technology when it leads to the current section."""
    request = context.get("request")
    current = request is not None and request.path.startswith(href)
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', href, label)
    return format_html('<a href="{}">{}</a>', href, label)


@register.simple_tag
def field_widget(field):
    """A form field's input, described by its hint and its errors (ids ``<id>_helptext`` and
    ``<id>_error``, as ``includes/form_field.html`` writes them)."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else None
    return field.as_widget(attrs=attrs)


@register.filter
def money(amount, places=None):
    """US dollars as the site writes them everywhere: "$1,075", or "$1,075.50" when there are
    cents; ``places=0`` rounds to whole dollars (half up), as medians are shown."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount))
    if places is not None:
        value = value.quantize(Decimal(1) if int(places) == 0 else Decimal(10) ** -int(places),
                               rounding=ROUND_HALF_UP)  # fmt: skip
    if value == value.to_integral_value():
        return f"${int(value):,}"
    return f"${value:,.2f}"
